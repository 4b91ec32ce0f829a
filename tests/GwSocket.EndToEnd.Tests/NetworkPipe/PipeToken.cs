using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.NetworkPipe;

/// <summary>A --pipe-token-file in a directory of the test's own, with a secret no other test uses.</summary>
public sealed class PipeToken : IDisposable
{
    private readonly TempDirectory _directory = new();

    public PipeToken()
    {
        Secret = $"secret-{Guid.NewGuid():N}";
        File.WriteAllText(FilePath, Secret + "\n");
    }

    public string Secret { get; }

    public string FilePath => _directory.File("pipe-token");

    /// <summary>The token's directory, for the test's other files.</summary>
    public string Directory => _directory.FullPath;

    public string Option => $"--pipe-token-file={FilePath}";

    public void Dispose() => _directory.Dispose();
}
