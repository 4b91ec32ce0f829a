namespace GwSocket.Actors.Pipes;

/// <summary>Named pipes as gwsocket handles them: created when missing, and anything else at the path is left alone.</summary>
internal static class NamedPipe
{
    /// <summary>Makes sure <paramref name="path"/> is a FIFO, creating it when missing; never replaces or removes what is there.</summary>
    public static void Ensure(string path, string option)
    {
        if (IsFifo(path, option))
            return;
        if (LibC.mkfifo(path, LibC.FifoMode) == 0)
            return;
        var errno = LibC.LastError;
        // Someone else created it in between: fine when it is a FIFO.
        if (errno == LibC.EExist && IsFifo(path, option))
            return;
        throw new PipeSetupException(option, path, $"cannot create the named pipe: {LibC.ErrorMessage(errno)}");
    }

    /// <summary>True for a FIFO, false when nothing is there; anything else there is an error.</summary>
    private static bool IsFifo(string path, string option)
    {
        var buffer = new byte[LibC.StatxSize];
        if (LibC.statx(LibC.AtFdCwd, path, 0, LibC.StatxType, buffer) != 0)
        {
            var errno = LibC.LastError;
            if (errno == LibC.ENoEnt)
                return false;
            throw new PipeSetupException(option, path, $"cannot inspect the path: {LibC.ErrorMessage(errno)}");
        }
        var mode = BitConverter.ToUInt16(buffer, LibC.StatxModeOffset);
        if ((mode & LibC.SIfMt) != LibC.SIfIfo)
            throw new PipeSetupException(option, path, "exists and is not a named pipe (FIFO); it was left untouched");
        return true;
    }
}
