using System.Buffers;
using System.Text;
using GwSocket.Protocol;
using GwSocket.Protocol.Pipes;

namespace GwSocket.Protocol.Tests.Pipes;

/// <summary>
/// What <c>gwsocket pipe --events</c> writes across reconnections: one consistent pipe-out stream, never a second open
/// for a client still open, a close for every client that left while it was away, an open for every one that came.
/// </summary>
public sealed class EventStreamReconcilerTests
{
    private readonly EventStreamReconciler _reconciler = new();
    private readonly ArrayBufferWriter<byte> _written = new();

    [Fact]
    public void The_first_snapshot_is_written_once_complete_and_then_records_pass_as_they_come()
    {
        Connect(Open(1), Open(2));
        Assert.Empty(Written());

        var reconciliation = EndSnapshot();
        Receive(Text(1, "a"), Close(2));

        Assert.Equal(new SnapshotReconciliation(Opened: 2, Closed: 0, AlreadyOpen: 0), reconciliation);
        Assert.Equal(["open 1 10.0.0.1", "open 2 10.0.0.2", "text 1 a", "close 2"], Written());
        Assert.Equal(1, _reconciler.OpenClients);
    }

    [Fact]
    public void After_a_reconnection_a_client_still_open_is_not_opened_again_one_gone_is_closed_and_a_new_one_opened()
    {
        Connect(Open(1), Open(2), Open(3));
        EndSnapshot();
        Receive(Close(3));
        _written.ResetWrittenCount();

        // Away: 2 left, 4 came; 1 stayed. 3 had closed before, in the stream.
        Connect(Open(1), Open(4));
        var reconciliation = EndSnapshot();
        Receive(Text(4, "hello"));

        Assert.Equal(new SnapshotReconciliation(Opened: 1, Closed: 1, AlreadyOpen: 1), reconciliation);
        Assert.Equal(["open 4 10.0.0.4", "close 2", "text 4 hello"], Written());
        Assert.Equal(2, _reconciler.OpenClients);
    }

    [Fact]
    public void An_id_that_names_a_client_with_another_address_now_is_closed_and_opened_again()
    {
        Connect(Open(5));
        EndSnapshot();
        _written.ResetWrittenCount();

        Connect(Open(5, "192.168.1.9"));
        var reconciliation = EndSnapshot();

        Assert.Equal(new SnapshotReconciliation(Opened: 1, Closed: 1, AlreadyOpen: 0), reconciliation);
        Assert.Equal(["close 5", "open 5 192.168.1.9"], Written());
    }

    [Fact]
    public void A_record_split_across_messages_is_written_whole_and_one_cut_by_the_lost_connection_never()
    {
        Connect();
        EndSnapshot();
        var record = Text(7, "split");
        Receive(record[..5]);
        Assert.Empty(Written());
        Receive(record[5..], Text(7, "cut")[..14]);
        Assert.Equal(["text 7 split"], Written());

        Assert.Equal(14, _reconciler.EndConnection());
        _reconciler.Receive(Open(7), _written);
        EndSnapshot();
        Receive(Text(7, "next"));

        Assert.Equal(["text 7 split", "open 7 10.0.0.7", "text 7 next"], Written());
    }

    [Fact]
    public void A_snapshot_the_lost_connection_cut_is_replaced_by_the_next_one()
    {
        Connect(Open(1), Open(2)[..20]);

        Assert.Equal(0, _reconciler.EndConnection());
        _reconciler.Receive(Open(2), _written);
        EndSnapshot();

        Assert.Equal(["open 2 10.0.0.2"], Written());
    }

    [Fact]
    public void In_standard_mode_the_bytes_pass_as_they_are()
    {
        Connect();
        _reconciler.EndSnapshot(strict: false, _written);
        _reconciler.Receive("a message"u8, _written);
        _reconciler.EndConnection();
        _reconciler.EndSnapshot(strict: false, _written);
        _reconciler.Receive(" and another"u8, _written);

        Assert.Equal("a message and another", Encoding.ASCII.GetString(_written.WrittenSpan));
    }

    [Fact]
    public void Over_many_reconnections_every_client_is_opened_once_closed_once_and_only_the_live_ones_are_left_open()
    {
        var random = new Random(14);
        var live = new HashSet<uint>();
        uint next = 1;
        for (var connection = 0; connection < 50; connection++)
        {
            // Away: some leave, some come.
            live.RemoveWhere(_ => random.Next(3) == 0);
            for (var i = random.Next(4); i > 0; i--)
                live.Add(next++);
            Connect([.. live.Select(id => Open(id))]);
            EndSnapshot();
            // Connected: the same, as events.
            foreach (var id in live.Where(_ => random.Next(4) == 0).ToList())
            {
                live.Remove(id);
                Receive(Close(id));
            }
            for (var i = random.Next(3); i > 0; i--)
            {
                live.Add(next);
                Receive(Open(next++));
            }
        }

        var perClient = Written().Select(line => line.Split(' ')).GroupBy(parts => uint.Parse(parts[1]), parts => parts[0]).ToList();
        Assert.All(perClient, client => Assert.Equal(live.Contains(client.Key) ? ["open"] : ["open", "close"], client.ToList()));
        Assert.Equal(live.Order(), perClient.Where(client => client.Count() == 1).Select(client => client.Key).Order());
    }

    private void Connect(params byte[][] snapshot)
    {
        _reconciler.EndConnection();
        foreach (var record in snapshot)
            _reconciler.Receive(record, _written);
    }

    private SnapshotReconciliation EndSnapshot() => _reconciler.EndSnapshot(strict: true, _written);

    private void Receive(params byte[][] records) => _reconciler.Receive(records.SelectMany(record => record).ToArray(), _written);

    private List<string> Written()
    {
        var lines = new List<string>();
        var bytes = _written.WrittenSpan;
        for (var end = 0; end < bytes.Length;)
        {
            var header = StrictRecordHeader.Read(bytes[end..]);
            var payload = Encoding.ASCII.GetString(bytes.Slice(end + StrictRecordHeader.Size, (int)header.Length)).TrimEnd('\0');
            lines.Add($"{header.Type.ToString().ToLowerInvariant()} {header.ClientId}{(payload.Length > 0 ? " " + payload : "")}");
            end += StrictRecordHeader.Size + (int)header.Length;
        }
        return lines;
    }

    private static byte[] Open(uint id, string? address = null) => StrictRecordEncoder.Open(id, address ?? $"10.0.0.{id}");

    private static byte[] Close(uint id) => StrictRecordEncoder.Close(id);

    private static byte[] Text(uint id, string text) => StrictRecordEncoder.Message(id, Opcode.Text, Encoding.UTF8.GetBytes(text));
}
