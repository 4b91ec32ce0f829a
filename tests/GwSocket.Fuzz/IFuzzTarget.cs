namespace GwSocket.Fuzz;

/// <summary>One decoder under test: how to make inputs for it and what must hold for every input.</summary>
public interface IFuzzTarget
{
    /// <summary>The name on the command line and of the corpus directory.</summary>
    string Name { get; }

    /// <summary>A new input built from the target's own grammar (well-formed or nearly so).</summary>
    byte[] Generate(Random random);

    /// <summary>
    /// Returns the outcome's kind (for the tally of what the run reached); throws <see cref="FuzzFailure"/> when a
    /// property does not hold, and any other exception is a failure too.
    /// </summary>
    string Check(byte[] input, Random random);
}
