using System.Buffers.Binary;
using System.Net.WebSockets;
using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.FlowControl;

/// <summary>
/// What clients send is slowed, not dropped, when it cannot go on: in echo mode by the client's own reading of its
/// echoes, otherwise by a pipe-out reader that is attached but behind. The server stops reading the sockets and TCP
/// slows the senders.
/// </summary>
public sealed class BackPressureTests
{
    [Fact]
    public async Task In_echo_mode_a_client_sending_32_MB_faster_than_it_reads_its_echoes_is_slowed_and_gets_every_echo_in_order()
    {
        const int messages = 2000;
        const int size = 16 * 1024;
        await using var server = await GwSocketProcess.StartAsync("--echo-mode");
        using var socket = await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port));

        var sending = Task.Run(async () =>
        {
            var payload = new byte[size];
            for (var i = 0; i < messages; i++)
            {
                BinaryPrimitives.WriteInt32BigEndian(payload, i);
                using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                await socket.SendAsync(payload, WebSocketMessageType.Binary, endOfMessage: true, cts.Token);
            }
        });
        // The client reads nothing for a while: the server must hold the rest back, not drop it.
        await Task.WhenAny(sending, Task.Delay(TimeSpan.FromSeconds(3)));
        Assert.False(sending.IsCompleted, "the client sent 32 MB without reading an echo: the server did not slow it");

        for (var i = 0; i < messages; i++)
        {
            var (type, echoed) = await socket.ReceiveMessageAsync();
            Assert.Equal(WebSocketMessageType.Binary, type);
            Assert.Equal(size, echoed.Length);
            Assert.Equal(i, BinaryPrimitives.ReadInt32BigEndian(echoed));
        }

        await sending;
        var metrics = await OpsHttp.ScrapeAsync(server.Port);
        Assert.Equal(0, metrics.Value("gwsocket_drops_total", ("reason", "slow_client")));
    }

    [Fact]
    public async Task A_pipe_out_reader_reading_1_MB_per_second_gets_every_message_of_100_clients_sending_flat_out_within_bounded_memory()
    {
        const int clients = 100;
        const int messagesPerClient = 100;
        const int size = 1024;
        using var directory = new TempDirectory();
        var config = directory.File("small-pipe-out.conf");
        // A 1 MiB pipe-out queue: without back-pressure, most of the 10 MB would be dropped.
        await File.WriteAllTextAsync(config, "gwsocket.pipeout-max-queued-bytes = 1MiB\n");
        await using var server = await GwSocketProcess.StartAsync("--strict", $"--config={config}");
        using var reader = new SlowPipeReader(server.PipeOut, bytesPerSecond: 1_000_000);
        var sockets = new List<ClientWebSocket>();
        for (var i = 0; i < clients; i++)
        {
            sockets.Add(await ClientWebSockets.ConnectAsync(ClientWebSockets.LocalUri(server.Port)));
        }

        await Eventually.TrueAsync(() => reader.Records.Count(r => r.Type == StrictRecord.Open) == clients, () => $"{clients} opens on pipe-out: {reader.Describe()}");
        var before = ProcessMemory.ResidentBytes(server.Id);
        var peak = before;
        using (new ProcessMemory.Sampler(server.Id, bytes => Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), bytes))))
        {
            await Task.WhenAll(sockets.Select(socket => Task.Run(async () =>
            {
                var payload = new byte[size];
                for (var i = 0; i < messagesPerClient; i++)
                {
                    BinaryPrimitives.WriteInt32BigEndian(payload, i);
                    using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                    await socket.SendAsync(payload, WebSocketMessageType.Binary, endOfMessage: true, cts.Token);
                }
            })));
            await Eventually.TrueAsync(
                () => reader.Records.Count(r => r.Type == StrictRecord.Binary) == clients * messagesPerClient,
                () => $"{clients * messagesPerClient} messages on pipe-out: {reader.Describe()}{server.Diagnostics()}",
                TimeSpan.FromMinutes(2));
        }

        foreach (var perClient in reader.Records.Where(r => r.Type == StrictRecord.Binary).GroupBy(r => r.ClientId))
        {
            Assert.Equal(Enumerable.Range(0, messagesPerClient), perClient.Select(r => BinaryPrimitives.ReadInt32BigEndian(r.Payload)));
        }

        var metrics = await OpsHttp.ScrapeAsync(server.Port);
        Assert.Equal(0, metrics.Value("gwsocket_drops_total", ("reason", "pipe_out")));
        Assert.True(peak - before <= 96L * 1024 * 1024, $"server RSS grew by {(peak - before) >> 20} MiB over {before >> 20} MiB");
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
    }

    /// <summary>Reads pipe-out at a fixed rate, 64 KiB at a time, on a thread of its own.</summary>
    private sealed class SlowPipeReader : IDisposable
    {
        private readonly MemoryStream _bytes = new();
        private readonly Lock _lock = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;

        public SlowPipeReader(string fifo, int bytesPerSecond)
        {
            _thread = new Thread(() =>
            {
                using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
                var buffer = new byte[64 * 1024];
                var started = DateTime.UtcNow;
                long total = 0;
                while (!_stop.IsCancellationRequested)
                {
                    var count = stream.Read(buffer);
                    if (count == 0)
                    {
                        return;
                    }

                    lock (_lock)
                    {
                        _bytes.Write(buffer, 0, count);
                    }

                    total += count;
                    var due = started + TimeSpan.FromSeconds((double)total / bytesPerSecond);
                    if (due > DateTime.UtcNow)
                    {
                        _stop.Token.WaitHandle.WaitOne(due - DateTime.UtcNow);
                    }
                }
            }) { IsBackground = true, Name = "slow pipe-out reader" };
            _thread.Start();
        }

        public List<StrictRecord> Records
        {
            get
            {
                lock (_lock)
                {
                    return StrictRecord.Parse(_bytes.GetBuffer().AsSpan(0, (int)_bytes.Length)).Records;
                }
            }
        }

        public string Describe()
        {
            var records = Records;
            return $"{records.Count} records ({records.Count(r => r.Type == StrictRecord.Open)} opens, {records.Count(r => r.Type == StrictRecord.Binary)} binary)";
        }

        public void Dispose()
        {
            _stop.Cancel();
        }
    }
}
