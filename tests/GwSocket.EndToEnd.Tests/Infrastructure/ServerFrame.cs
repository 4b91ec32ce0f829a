using System.Buffers.Binary;
using GwSocket.Protocol;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>One frame as the server sent it.</summary>
public sealed record ServerFrame(bool Fin, Opcode Opcode, byte[] Payload)
{
    /// <summary>The status code of a close frame, or null when its payload has none.</summary>
    public ushort? CloseCode => Payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(Payload) : null;

    public override string ToString() =>
        $"FIN:{(Fin ? 1 : 0)} op:{Opcode} LEN:{Payload.Length}" + (Opcode == Opcode.Close ? $" code:{CloseCode?.ToString() ?? "none"}" : "");
}
