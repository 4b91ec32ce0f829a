using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace GwSocket.Soak;

/// <summary>The producer and the consumer of a strict-mode server: writes records into pipe-in, learns client ids from pipe-out.</summary>
public sealed class StrictPipes : IDisposable
{
    private readonly FileStream _pipeIn;
    private readonly Thread _reader;
    private readonly string _pipeOutPath;

    public StrictPipes(string pipeIn, string pipeOut)
    {
        _pipeOutPath = pipeOut;
        _reader = new Thread(ReadPipeOut) { IsBackground = true, Name = "pipe-out" };
        _reader.Start();
        _pipeIn = new FileStream(pipeIn, FileMode.Open, FileAccess.Write);
    }

    /// <summary>Ids of the clients connected now, as the opens and closes on pipe-out tell.</summary>
    public ConcurrentDictionary<uint, bool> LiveIds { get; } = new();

    public long PipeOutRecords { get; private set; }

    public void Write(uint clientId, string text)
    {
        var payload = System.Text.Encoding.UTF8.GetBytes(text);
        var record = new byte[12 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(record, clientId);
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(8), (uint)payload.Length);
        payload.CopyTo(record, 12);
        _pipeIn.Write(record);
        _pipeIn.Flush();
    }

    public void Dispose() => _pipeIn.Dispose();

    private void ReadPipeOut()
    {
        using var pipeOut = new FileStream(_pipeOutPath, FileMode.Open, FileAccess.Read);
        var header = new byte[12];
        while (pipeOut.ReadAtLeast(header, 12, throwOnEndOfStream: false) == 12)
        {
            var id = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            pipeOut.ReadExactly(new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8))]);
            PipeOutRecords++;
            if (type == 0x10)
                LiveIds[id] = true;
            else if (type == 0x08)
                LiveIds.TryRemove(id, out _);
        }
    }
}
