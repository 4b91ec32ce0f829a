using System.Diagnostics;

namespace GwSocket.Fuzz;

/// <summary>
/// Runs one target: every corpus input first, then generated inputs and mutations of corpus and generated ones.
/// Input i of a run draws from its own seed, so a failure is reproduced with the same --seed (it is also saved).
/// </summary>
public sealed class FuzzRunner(IFuzzTarget target, long iterations, int seed, TextWriter output)
{
    public int Run()
    {
        var corpus = Corpus.Load(target.Name);
        var outcomes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < iterations; i++)
        {
            var random = new Random(unchecked(seed * 1_000_003 + (int)i));
            var input = i < corpus.Count ? corpus[(int)i] : NextInput(corpus, random);
            string outcome;
            try
            {
                outcome = target.Check(input, random);
            }
            catch (Exception e)
            {
                return Fail(i, input, e);
            }
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        clock.Stop();
        output.WriteLine(
            $"{target.Name}: {iterations:N0} inputs clean in {clock.Elapsed.TotalSeconds:F1} s " +
            $"({iterations / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0}/s; seed {seed}; corpus {corpus.Count})");
        output.WriteLine("  outcomes: " + string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value:N0}")));
        return 0;
    }

    private byte[] NextInput(IReadOnlyList<byte[]> corpus, Random random) => random.Next(3) switch
    {
        0 => target.Generate(random),
        1 => Mutator.Mutate(corpus[random.Next(corpus.Count)], corpus, random),
        _ => Mutator.Mutate(target.Generate(random), corpus, random),
    };

    private int Fail(long iteration, byte[] input, Exception e)
    {
        var saved = Path.Combine(Path.GetTempPath(), $"gwsocket-fuzz-{target.Name}-seed{seed}-input{iteration}.bin");
        File.WriteAllBytes(saved, input);
        output.WriteLine($"{target.Name}: input {iteration:N0} (seed {seed}) failed: {e.GetType().Name}: {e.Message}");
        output.WriteLine($"  input saved to {saved} ({input.Length} bytes): {Convert.ToHexString(input.AsSpan(0, Math.Min(input.Length, 64)))}");
        if (e is not FuzzFailure)
            output.WriteLine(e.StackTrace);
        return 1;
    }
}
