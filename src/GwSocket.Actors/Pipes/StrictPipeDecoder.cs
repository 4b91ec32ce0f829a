using Akka.Event;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using GwSocket.Protocol.Pipes;

namespace GwSocket.Actors.Pipes;

/// <summary>
/// Strict mode: records become frames, encoded once, for one client or for all (id 0). Bytes that
/// cannot be a record reject the rest of their writer session: what is buffered is dropped and the
/// reader is told to reopen the pipe, as gwsocket resynchronises.
/// </summary>
internal sealed class StrictPipeDecoder(int maxPayload, Action<long> abandonSession, PipeIngestStatistics statistics, ILoggingAdapter log)
    : IPipeInDecoder, IStrictRecordHandler
{
    private readonly StrictRecordDecoder _decoder = new(maxPayload);
    private List<Delivery> _decoded = [];
    private long _abandonedSession;

    public IReadOnlyList<Delivery> Decode(PipeInChunk chunk)
    {
        if (chunk.Session == _abandonedSession)
            return [];
        if (chunk.SessionEnded)
        {
            DiscardPartialRecord();
            return [];
        }

        statistics.AddBytes(chunk.Bytes.Length);
        _decoded = [];
        var result = _decoder.Decode(chunk.Bytes, this);
        if (result.Failed)
            Abandon(chunk.Session, result);
        return _decoded;
    }

    public void OnRecord(uint clientId, Opcode type, ReadOnlySpan<byte> payload)
    {
        statistics.AddRecord();
        var frame = FrameEncoder.Encode(type, payload);
        _decoded.Add(new Delivery(clientId, frame));
    }

    private void DiscardPartialRecord()
    {
        if (!_decoder.InsideRecord)
            return;
        _decoder.Reset();
        statistics.AddPartialRecordDiscarded();
        log.Warning("pipe-in: the writer went away in the middle of a record; the partial record was discarded");
    }

    private void Abandon(long session, StrictDecodeResult result)
    {
        statistics.AddDecodeError();
        log.Error("pipe-in: {0} (header {1}); discarding what is buffered and reopening the pipe", result.Error, result.HeaderHex);
        _decoder.Reset();
        _abandonedSession = session;
        abandonSession(session);
    }
}
