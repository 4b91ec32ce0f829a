using GwSocket.Actors.Pipes;

namespace GwSocket.Actors.Tests.Pipes;

/// <summary>
/// A temporary directory for one test's named pipes. Disposing releases any test thread still blocked
/// opening one of them (by briefly opening the other end without blocking), then deletes everything.
/// </summary>
internal sealed class FifoDirectory : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("gwsocket-pipes-");

    public string PathOf(string name) => Path.Combine(_directory.FullName, name);

    public string CreateFifo(string name)
    {
        var path = PathOf(name);
        NamedPipe.Ensure(path, "--test");
        return path;
    }

    /// <summary>True while some descriptor of this process has <paramref name="path"/> open (Linux: /proc/self/fd).</summary>
    public static bool IsOpenInThisProcess(string path)
    {
        foreach (var link in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(link).LinkTarget == path)
                    return true;
            }
            catch (IOException)
            {
                // The descriptor was closed while we looked.
            }
        }
        return false;
    }

    public void Dispose()
    {
        foreach (var fifo in _directory.EnumerateFiles())
        {
            ReleaseBlockedOpens(fifo.FullName);
        }
        _directory.Delete(recursive: true);
    }

    private static void ReleaseBlockedOpens(string path)
    {
        foreach (var flags in new[] { LibC.ORdOnly | LibC.ONonBlock, LibC.OWrOnly | LibC.ONonBlock })
        {
            var fd = LibC.open(path, flags);
            if (fd >= 0)
                LibC.close(fd);
        }
    }
}
