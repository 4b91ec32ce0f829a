using System.Text.Unicode;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using GwSocket.Protocol.Pipes;

namespace GwSocket.Actors.NetworkPipes;

/// <summary>Why a producer's bytes were rejected: the close code its connection gets and the line logged.</summary>
internal sealed record NetworkPipeDecodeError(ushort CloseCode, string Error, string HeaderHex);

/// <summary>
/// One producer's pipe-in byte stream, as the payloads of its WebSocket messages: strict records (split across
/// messages or packed in one) or, in standard mode, one text message to every client per WebSocket message. Each
/// producer has its own decoder, so records of different producers can only meet at record boundaries. A text record
/// must be valid UTF-8 (a client would have to close on it); the first bad record ends the stream.
/// </summary>
internal sealed class NetworkPipeDecoder(bool strict, int maxPayload, NetworkPipeTotals totals) : IStrictRecordHandler, IDisposable
{
    private readonly StrictRecordDecoder? _records = strict ? new StrictRecordDecoder(maxPayload) : null;
    private readonly StandardTextDecoder? _text = strict ? null : new StandardTextDecoder();
    private List<Delivery> _decoded = [];

    public NetworkPipeDecodeError? Error { get; private set; }

    /// <summary>True while a strict record has started and not yet ended: it is lost if the producer goes now.</summary>
    public bool InsideRecord => _records?.InsideRecord ?? false;

    public void Decode(ReadOnlySpan<byte> bytes)
    {
        if (Error is not null)
            return;
        totals.BytesIn(bytes.Length);
        if (_records is null)
        {
            if (_text!.Decode(bytes) is { } text)
                Add(new Delivery(0, FrameEncoder.Encode(Opcode.Text, text)));
            return;
        }
        var result = _records.Decode(bytes, this);
        if (result.Failed && Error is null)
            Error = new NetworkPipeDecodeError(CloseCodes.PolicyViolation, result.Error!, result.HeaderHex);
    }

    /// <summary>The deliveries decoded since the last call, in order.</summary>
    public List<Delivery> TakeDeliveries()
    {
        var decoded = _decoded;
        _decoded = [];
        return decoded;
    }

    public void OnRecord(uint clientId, Opcode type, ReadOnlySpan<byte> payload)
    {
        if (Error is not null)
            return;
        if (type == Opcode.Text && !Utf8.IsValid(payload))
        {
            Span<byte> header = stackalloc byte[StrictRecordHeader.Size];
            new StrictRecordHeader(clientId, StrictRecordType.Text, (uint)payload.Length).Write(header);
            Error = new NetworkPipeDecodeError(CloseCodes.InvalidPayload, "a text record is not valid UTF-8", Convert.ToHexString(header));
            return;
        }
        Add(new Delivery(clientId, FrameEncoder.Encode(type, payload)));
    }

    public void Dispose() => _records?.Dispose();

    private void Add(Delivery delivery)
    {
        totals.RecordIn();
        _decoded.Add(delivery);
    }
}
