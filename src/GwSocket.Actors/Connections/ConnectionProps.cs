using System.IO.Pipelines;
using Akka.Actor;
using GwSocket.Protocol.Compression;

namespace GwSocket.Actors.Connections;

/// <summary>
/// The props of one <see cref="ConnectionActor"/>, which its cell keeps for the connection's life: the actor's arguments
/// and a plain constructor call (<c>Props.Create</c> with a lambda walks and evaluates an expression tree for every
/// connection), on a deployment shared by all connections (<c>WithMailbox</c> on each would copy the props and build a
/// deployment per connection).
/// </summary>
internal sealed class ConnectionProps : Props
{
    private static readonly Props Template = new Props(typeof(ConnectionActor)).WithMailbox(ConnectionMailbox.Id);

    private readonly PipeReader _input;
    private readonly ConnectionOutput _output;
    private readonly ClientEndpoint _client;
    private readonly ConnectionSettings _settings;
    private readonly IActorRef _router;
    private readonly TaskCompletionSource _completed;
    private readonly PerMessageDeflate? _deflate;

    public ConnectionProps(
        PipeReader input, ConnectionOutput output, ClientEndpoint client, ConnectionSettings settings, IActorRef router, TaskCompletionSource completed, PerMessageDeflate? deflate)
        : this(Template, input, output, client, settings, router, completed, deflate)
    {
    }

    private ConnectionProps(
        Props deployment, PipeReader input, ConnectionOutput output, ClientEndpoint client, ConnectionSettings settings, IActorRef router, TaskCompletionSource completed, PerMessageDeflate? deflate)
        : base(deployment)
    {
        _input = input;
        _output = output;
        _client = client;
        _settings = settings;
        _router = router;
        _completed = completed;
        _deflate = deflate;
    }

    // Akka calls this when the cell creates its actor: these props are the producer (AK1000 knows only IIndirectActorProducer).
#pragma warning disable AK1000
    public override ActorBase NewActor() => new ConnectionActor(_input, _output, _client, _settings, _router, _completed, _deflate);
#pragma warning restore AK1000

    /// <summary>What <c>WithMailbox</c>, <c>WithDeploy</c> and the like start from: the same connection.</summary>
    protected override Props Copy() => new ConnectionProps(this, _input, _output, _client, _settings, _router, _completed, _deflate);
}
