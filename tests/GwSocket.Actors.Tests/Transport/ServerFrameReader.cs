using System.Buffers;
using System.IO.Pipelines;

namespace GwSocket.Actors.Tests.Transport;

/// <summary>Reads the server's byte stream frame by frame, as a client would.</summary>
internal sealed class ServerFrameReader(PipeReader fromServer)
{
    /// <summary>The next frame; fails if none arrives within <paramref name="timeout"/>.</summary>
    public async Task<ServerFrame> ReadAsync(TimeSpan timeout, CancellationToken stop = default)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        cancel.CancelAfter(timeout);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await fromServer.ReadAsync(cancel.Token);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                throw new TimeoutException($"no frame from the server within {timeout}");
            }
            var buffer = result.Buffer;
            if (ServerFrame.TryParse(buffer.ToArray(), out var frame, out var consumed))
            {
                fromServer.AdvanceTo(buffer.GetPosition(consumed));
                return frame;
            }
            if (result.IsCompleted)
                throw new EndOfStreamException($"the server's stream ended with {buffer.Length} bytes of an unfinished frame");
            fromServer.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
