using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using GwSocket.Protocol.Compression;

namespace GwSocket.Protocol;

/// <summary>
/// Incremental decoder for the client side of a WebSocket connection: takes bytes as they arrive,
/// in any split, and hands whole messages and control frames to an <see cref="IMessageHandler"/>.
/// Every rule is checked as early as the bytes allow, and no more than the bytes actually received
/// (capped by the message limit) is ever buffered. With permessage-deflate negotiated, a message whose first
/// frame has RSV1 set is inflated as it arrives, and the limit bounds what it inflates to.
/// Partial file: MessageReader.Inflating.
/// </summary>
public sealed partial class MessageReader : IDisposable
{
    private const int MaxControlPayload = 125;

    private readonly long _maxMessageSize;
    private readonly bool _perMessageDeflate;
    // Inside the reader rather than arrays of their own, and the control payload's buffer pooled, held only while a
    // control frame is read: an idle connection keeps its reader for hours.
    private HeaderBytes _header;
    private MaskBytes _mask;
    private byte[]? _control;

    private int _headerCount;
    private int _headerSize;
    private bool _inPayload;

    private Opcode _frameOpcode;
    private bool _frameFin;
    private long _frameRemaining;
    private int _maskOffset;
    private int _controlLength;

    private Opcode? _messageType;
    private byte[]? _message;
    private int _messageLength;
    private Utf8Validator _utf8;

    private ReadResult _failure;
    private bool _closeReceived;

