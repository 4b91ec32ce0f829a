using System.Text;
using GwSocket.Actors.Connections;
using GwSocket.Protocol;
using GwSocket.Protocol.Compression;

namespace GwSocket.Actors.Tests.Connections;

/// <summary>A pipe-in frame is compressed once for every connection of the node that negotiated permessage-deflate.</summary>
public sealed class CompressedFramesTests
{
    private static readonly byte[] Json = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"level\":\"info\",\"msg\":\"tick\"},", 100)));

    [Fact]
    public void Every_client_gets_the_same_compressed_array_whatever_its_window()
    {
        var frame = FrameEncoder.Encode(Opcode.Text, Json);

        var first = CompressedFrames.For(frame, PerMessageDeflate.Default, minPayload: 128);
        var second = CompressedFrames.For(frame, PerMessageDeflate.Default, minPayload: 128);
        var largeWindow = CompressedFrames.For(frame, new PerMessageDeflate(15), minPayload: 128);

        Assert.NotSame(frame, first);
        Assert.Same(first, second);
        Assert.Same(first, largeWindow);
        Assert.Equal(0xC1, first[0]); // FIN:1 RSV1:1 op:text
    }

    [Fact]
    public void Concurrent_senders_share_one_compression()
    {
        var frame = FrameEncoder.Encode(Opcode.Binary, Json);

        var results = Enumerable.Range(0, 64).AsParallel().Select(_ => CompressedFrames.For(frame, PerMessageDeflate.Default, 0)).ToList();

        Assert.All(results, result => Assert.Same(results[0], result));
    }

    [Fact]
    public void Plain_frame_for_a_short_payload_a_small_window_or_what_does_not_shrink()
    {
        var small = FrameEncoder.Encode(Opcode.Text, Json.AsSpan(0, 100));
        var json = FrameEncoder.Encode(Opcode.Text, Json);
        var random = new byte[4000];
        new Random(3).NextBytes(random);
        var incompressible = FrameEncoder.Encode(Opcode.Binary, random);

        Assert.Same(small, CompressedFrames.For(small, PerMessageDeflate.Default, minPayload: 128));
        Assert.Same(json, CompressedFrames.For(json, new PerMessageDeflate(9), minPayload: 128)); // 3 KB > 512-byte window
        Assert.Same(incompressible, CompressedFrames.For(incompressible, PerMessageDeflate.Default, minPayload: 128));
    }

    [Fact]
    public void Control_and_fragment_frames_are_never_compressed()
    {
        var ping = FrameEncoder.Encode(Opcode.Ping, new byte[100]);
        var fragment = FrameEncoder.Encode(Opcode.Text, Json, fin: false);

        Assert.Same(ping, CompressedFrames.For(ping, PerMessageDeflate.Default, 0));
        Assert.Same(fragment, CompressedFrames.For(fragment, PerMessageDeflate.Default, 0));
    }
}
