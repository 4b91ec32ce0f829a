using System.ComponentModel;
using System.Runtime.InteropServices;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>Sends POSIX signals to a process, as a shell's `kill` does.</summary>
public static class PosixSignals
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    /// <summary>SIGINT, as Ctrl-C in a terminal.</summary>
    public static void Interrupt(int processId)
    {
        if (Kill(processId, SigInt) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"kill({processId}, SIGINT) failed");
        }
    }

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
