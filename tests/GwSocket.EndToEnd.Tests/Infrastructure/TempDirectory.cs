namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A directory owned by one test and deleted with it. The path is kept short
/// because unix socket paths are limited to about 100 bytes.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        FullPath = Path.Combine(Path.GetTempPath(), "gws-e2e-" + Path.GetRandomFileName().Replace(".", ""));
        Directory.CreateDirectory(FullPath);
    }

    public string FullPath { get; }

    public string File(string name) => Path.Combine(FullPath, name);

    public void Dispose()
    {
        if (Directory.Exists(FullPath))
        {
            Directory.Delete(FullPath, recursive: true);
        }
    }
}
