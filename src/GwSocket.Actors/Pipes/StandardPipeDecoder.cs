using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using GwSocket.Protocol.Pipes;

namespace GwSocket.Actors.Pipes;

/// <summary>Standard mode: every read becomes one text message for every client, a sequence cut between reads carried to the next.</summary>
internal sealed class StandardPipeDecoder(PipeIngestStatistics statistics) : IPipeInDecoder
{
    private readonly StandardTextDecoder _decoder = new();

    public IReadOnlyList<Delivery> Decode(PipeInChunk chunk)
    {
        var replacementsBefore = _decoder.Replacements;
        if (!chunk.SessionEnded)
            statistics.AddBytes(chunk.Bytes.Length);
        var text = chunk.SessionEnded ? _decoder.Flush() : _decoder.Decode(chunk.Bytes);
        statistics.AddReplacements(_decoder.Replacements - replacementsBefore);
        if (text is null)
            return [];
        statistics.AddRecord();
        return [new Delivery(0, FrameEncoder.Encode(Opcode.Text, text))];
    }
}
