namespace GwSocket.Fuzz;

/// <summary>The checked-in inputs of one target: corpus/&lt;target&gt;/*, next to the executable.</summary>
public static class Corpus
{
    public static IReadOnlyList<byte[]> Load(string target)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "corpus", target);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"no corpus for '{target}' at {directory}");
        var inputs = Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        return inputs.Count > 0 ? inputs : throw new InvalidDataException($"the corpus at {directory} is empty");
    }
}
