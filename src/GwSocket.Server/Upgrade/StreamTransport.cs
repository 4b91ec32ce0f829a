using System.IO.Pipelines;

namespace GwSocket.Server.Upgrade;

/// <summary>Kestrel's upgraded stream as the pipes a ConnectionActor reads and writes (the upgrade through HTTP only).</summary>
internal sealed class StreamTransport(Stream stream) : IDuplexPipe
{
    public PipeReader Input { get; } = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true, useZeroByteReads: true));

    public PipeWriter Output { get; } = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
}
