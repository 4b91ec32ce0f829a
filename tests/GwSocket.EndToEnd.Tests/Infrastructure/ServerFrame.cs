using System.Buffers.Binary;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>One frame as the server sent it; <see cref="Compressed"/> is RSV1, permessage-deflate's bit.</summary>
public sealed record ServerFrame(bool Fin, Opcode Opcode, byte[] Payload, bool Compressed = false)
{
    /// <summary>The status code of a close frame, or null when its payload has none.</summary>
    public ushort? CloseCode => Payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(Payload) : null;

    public override string ToString() =>
        $"FIN:{(Fin ? 1 : 0)}{(Compressed ? " RSV1:1" : "")} op:{Opcode} LEN:{Payload.Length}" + (Opcode == Opcode.Close ? $" code:{CloseCode?.ToString() ?? "none"}" : "");
}
