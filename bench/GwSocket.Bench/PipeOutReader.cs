using System.Buffers.Binary;
using System.Text;

namespace GwSocket.Bench;

/// <summary>
/// Drains a server's pipe-out on a thread of its own, so the server never queues for it, and learns
/// each client's id from the <c>hello K</c> message client K sends: unicast needs to know whom it writes to.
/// </summary>
internal sealed class PipeOutReader : IDisposable
{
    private const int HeaderSize = 12;
    private const uint TextType = 0x01;
    private const string Hello = "hello ";

    private readonly string _fifoPath;
    private readonly uint[] _idsByClient;
    private readonly Thread _thread;
    private volatile FileStream? _pipe;
    private volatile bool _stopping;

    public PipeOutReader(string fifoPath, int maxClients)
    {
        _fifoPath = fifoPath;
        _idsByClient = new uint[maxClients];
        _thread = new Thread(Drain) { IsBackground = true, Name = "pipe-out " + fifoPath };
        _thread.Start();
    }

    public static string HelloFrom(int client) => Hello + client;

    /// <summary>The id of client number <paramref name="client"/>, 0 until its hello came out of pipe-out.</summary>
    public uint IdOf(int client) => Volatile.Read(ref _idsByClient[client]);

    public void Dispose()
    {
        _stopping = true;
        _pipe?.Dispose();
    }

    private void Drain()
    {
        try
        {
            using var pipe = new FileStream(_fifoPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            _pipe = pipe;
            var header = new byte[HeaderSize];
            var payload = new byte[1 << 20];
            while (!_stopping && pipe.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) == HeaderSize)
            {
                var id = BinaryPrimitives.ReadUInt32BigEndian(header);
                var type = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8));
                if (length > payload.Length)
                    payload = new byte[length];
                pipe.ReadExactly(payload, 0, length);
                if (type == TextType)
                    LearnId(id, payload.AsSpan(0, length));
            }
        }
        catch (Exception) when (_stopping)
        {
        }
    }

    private void LearnId(uint id, ReadOnlySpan<byte> message)
    {
        var text = Encoding.UTF8.GetString(message);
        if (text.StartsWith(Hello, StringComparison.Ordinal) && int.TryParse(text.AsSpan(Hello.Length), out var client)
            && (uint)client < (uint)_idsByClient.Length)
            Volatile.Write(ref _idsByClient[client], id);
    }
}