    /// <param name="maxMessageSize">Largest message accepted (after inflating); beyond it the read fails with 1009.</param>
    /// <param name="perMessageDeflate">The connection negotiated permessage-deflate: RSV1 marks a compressed message.</param>
    public MessageReader(long maxMessageSize, bool perMessageDeflate = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessageSize);
        _maxMessageSize = Math.Min(maxMessageSize, Array.MaxLength);
        _perMessageDeflate = perMessageDeflate;
    }

    /// <summary>
    /// During <see cref="IMessageHandler.OnMessage"/>: the bytes the message took on the wire when it came
    /// compressed, 0 when it did not.
    /// </summary>
    public long MessageCompressedLength => _compressedLength;

    /// <summary>True once a valid close frame was decoded; later bytes are ignored.</summary>
    public bool CloseReceived => _closeReceived;

    /// <summary>
    /// Decodes <paramref name="input"/>, calling <paramref name="handler"/> for each complete message or
    /// control frame. A failure is final: the connection must be closed with the returned code.
    /// </summary>
    public ReadResult Read(ReadOnlySpan<byte> input, IMessageHandler handler)
    {
        while (!input.IsEmpty && !_closeReceived && !_failure.Failed)
        {
            var consumed = _inPayload ? ReadPayload(input, handler) : ReadHeader(input, handler);
            input = input[consumed..];
        }
        return _failure;
    }

    public void Dispose()
    {
        ReleaseMessageBuffer();
        ReleaseControlBuffer();
        EndInflating();
    }

    private int ReadHeader(ReadOnlySpan<byte> input, IMessageHandler handler)
    {
        var needed = _headerCount < 2 ? 2 : _headerSize;
        var take = Math.Min(needed - _headerCount, input.Length);
        input[..take].CopyTo(((Span<byte>)_header)[_headerCount..]);
        _headerCount += take;
        if (_headerCount < needed)
            return take;

        if (needed == 2)
        {
            _failure = CheckFirstTwoBytes();
            _headerSize = FrameHeader.SizeFrom(_header[1]);
            if (_failure.Failed || _headerSize > 2)
                return take;
        }
        BeginFrame(handler);
        return take;
    }

    /// <summary>Rules decidable from the first two bytes, checked before waiting for the rest of the header.</summary>
    private ReadResult CheckFirstTwoBytes()
    {
        var first = _header[0];
        var second = _header[1];
        var opcode = (Opcode)(first & 0x0F);
        var fin = (first & 0x80) != 0;

        if ((first & 0x30) != 0 || ((first & 0x40) != 0 && !_perMessageDeflate))
            return ReadResult.Fail(CloseCodes.ProtocolError, "reserved bits set without a negotiated extension");
        // RFC 7692 section 6.1: the "Per-Message Compressed" bit belongs to a message's first frame only.
        if ((first & 0x40) != 0 && (opcode.IsControl() || opcode == Opcode.Continuation))
            return ReadResult.Fail(CloseCodes.ProtocolError, "RSV1 set on a control or continuation frame");
        if (!opcode.IsDefined())
            return ReadResult.Fail(CloseCodes.ProtocolError, $"reserved opcode 0x{(byte)opcode:X}");
        if ((second & 0x80) == 0)
            return ReadResult.Fail(CloseCodes.ProtocolError, "client frames must be masked");
        if (opcode.IsControl())
        {
            if (!fin)
                return ReadResult.Fail(CloseCodes.ProtocolError, "fragmented control frame");
            if ((second & 0x7F) > MaxControlPayload)
                return ReadResult.Fail(CloseCodes.ProtocolError, "control frame payload over 125 bytes");
        }
        else if (opcode == Opcode.Continuation && _messageType is null)
        {
            return ReadResult.Fail(CloseCodes.ProtocolError, "continuation frame with no message to continue");
        }
        else if (opcode != Opcode.Continuation && _messageType is not null)
        {
            return ReadResult.Fail(CloseCodes.ProtocolError, "new data frame inside a fragmented message");
        }
        return ReadResult.Ok;
    }

    private void BeginFrame(IMessageHandler handler)
    {
        if (!FrameHeader.TryParse(((ReadOnlySpan<byte>)_header)[.._headerSize], out var header))
        {
            _failure = ReadResult.Fail(CloseCodes.ProtocolError, "payload length has its most significant bit set");
            return;
        }
        _frameOpcode = header.Opcode;
        _frameFin = header.Fin;
        _frameRemaining = header.PayloadLength;
        BinaryPrimitives.WriteUInt32BigEndian(_mask, header.MaskKey);
        _maskOffset = 0;
        _controlLength = 0;
        if (_frameOpcode.IsControl() && _frameRemaining > 0)
            _control = ArrayPool<byte>.Shared.Rent(MaxControlPayload);

        if (!_frameOpcode.IsControl())
        {
            if (_messageType is null)
            {
                _messageType = _frameOpcode;
                _messageLength = 0;
                _utf8.Reset();
                _compressedLength = 0;
                if ((_header[0] & 0x40) != 0)
                    BeginInflating();
            }
            // Subtracted, not added: a 64-bit length near long.MaxValue would wrap the sum negative.
            // A compressed message is held to the limit twice: as received here, and as inflated.
            if (_frameRemaining > _maxMessageSize - ReceivedLength)
            {
                _failure = ReadResult.Fail(CloseCodes.MessageTooBig, $"message larger than {_maxMessageSize} bytes");
                return;
            }
        }

        _headerCount = 0;
        _inPayload = true;
        if (_frameRemaining == 0)
            EndFrame(handler);
    }

    private int ReadPayload(ReadOnlySpan<byte> input, IMessageHandler handler)
    {
        var take = (int)Math.Min(_frameRemaining, input.Length);
        var chunk = input[..take];
        if (_frameOpcode.IsControl())
        {
            _maskOffset = Masking.Apply(chunk, _control.AsSpan(_controlLength), _mask, _maskOffset);
            _controlLength += take;
        }
        else if (_inflater is not null)
        {
            InflateChunk(chunk);
            if (_failure.Failed)
                return take;
        }
        else
        {
            var target = ReserveMessageSpace(take);
            _maskOffset = Masking.Apply(chunk, target, _mask, _maskOffset);
            _messageLength += take;
            if (_messageType == Opcode.Text && !_utf8.Append(target))
            {
                _failure = ReadResult.Fail(CloseCodes.InvalidPayload, "text message is not valid UTF-8");
                return take;
            }
        }
        _frameRemaining -= take;
        if (_frameRemaining == 0)
            EndFrame(handler);
        return take;
    }

    private void EndFrame(IMessageHandler handler)
    {
        _inPayload = false;
        if (_frameOpcode.IsControl())
        {
            EndControlFrame(handler);
            return;
        }
        if (!_frameFin)
            return;
        if (_inflater is not null)
        {
            FinishInflating();
            if (_failure.Failed)
                return;
        }
        if (_messageType == Opcode.Text && !_utf8.IsComplete)
        {
            _failure = ReadResult.Fail(CloseCodes.InvalidPayload, "text message ends inside a UTF-8 sequence");
            return;
        }
        var type = _messageType!.Value;
        var payload = _message is null ? ReadOnlySpan<byte>.Empty : _message.AsSpan(0, _messageLength);
        _messageType = null;
        handler.OnMessage(type, payload);
        ReleaseMessageBuffer();
    }

    private void EndControlFrame(IMessageHandler handler)
    {
        var payload = _control is null ? ReadOnlySpan<byte>.Empty : _control.AsSpan(0, _controlLength);
        switch (_frameOpcode)
        {
            case Opcode.Ping:
                handler.OnPing(payload);
                break;
            case Opcode.Pong:
                handler.OnPong(payload);
                break;
            case Opcode.Close:
                ReadClose(payload, handler);
                break;
            default:
                Debug.Fail($"unexpected control opcode {_frameOpcode}");
                break;
        }
        ReleaseControlBuffer();
    }

    private void ReadClose(ReadOnlySpan<byte> payload, IMessageHandler handler)
    {
        if (payload.Length == 0)
        {
            _closeReceived = true;
            handler.OnClose(null, string.Empty);
            return;
        }
        if (payload.Length == 1)
        {
            _failure = ReadResult.Fail(CloseCodes.ProtocolError, "close payload of one byte");
            return;
        }
        var code = BinaryPrimitives.ReadUInt16BigEndian(payload);
        if (!CloseCodes.IsValidOnWire(code))
        {
            _failure = ReadResult.Fail(CloseCodes.ProtocolError, $"invalid close code {code}");
            return;
        }
        var reason = payload[2..];
        if (!Utf8.IsValid(reason))
        {
            _failure = ReadResult.Fail(CloseCodes.InvalidPayload, "close reason is not valid UTF-8");
            return;
        }
        _closeReceived = true;
        handler.OnClose(code, Encoding.UTF8.GetString(reason));
    }

    /// <summary>Room for the next <paramref name="count"/> bytes, grown only as bytes arrive.</summary>
    private Span<byte> ReserveMessageSpace(int count)
    {
        var required = _messageLength + count;
        if (_message is null || _message.Length < required)
        {
            var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(required, (_message?.Length ?? 0) * 2L), _maxMessageSize));
            if (_message is not null)
            {
                _message.AsSpan(0, _messageLength).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(_message);
            }
            _message = grown;
        }
        return _message.AsSpan(_messageLength, count);
    }

    private void ReleaseControlBuffer()
    {
        if (_control is null)
            return;
        ArrayPool<byte>.Shared.Return(_control);
        _control = null;
    }

    private void ReleaseMessageBuffer()
    {
        if (_message is null)
            return;
        ArrayPool<byte>.Shared.Return(_message);
        _message = null;
    }

    [InlineArray(FrameHeader.MaxSize)]
    private struct HeaderBytes
    {
        private byte _first;
    }

    [InlineArray(4)]
    private struct MaskBytes
    {
        private byte _first;
    }
}
