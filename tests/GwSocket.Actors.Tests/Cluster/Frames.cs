using System.Runtime.CompilerServices;
using System.Text;
using Akka.TestKit;
using GwSocket.Actors.Connections;
using Xunit;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>
/// Routers treat frames as opaque bytes: a frame here is a readable label, so a failure says which one came.
/// A router sends a connection one <see cref="SendFrames"/> per batch; these helpers hand its frames out one at a time.
/// </summary>
internal static class Frames
{
    private static readonly ConditionalWeakTable<TestProbe, Queue<byte[]>> Received = new();

    public static byte[] Labelled(string label) => Encoding.UTF8.GetBytes(label);

    public static async Task<string> ExpectFrameAsync(this TestProbe connection, TimeSpan timeout) =>
        Encoding.UTF8.GetString(await connection.ExpectFrameBytesAsync(timeout));

    public static async Task<byte[]> ExpectFrameBytesAsync(this TestProbe connection, TimeSpan timeout)
    {
        var received = Received.GetOrCreateValue(connection);
        while (received.Count == 0)
        {
            foreach (var frame in (await connection.ExpectMsgAsync<SendFrames>(timeout)).Frames)
                received.Enqueue(frame);
        }
        return received.Dequeue();
    }

    /// <summary>Neither a frame already received nor a new message.</summary>
    public static async Task ExpectNoFrameAsync(this TestProbe connection, TimeSpan silence)
    {
        Assert.Empty(Received.GetOrCreateValue(connection));
        await connection.ExpectNoMsgAsync(silence);
    }
}
