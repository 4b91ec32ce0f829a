namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One gwsocket process shared by the tests of one class (xunit runs them one at a time);
/// every test opens its own connections to it.
/// </summary>
public abstract class ServerFixture(params string[] options) : IAsyncLifetime
{
    private GwSocketProcess? _server;

    public GwSocketProcess Server => _server ?? throw new InvalidOperationException("The server has not been started.");

    public int Port => Server.Port;

    public async Task InitializeAsync() => _server = await GwSocketProcess.StartAsync(options);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
