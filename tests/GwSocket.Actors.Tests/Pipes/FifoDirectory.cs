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

    /// <summary>
    /// True while some descriptor of this process has <paramref name="path"/> open for reading or writing (Linux:
    /// /proc/self/fd); the O_PATH handle the pipe-in reader keeps on its FIFO between writers does not count.
    /// </summary>
    public static bool IsOpenInThisProcess(string path) => DescriptorsOf(path).Any(fd => !IsPathOnly(fd));

    /// <summary>True while some descriptor of this process refers to <paramref name="path"/>, O_PATH handles included.</summary>
    public static bool IsHeldInThisProcess(string path) => DescriptorsOf(path).Any();

    private static List<string> DescriptorsOf(string path)
    {
        var found = new List<string>();
        foreach (var link in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(link).LinkTarget == path)
                    found.Add(Path.GetFileName(link));
            }
            catch (IOException)
            {
                // The descriptor was closed while we looked.
            }
        }
        return found;
    }

    /// <summary>True when descriptor <paramref name="fd"/> was opened with O_PATH (its flags in /proc/self/fdinfo are octal).</summary>
    private static bool IsPathOnly(string fd)
    {
        try
        {
            var flags = File.ReadLines($"/proc/self/fdinfo/{fd}").First(line => line.StartsWith("flags:", StringComparison.Ordinal));
            return (Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & LibC.OPath) != 0;
        }
        catch (IOException)
        {
            // Closed since it was listed: it holds nothing open any more.
            return true;
        }
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
