using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GwSocket.EndToEnd.Tests.Pipes;

/// <summary>The libc calls a test needs around named pipes, which .NET does not offer (Linux constants).</summary>
public static class Fifos
{
    private const int OWrOnly = 0x1;
    private const int ONonBlock = 0x800;
    private const int OPath = 0x200000;

    public static void Create(string path)
    {
        if (MkFifo(path, 0x180) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"mkfifo({path}) failed");
        }
    }

    /// <summary>What stat(1) calls the file type: "fifo", "regular file", "regular empty file"; empty when nothing is there.</summary>
    public static string FileType(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%F", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var type = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return type;
    }

    /// <summary>Opens and closes the write end without blocking: a reader blocked in open() returns, and reads end of file.</summary>
    public static void ReleaseBlockedReader(string path)
    {
        var fd = Open(path, OWrOnly | ONonBlock);
        if (fd >= 0)
        {
            Close(fd);
        }
    }

    /// <summary>
    /// True while process <paramref name="processId"/> has <paramref name="path"/> open for reading or writing (Linux:
    /// /proc/PID/fd); the O_PATH handle the server's pipe-in reader keeps on its FIFO between writers does not count.
    /// </summary>
    public static bool IsOpenIn(int processId, string path) =>
        DescriptorsOf(processId, path).Any(fd => !IsPathOnly(processId, fd));

    /// <summary>True while some descriptor of process <paramref name="processId"/> refers to <paramref name="path"/>, O_PATH handles included.</summary>
    public static bool IsHeldBy(int processId, string path) => DescriptorsOf(processId, path).Any();

    private static List<string> DescriptorsOf(int processId, string path)
    {
        var found = new List<string>();
        foreach (var link in Directory.EnumerateFileSystemEntries($"/proc/{processId}/fd"))
        {
            try
            {
                if (new FileInfo(link).LinkTarget == path)
                {
                    found.Add(Path.GetFileName(link));
                }
            }
            catch (IOException)
            {
                // The descriptor was closed while we looked.
            }
        }

        return found;
    }

    /// <summary>True when the descriptor was opened with O_PATH (its flags in /proc/PID/fdinfo are octal), or is gone.</summary>
    private static bool IsPathOnly(int processId, string fd)
    {
        try
        {
            var flags = File.ReadLines($"/proc/{processId}/fdinfo/{fd}").First(line => line.StartsWith("flags:", StringComparison.Ordinal));
            return (Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & OPath) != 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MkFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
