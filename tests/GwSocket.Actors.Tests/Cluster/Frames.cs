using System.Text;
using Akka.TestKit;
using GwSocket.Actors.Connections;

namespace GwSocket.Actors.Tests.Clustering;

/// <summary>Routers treat frames as opaque bytes: a frame here is a readable label, so a failure says which one came.</summary>
internal static class Frames
{
    public static byte[] Labelled(string label) => Encoding.UTF8.GetBytes(label);

    public static async Task<string> ExpectFrameAsync(this TestProbe connection, TimeSpan timeout)
    {
        var sent = await connection.ExpectMsgAsync<SendFrame>(timeout);
        return Encoding.UTF8.GetString(sent.Frame);
    }
}
