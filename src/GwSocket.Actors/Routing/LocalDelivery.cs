using GwSocket.Actors.Connections;
using GwSocket.Protocol.Flow;

namespace GwSocket.Actors.Routing;

/// <summary>
/// The frames waiting to go to this node's clients, in the order they came: the broadcasts as one shared array
/// (one message object for every client without unicasts), and each client's unicasts merged among them, so that
/// every connection gets its frames already in order.
/// </summary>
internal sealed class LocalDelivery
{
    private readonly List<byte[]> _broadcasts = [];
    private readonly Dictionary<uint, OwnFrames> _unicasts = [];
    private long _broadcastCredit;

    public bool IsEmpty => _broadcasts.Count == 0 && _unicasts.Count == 0;

    public bool HasBroadcasts => _broadcasts.Count > 0;

    /// <summary>Counts the frames ever added: what waits has changed since a check made at another count.</summary>
    public long Generation { get; private set; }

    /// <summary>The clients with unicasts waiting.</summary>
    public IEnumerable<uint> UnicastRecipients => _unicasts.Keys;

    public void Broadcast(byte[] frame)
    {
        Generation++;
        _broadcasts.Add(frame);
        _broadcastCredit += ClientCredit.CreditOf(frame.Length);
    }

    public void Unicast(uint clientId, byte[] frame)
    {
        Generation++;
        if (!_unicasts.TryGetValue(clientId, out var own))
        {
            own = new OwnFrames();
            _unicasts[clientId] = own;
        }
        own.Add(_broadcasts.Count, frame);
    }

    /// <summary>The credit of what waits for one client.</summary>
    public long CreditFor(uint clientId) =>
        _broadcastCredit + (_unicasts.TryGetValue(clientId, out var own) ? own.Credit : 0);

    /// <summary>
    /// Hands every recipient its frames in order, with their credit (<paramref name="everyClient"/> gets the broadcasts; a client
    /// without broadcasts or unicasts gets nothing), then starts over.
    /// </summary>
    public void Send(IEnumerable<uint> everyClient, Action<uint, SendFrames, long> send)
    {
        if (_broadcasts.Count == 0)
        {
            foreach (var (clientId, own) in _unicasts)
                send(clientId, new SendFrames(own.Merge([])), own.Credit);
        }
        else
        {
            var broadcasts = _broadcasts.ToArray();
            var shared = new SendFrames(broadcasts);
            foreach (var clientId in everyClient)
            {
                if (_unicasts.TryGetValue(clientId, out var own))
                    send(clientId, new SendFrames(own.Merge(broadcasts)), _broadcastCredit + own.Credit);
                else
                    send(clientId, shared, _broadcastCredit);
            }
        }
        _broadcasts.Clear();
        _broadcastCredit = 0;
        _unicasts.Clear();
    }

    /// <summary>One client's unicasts, each placed after the broadcasts that came before it.</summary>
    private sealed class OwnFrames
    {
        private readonly List<(int BroadcastsBefore, byte[] Frame)> _frames = [];

        public long Credit { get; private set; }

        public void Add(int broadcastsBefore, byte[] frame)
        {
            _frames.Add((broadcastsBefore, frame));
            Credit += ClientCredit.CreditOf(frame.Length);
        }

        public byte[][] Merge(byte[][] broadcasts)
        {
            var merged = new byte[broadcasts.Length + _frames.Count][];
            var next = 0;
            var at = 0;
            for (var i = 0; i < broadcasts.Length; i++)
            {
                for (; next < _frames.Count && _frames[next].BroadcastsBefore == i; next++)
                    merged[at++] = _frames[next].Frame;
                merged[at++] = broadcasts[i];
            }
            for (; next < _frames.Count; next++)
                merged[at++] = _frames[next].Frame;
            return merged;
        }
    }
}
