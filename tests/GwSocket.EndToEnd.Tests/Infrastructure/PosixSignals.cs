using System.ComponentModel;
using System.Runtime.InteropServices;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>Sends POSIX signals to a process, as a shell's `kill` does.</summary>
public static class PosixSignals
{
    private const int SigTerm = 15;

    public static void Terminate(int processId)
    {
        if (Kill(processId, SigTerm) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"kill({processId}, SIGTERM) failed");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
