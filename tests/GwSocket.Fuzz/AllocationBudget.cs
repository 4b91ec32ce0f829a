namespace GwSocket.Fuzz;

/// <summary>Measures what the current thread allocates while a decoder runs, against the bound it must respect.</summary>
public readonly struct AllocationBudget(long limit)
{
    private readonly long _start = GC.GetAllocatedBytesForCurrentThread();

    /// <param name="what">Named in the failure: which decoder and which input.</param>
    public void Check(string what)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread() - _start;
        if (allocated > limit)
            throw new FuzzFailure($"{what} allocated {allocated} bytes, more than its bound of {limit}");
    }
}
