using System.Buffers.Binary;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using GwSocket.Actors.Connections;
using GwSocket.Actors.Routing;
using GwSocket.Protocol;
using GwSocket.Protocol.Flow;
using Xunit.Abstractions;

namespace GwSocket.Actors.Tests.Routing;

/// <summary>
/// Whatever the order in which clients report their progress between pipe-in's batches, the router hands a client that
/// keeps up a batch only when the client had room for it by its own latest report, and every client gets every frame
/// meant for it, in order: the router's held-batch bookkeeping (which rechecks only the client that reported) never
/// lets a batch past a client without room, nor skips one.
/// </summary>
public sealed class RouterFlowProperties : TestKit
{
    /// <summary>A small queue bound, so that clients run out of room every few batches.</summary>
    private const long Bound = 16 * 1024;

    private const int Clients = 5;
    private const int Steps = 400;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public RouterFlowProperties(ITestOutputHelper output)
        : base(SingleNodeCluster.Config, output: output)
    {
        SingleNodeCluster.JoinSelf(Sys);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Reports_in_any_order_never_let_a_batch_reach_a_client_without_room_nor_skip_a_frame(int seed)
    {
        var random = new Random(seed);
        // The delay limit is out of reach: no client is found slow, so every client holds the batches back.
        var router = Sys.ActorOf(Router.Props(RouterSettings.Default with { MaxQueuedBytes = Bound, MaxDelay = TimeSpan.FromHours(1) }));
        var clients = new List<(IActorRef Model, uint Id, List<int> Expected)>();
        for (var i = 0; i < Clients; i++)
        {
            var model = Sys.ActorOf(Props.Create(() => new ModelConnection(router)));
            var id = await model.Ask<uint>(ModelConnection.Register.Instance, Patience);
            clients.Add((model, id, []));
        }

        var pipeIn = CreateTestProbe();
        var sequence = 0;
        var inFlight = false;
        for (var step = 0; step < Steps; step++)
        {
            if (inFlight && pipeIn.HasMessages)
            {
                await pipeIn.ExpectMsgAsync<RouterStreamProtocol.Ack>(Patience);
                inFlight = false;
            }
            if (!inFlight)
            {
                router.Tell(new PipeInBatch(NextBatch(random, clients, ref sequence)), pipeIn.Ref);
                inFlight = true;
            }
            var client = clients[random.Next(Clients)].Model;
            client.Tell(new ModelConnection.Write(random.Next((int)(Bound / 4))));
            if (random.Next(3) == 0)
                client.Tell(ModelConnection.Report.Instance);
            // A round trip lets the router and the clients move on between the steps, in whatever order they run.
            await clients[random.Next(Clients)].Model.Ask<ModelConnection.State>(ModelConnection.GetState.Instance, Patience);
        }

        // Every client catches up, so the last batch goes too.
        while (inFlight)
        {
            foreach (var (model, _, _) in clients)
            {
                model.Tell(new ModelConnection.Write(long.MaxValue / 2));
                model.Tell(ModelConnection.Report.Instance);
            }
            if (await TryAckAsync(pipeIn))
                inFlight = false;
        }

        foreach (var (model, id, expected) in clients)
        {
            var state = await model.Ask<ModelConnection.State>(ModelConnection.GetState.Instance, Patience);
            Assert.Empty(state.Violations);
            Assert.True(expected.SequenceEqual(state.Received), $"client {id} got [{string.Join(',', state.Received)}], not [{string.Join(',', expected)}]");
        }
    }

    private static async Task<bool> TryAckAsync(Akka.TestKit.TestProbe pipeIn)
    {
        var ack = await pipeIn.ReceiveOneAsync(TimeSpan.FromMilliseconds(200));
        return ack is RouterStreamProtocol.Ack;
    }

    /// <summary>One to four records, mostly broadcasts, of sizes around the minimum credit and up to a third of the bound.</summary>
    private static Delivery[] NextBatch(Random random, List<(IActorRef Model, uint Id, List<int> Expected)> clients, ref int sequence)
    {
        var deliveries = new Delivery[random.Next(1, 5)];
        for (var i = 0; i < deliveries.Length; i++)
        {
            var payload = new byte[4 + random.Next((int)(Bound / 3))];
            BinaryPrimitives.WriteInt32BigEndian(payload, sequence);
            var frame = FrameEncoder.Encode(Opcode.Binary, payload);
            if (random.Next(4) == 0)
            {
                var (_, id, expected) = clients[random.Next(clients.Count)];
                deliveries[i] = new Delivery(id, frame);
                expected.Add(sequence);
            }
            else
            {
                deliveries[i] = new Delivery(0, frame);
                foreach (var client in clients)
                    client.Expected.Add(sequence);
            }
            sequence++;
        }
        return deliveries;
    }

    /// <summary>
    /// A connection as the router sees it: it counts the credit it received, writes when told to, reports as the real one
    /// does (when told, when asked, and once drained after being asked), and notes every batch that came while it had no
    /// room by its latest report.
    /// </summary>
    private sealed class ModelConnection : ReceiveActor
    {
        private readonly IActorRef _router;
        private readonly List<int> _received = [];
        private readonly List<string> _violations = [];
        private IActorRef? _registering;
        private uint _id;
        private long _receivedCredit;
        private long _written;
        private long _reportedWritten;
        private bool _reportWhenDrained;

        public ModelConnection(IActorRef router)
        {
            _router = router;
            Receive<Register>(_ =>
            {
                _registering = Sender;
                _router.Tell(new RegisterConnection(Self, new ClientEndpoint("192.0.2.1", 40000)));
            });
            Receive<ConnectionRegistered>(registered =>
            {
                _id = registered.ClientId;
                _registering!.Tell(_id);
            });
            Receive<SendFrames>(OnFrames);
            Receive<Write>(write =>
            {
                _written = Math.Min(_receivedCredit, _written + write.Credit);
                if (_reportWhenDrained && _written == _receivedCredit)
                    ReportProgress();
            });
            Receive<Report>(_ => ReportProgress());
            Receive<ReportWhenDrained>(_ =>
            {
                ReportProgress();
                _reportWhenDrained = _written < _receivedCredit;
            });
            Receive<ClientTooSlow>(_ => _violations.Add("told it is too slow"));
            Receive<GetState>(_ => Sender.Tell(new State([.. _received], [.. _violations])));
        }

        private void OnFrames(SendFrames frames)
        {
            var credit = frames.Frames.Sum(frame => (long)ClientCredit.CreditOf(frame.Length));
            var outstanding = _receivedCredit - _reportedWritten;
            if (outstanding > 0 && (outstanding > Bound / ClientCredit.RefillBelowFractionOfBound || outstanding + credit > Bound))
                _violations.Add($"{credit} B of frames with {outstanding} B outstanding by its latest report");
            _receivedCredit += credit;
            foreach (var frame in frames.Frames)
                _received.Add(BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(frame.Length - Payload(frame))));
        }

        /// <summary>The payload length of an unmasked server frame.</summary>
        private static int Payload(byte[] frame) => (frame[1] & 0x7F) switch
        {
            126 => BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(2)),
            127 => (int)BinaryPrimitives.ReadUInt64BigEndian(frame.AsSpan(2)),
            var length => length,
        };

        private void ReportProgress()
        {
            _reportedWritten = _written;
            _reportWhenDrained = false;
            _router.Tell(new DeliveryProgress(_id, _receivedCredit, _receivedCredit - _written, Environment.TickCount64));
        }

        public sealed class Register
        {
            public static readonly Register Instance = new();
        }

        public sealed record Write(long Credit);

        public sealed class Report
        {
            public static readonly Report Instance = new();
        }

        public sealed class GetState
        {
            public static readonly GetState Instance = new();
        }

        public sealed record State(List<int> Received, List<string> Violations);
    }
}
