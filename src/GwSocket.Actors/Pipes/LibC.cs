using System.Runtime.InteropServices;

namespace GwSocket.Actors.Pipes;

/// <summary>
/// The few libc calls named pipes need: .NET has no mkfifo, no non-blocking open and no way to
/// wake a thread blocked in open() or read(). Constants are Linux's (the same on x86_64 and aarch64).
/// </summary>
internal static class LibC
{
    public const int ORdOnly = 0x0;
    public const int OWrOnly = 0x1;
    public const int ONonBlock = 0x800;
    public const int OCloExec = 0x80000;
    /// <summary>A handle on the file itself, opened without opening the FIFO (no rendezvous with the other end).</summary>
    public const int OPath = 0x200000;

    public const int EIntr = 4;
    public const int ENoEnt = 2;
    public const int ENxIo = 6;
    public const int EAgain = 11;
    public const int EExist = 17;
    public const int EPipe = 32;

    public const short PollIn = 0x1;
    public const short PollOut = 0x4;
    public const short PollErr = 0x8;
    public const short PollHup = 0x10;
    public const short PollNval = 0x20;

    /// <summary>S_IRUSR | S_IWUSR | S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH, as gwsocket creates its FIFOs (the umask applies).</summary>
    public const uint FifoMode = 0x1B6;

    public const int AtFdCwd = -100;
    public const uint StatxType = 0x1;
    public const int StatxSize = 256;
    public const int StatxModeOffset = 28;
    public const int SIfMt = 0xF000;
    public const int SIfIfo = 0x1000;

    [DllImport("libc", SetLastError = true)]
    public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern nint read(int fd, ref byte buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    public static extern nint write(int fd, ref byte buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    public static extern int poll([In, Out] PollFd[] fds, nuint count, int timeoutMilliseconds);

    [DllImport("libc", SetLastError = true)]
    public static extern int pipe2([Out] int[] fds, int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int mkfifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    /// <summary>
    /// statx rather than stat: struct statx has one layout on every architecture, while struct stat
    /// puts st_mode at a different offset on x86_64 and aarch64.
    /// </summary>
    [DllImport("libc", SetLastError = true)]
    public static extern int statx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] statxBuffer);

    public static int LastError => Marshal.GetLastPInvokeError();

    public static string LastErrorMessage => Marshal.GetLastPInvokeErrorMessage();

    public static string ErrorMessage(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}

/// <summary>struct pollfd.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short Revents;
}
