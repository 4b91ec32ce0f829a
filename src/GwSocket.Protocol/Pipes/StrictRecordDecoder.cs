using System.Buffers;

namespace GwSocket.Protocol.Pipes;

/// <summary>
/// Incremental decoder for strict-mode pipe-in records (12-byte header, then the payload), in any
/// split of the byte stream. A payload is buffered only as its bytes arrive, never from the
/// declared length, and never beyond the limit.
/// </summary>
public sealed class StrictRecordDecoder : IDisposable
{
    private readonly uint _maxPayload;
    private readonly byte[] _header = new byte[StrictRecordHeader.Size];
    private int _headerCount;
    private StrictRecordHeader? _current;
    private byte[]? _payload;
    private int _payloadCount;

    public StrictRecordDecoder(int maxPayload)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPayload);
        _maxPayload = (uint)maxPayload;
    }

    /// <summary>True while a record has started and not yet ended.</summary>
    public bool InsideRecord => _headerCount > 0 || _current is not null;

    public StrictDecodeResult Decode(ReadOnlySpan<byte> input, IStrictRecordHandler handler)
    {
        while (!input.IsEmpty)
        {
            if (_current is not { } header)
            {
                var take = Math.Min(StrictRecordHeader.Size - _headerCount, input.Length);
                input[..take].CopyTo(_header.AsSpan(_headerCount));
                _headerCount += take;
                input = input[take..];
                if (_headerCount < StrictRecordHeader.Size)
                    break;
                var error = BeginRecord(handler);
                if (error.Failed)
                    return error;
                continue;
            }

            var remaining = (int)header.Length - _payloadCount;
            if (_payloadCount == 0 && input.Length >= remaining)
            {
                // The whole payload is in this read: hand it over without copying.
                EndRecord(header, input[..remaining], handler);
                input = input[remaining..];
                continue;
            }
            var chunk = input[..Math.Min(remaining, input.Length)];
            AppendPayload(chunk);
            input = input[chunk.Length..];
            if (_payloadCount == header.Length)
                EndRecord(header, _payload.AsSpan(0, _payloadCount), handler);
        }
        return StrictDecodeResult.Ok;
    }

    /// <summary>Drops a partial record, e.g. when its writer went away or the stream was rejected.</summary>
    public void Reset()
    {
        _headerCount = 0;
        _current = null;
        _payloadCount = 0;
        ReleasePayload();
    }

    public void Dispose() => ReleasePayload();

    private StrictDecodeResult BeginRecord(IStrictRecordHandler handler)
    {
        var header = StrictRecordHeader.Read(_header);
        if (header.Type is not (StrictRecordType.Text or StrictRecordType.Binary))
            return Reject($"unknown record type 0x{(uint)header.Type:X}");
        if (header.Length > _maxPayload)
            return Reject($"declared length {header.Length} is above the limit of {_maxPayload} bytes");
        _current = header;
        _payloadCount = 0;
        if (header.Length == 0)
            EndRecord(header, ReadOnlySpan<byte>.Empty, handler);
        return StrictDecodeResult.Ok;
    }

    private StrictDecodeResult Reject(string error)
    {
        var header = _header.ToArray();
        Reset();
        return new StrictDecodeResult(true, error, header);
    }

    private void EndRecord(StrictRecordHeader header, ReadOnlySpan<byte> payload, IStrictRecordHandler handler)
    {
        var type = header.Type == StrictRecordType.Text ? Opcode.Text : Opcode.Binary;
        handler.OnRecord(header.ClientId, type, payload);
        _headerCount = 0;
        _current = null;
        _payloadCount = 0;
        ReleasePayload();
    }

    private void AppendPayload(ReadOnlySpan<byte> chunk)
    {
        var required = _payloadCount + chunk.Length;
        if (_payload is null || _payload.Length < required)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(required, Math.Min((_payload?.Length ?? 0) * 2, (int)_maxPayload)));
            if (_payload is not null)
            {
                _payload.AsSpan(0, _payloadCount).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(_payload);
            }
            _payload = grown;
        }
        chunk.CopyTo(_payload.AsSpan(_payloadCount));
        _payloadCount = required;
    }

    private void ReleasePayload()
    {
        if (_payload is null)
            return;
        ArrayPool<byte>.Shared.Return(_payload);
        _payload = null;
    }
}
