using System.IO.Compression;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Compression;

/// <summary>A compressed message that inflates far beyond --max-frame-size: closed with 1009, and the server's memory stays flat.</summary>
public sealed class ZipBombTests
{
    private const long InflatedSize = 1L << 30;

    [Fact]
    public async Task Message_inflating_to_a_gigabyte_is_closed_with_1009_and_memory_stays_flat()
    {
        var bomb = ZerosCompressed(InflatedSize); // about 1 MB: deflate's best ratio is about 1:1000
        await using var server = await GwSocketProcess.StartAsync("--echo-mode");
        await using var warmUp = await ConnectAsync(server.Port);
        for (var i = 0; i < 20; i++)
        {
            await warmUp.SendBytesAsync(ClientDeflate.Frame(Opcode.Binary, ClientDeflate.Compress(new byte[512 * 1024])));
            await warmUp.ExpectFrameAsync(Opcode.Binary);
        }
        var baseline = ProcessMemory.ResidentBytes(server.Id);
        long peak = 0;
        await using var attacker = await ConnectAsync(server.Port);

        using (new ProcessMemory.Sampler(server.Id, rss => Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), rss))))
        {
            // The server may close before the whole bomb is sent; what matters is what comes back.
            var send = attacker.SendBytesAsync(ClientDeflate.Frame(Opcode.Binary, bomb));
            await attacker.ExpectCloseAsync(CloseCodes.MessageTooBig);
            await Task.WhenAny(send);
        }

        var growth = Interlocked.Read(ref peak) - baseline;
        Assert.True(growth < 64L << 20, $"RSS grew by {growth >> 20} MiB (from {baseline >> 20} MiB) for a bomb of {InflatedSize >> 20} MiB");
        // The other client is served as before.
        await warmUp.SendBytesAsync(ClientDeflate.Frame(Opcode.Text, ClientDeflate.Compress("still here"u8.ToArray())));
        var echoed = await warmUp.ExpectFrameAsync(Opcode.Text);
        Assert.Equal("still here"u8.ToArray(), echoed.Payload);
    }

    private static async Task<RawWebSocket> ConnectAsync(int port) =>
        await RawWebSocket.UpgradeAsync(await RawConnection.OpenTcpAsync(port), UpgradeRequest.Valid().With("Sec-WebSocket-Extensions", ClientDeflate.Offer));

    private static byte[] ZerosCompressed(long count)
    {
        var output = new MemoryStream();
        using var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        var zeros = new byte[1 << 20];
        for (long written = 0; written < count; written += zeros.Length)
            deflate.Write(zeros);
        deflate.Flush();
        return output.ToArray()[..^4];
    }
}
