namespace GwSocket.Actors.Tests.Pipes;

/// <summary>The test's own ends of a FIFO, as any program would open them; every wait is bounded.</summary>
internal static class FifoEnds
{
    /// <summary>Opens for writing (waits for the reader) with no buffering: each Write is one write(2).</summary>
    public static Task<FileStream> OpenWriterAsync(string path, TimeSpan patience) =>
        Task.Run(() => new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0)).WaitAsync(patience);

    /// <summary>Opens for reading (waits for the writer).</summary>
    public static Task<FileStream> OpenReaderAsync(string path, TimeSpan patience) =>
        Task.Run(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0)).WaitAsync(patience);

    public static Task<byte[]> ReadExactlyAsync(FileStream reader, int count, TimeSpan patience) =>
        Task.Run(() =>
        {
            var bytes = new byte[count];
            reader.ReadExactly(bytes);
            return bytes;
        }).WaitAsync(patience);

    /// <summary>Reads until the writer closes the pipe.</summary>
    public static Task<byte[]> ReadToEndAsync(FileStream reader, TimeSpan patience) =>
        Task.Run(() =>
        {
            using var all = new MemoryStream();
            reader.CopyTo(all);
            return all.ToArray();
        }).WaitAsync(patience);
}
