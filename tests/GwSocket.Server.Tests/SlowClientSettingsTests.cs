using GwSocket.Actors.Connections;
using GwSocket.Server.CommandLine;
using GwSocket.Server.Configuration;
using GwSocket.Server.Tests.Hosting;

namespace GwSocket.Server.Tests;

public sealed class SlowClientSettingsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Default_bounds_each_client_queue_at_2_MiB_and_drops_beyond_it()
    {
        var connection = BrokerSettings.Of(SettingsReader.Read(HoconSources.EmbeddedDefaults())).Connections;

        Assert.Equal(2 * 1024 * 1024, connection.MaxQueuedBytes);
        Assert.Equal(SlowClientPolicy.Drop, connection.SlowClientPolicy);
    }

    [Fact]
    public void Config_file_sets_the_bound_and_the_close_policy()
    {
        var file = _files.Write("gw.conf", "gwsocket.slow-clients { max-queued-bytes = 64KiB, policy = close }");

        var run = Assert.IsType<CommandLineOutcome.RunServer>(GwSocketCommandLine.Parse([$"--config={file}"]));
        var connection = BrokerSettings.Of(run.Settings).Connections;

        Assert.Equal(64 * 1024, connection.MaxQueuedBytes);
        Assert.Equal(SlowClientPolicy.Close, connection.SlowClientPolicy);
    }

    [Fact]
    public void Unknown_policy_is_one_line_naming_the_key()
    {
        var file = _files.Write("gw.conf", "gwsocket.slow-clients.policy = kick");

        var error = Assert.IsType<CommandLineOutcome.UsageError>(GwSocketCommandLine.Parse([$"--config={file}"])).Message;

        Assert.Contains("gwsocket.slow-clients.policy", error);
        Assert.Contains("'kick' is neither drop nor close", error);
        Assert.DoesNotContain('\n', error);
    }
}
