using System.Text;
using GwSocket.Protocol;

namespace GwSocket.Protocol.Tests;

internal enum ReceivedKind
{
    Text,
    Binary,
    Ping,
    Pong,
    Close,
}

/// <summary>One call a <see cref="MessageReader"/> made on its handler, with the payload copied out of the span.</summary>
internal sealed record Received(ReceivedKind Kind, byte[] Payload, ushort? Code = null, string? Reason = null)
{
    public static Received Text(string text) => new(ReceivedKind.Text, Encoding.UTF8.GetBytes(text));

    public static Received Binary(params byte[] payload) => new(ReceivedKind.Binary, payload);

    public static Received Ping(params byte[] payload) => new(ReceivedKind.Ping, payload);

    public static Received Pong(params byte[] payload) => new(ReceivedKind.Pong, payload);

    public static Received Close(ushort? code, string reason) => new(ReceivedKind.Close, [], code, reason);

    public bool Equals(Received? other) =>
        other is not null
        && Kind == other.Kind
        && Payload.AsSpan().SequenceEqual(other.Payload)
        && Code == other.Code
        && Reason == other.Reason;

    public override int GetHashCode() => HashCode.Combine(Kind, Payload.Length, Code, Reason);

    public override string ToString() => Kind switch
    {
        ReceivedKind.Close => $"Close({Code?.ToString() ?? "none"}, \"{Reason}\")",
        _ => $"{Kind}[{Payload.Length}]({Convert.ToHexString(Payload.AsSpan(0, Math.Min(Payload.Length, 16)))}{(Payload.Length > 16 ? "…" : "")})",
    };
}
