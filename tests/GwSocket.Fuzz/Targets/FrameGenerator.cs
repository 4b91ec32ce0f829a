using System.Buffers.Binary;
using System.Text;
using GwSocket.Protocol;

namespace GwSocket.Fuzz.Targets;

/// <summary>Client frame streams: mostly well-formed, with lengths, opcodes, masks and payloads at their edges.</summary>
internal static class FrameGenerator
{
    private const int MaxRealPayload = 300;

    private static readonly Opcode[] DataOpcodes = [Opcode.Text, Opcode.Binary];
    private static readonly Opcode[] ControlOpcodes = [Opcode.Ping, Opcode.Pong, Opcode.Close];

    /// <summary>Declared lengths the payload need not match: 16-bit, 32-bit and 64-bit extremes, 2^63-1 and the forbidden MSB.</summary>
    private static readonly ulong[] HugeLengths = [126, 65535, 65536, uint.MaxValue, 1UL << 32, 1UL << 40, long.MaxValue, 1UL << 63, ulong.MaxValue];

    public static byte[] Stream(Random random)
    {
        var stream = new MemoryStream();
        var frames = 1 + random.Next(6);
        var inMessage = false;
        for (var i = 0; i < frames; i++)
        {
            var opcode = NextOpcode(random, inMessage);
            var fin = opcode.IsControl() ? random.Next(20) != 0 : random.Next(3) != 0;
            if (!opcode.IsControl())
                inMessage = !fin;
            stream.Write(Frame(random, opcode, fin));
        }
        return stream.ToArray();
    }

    /// <summary>Mostly what the rules allow next (a data frame, a continuation inside a message, a control frame), sometimes anything.</summary>
    private static Opcode NextOpcode(Random random, bool inMessage) => random.Next(20) switch
    {
        0 => (Opcode)random.Next(16),
        < 6 => ControlOpcodes[random.Next(ControlOpcodes.Length)],
        _ => inMessage ? Opcode.Continuation : DataOpcodes[random.Next(DataOpcodes.Length)],
    };

    private static byte[] Frame(Random random, Opcode opcode, bool fin)
    {
        var masked = random.Next(20) != 0;
        var payload = Payload(opcode, random);
        var declared = random.Next(20) == 0 ? HugeLengths[random.Next(HugeLengths.Length)] : (ulong)payload.Length;

        var frame = new MemoryStream();
        var reserved = random.Next(30) == 0 ? (byte)(0x10 << random.Next(3)) : (byte)0;
        frame.WriteByte((byte)((fin ? 0x80 : 0) | reserved | ((byte)opcode & 0x0F)));
        var maskBit = masked ? 0x80 : 0;
        Span<byte> length = stackalloc byte[8];
        if (declared <= 125 && random.Next(10) != 0)
        {
            frame.WriteByte((byte)(maskBit | (int)declared));
        }
        else if (declared <= ushort.MaxValue && random.Next(4) != 0)
        {
            // Sometimes a short length in a long form: allowed to be refused or accepted, never to crash.
            frame.WriteByte((byte)(maskBit | 126));
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)declared);
            frame.Write(length[..2]);
        }
        else
        {
            frame.WriteByte((byte)(maskBit | 127));
            BinaryPrimitives.WriteUInt64BigEndian(length, declared);
            frame.Write(length);
        }
        var key = new byte[4];
        random.NextBytes(key);
        if (masked)
            frame.Write(key);
        for (var i = 0; i < payload.Length; i++)
            frame.WriteByte(masked ? (byte)(payload[i] ^ key[i % 4]) : payload[i]);
        return frame.ToArray();
    }

    private static byte[] Payload(Opcode opcode, Random random)
    {
        if (opcode == Opcode.Close)
            return ClosePayload(random);
        var length = random.Next(3) == 0 ? random.Next(MaxRealPayload) : random.Next(8);
        if (opcode is Opcode.Text or Opcode.Continuation && random.Next(3) != 0)
            return Encoding.UTF8.GetBytes(Text(random, length));
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] ClosePayload(Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                return [];
            case 1:
                return [(byte)random.Next(256)];
            case 2:
                var garbage = new byte[random.Next(2, 126)];
                random.NextBytes(garbage);
                return garbage;
        }
        ushort[] codes = [1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1011, 1015, 2999, 3000, 4999, 5000, 0, 65535];
        var reason = Encoding.UTF8.GetBytes(Text(random, random.Next(10)));
        var payload = new byte[2 + reason.Length];
        BinaryPrimitives.WriteUInt16BigEndian(payload, codes[random.Next(codes.Length)]);
        reason.CopyTo(payload, 2);
        return payload;
    }

    private static string Text(Random random, int length)
    {
        string[] pieces = ["a", "é", "€", "𝄞", "\0", " ", "ü"];
        var text = new StringBuilder();
        while (Encoding.UTF8.GetByteCount(text.ToString()) < length)
            text.Append(pieces[random.Next(pieces.Length)]);
        return text.ToString();
    }
}
