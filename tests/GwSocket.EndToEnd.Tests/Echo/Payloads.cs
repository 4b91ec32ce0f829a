using System.Net.WebSockets;

namespace GwSocket.EndToEnd.Tests.Echo;

/// <summary>Deterministic test payloads: printable ASCII for text, every byte value for binary.</summary>
internal static class Payloads
{
    public static byte[] Of(WebSocketMessageType type, int size)
    {
        var random = new Random(size);
        var payload = new byte[size];
        if (type == WebSocketMessageType.Text)
        {
            for (var i = 0; i < size; i++)
            {
                payload[i] = (byte)random.Next(0x20, 0x7F);
            }
        }
        else
        {
            random.NextBytes(payload);
        }

        return payload;
    }
}
