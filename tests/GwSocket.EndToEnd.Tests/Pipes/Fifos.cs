using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GwSocket.EndToEnd.Tests.Pipes;

/// <summary>The libc calls a test needs around named pipes, which .NET does not offer (Linux constants).</summary>
public static class Fifos
{
    private const int OWrOnly = 0x1;
    private const int ONonBlock = 0x800;

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

    /// <summary>True while process <paramref name="processId"/> has a descriptor open on <paramref name="path"/> (Linux: /proc/PID/fd).</summary>
    public static bool IsOpenIn(int processId, string path)
    {
        foreach (var link in Directory.EnumerateFileSystemEntries($"/proc/{processId}/fd"))
        {
            try
            {
                if (new FileInfo(link).LinkTarget == path)
                {
                    return true;
                }
            }
            catch (IOException)
            {
                // The descriptor was closed while we looked.
            }
        }

        return false;
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MkFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
