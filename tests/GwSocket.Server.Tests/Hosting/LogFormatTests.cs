using Akka.Event;
using Akka.Remote;
using GwSocket.Actors.Routing;
using GwSocket.Server.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using AkkaLevel = Akka.Event.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GwSocket.Server.Tests.Hosting;

public sealed class LogFormatTests
{
    [Theory]
    [InlineData(AkkaLevel.InfoLevel, LogLevel.Information)]
    [InlineData(AkkaLevel.WarningLevel, LogLevel.Warning)]
    [InlineData(AkkaLevel.ErrorLevel, LogLevel.Error)]
    [InlineData(AkkaLevel.DebugLevel, LogLevel.Debug)]
    public void Gwsocket_actors_keep_their_level(AkkaLevel akka, LogLevel expected) =>
        Assert.Equal(expected, AkkaLogLevels.For(akka, typeof(Router)));

    [Theory]
    [InlineData(AkkaLevel.InfoLevel)]
    [InlineData(AkkaLevel.WarningLevel)]
    public void Akka_membership_and_remoting_are_at_debug_below_error(AkkaLevel akka)
    {
        Assert.Equal(LogLevel.Debug, AkkaLogLevels.For(akka, typeof(Akka.Cluster.Cluster)));
        Assert.Equal(LogLevel.Debug, AkkaLogLevels.For(akka, typeof(RemoteActorRefProvider)));
    }

    [Fact]
    public void A_failed_association_is_at_debug_and_other_remoting_errors_stay_errors()
    {
        Assert.Equal(LogLevel.Debug, AkkaLogLevels.For(AkkaLevel.ErrorLevel, typeof(RemoteActorRefProvider), "x", "Disassociated"));
        Assert.Equal(LogLevel.Debug, AkkaLogLevels.For(AkkaLevel.ErrorLevel, typeof(RemoteActorRefProvider), "x", "boom", new Akka.Remote.Transport.InvalidAssociationException("gone", null!)));
        Assert.Equal(LogLevel.Error, AkkaLogLevels.For(AkkaLevel.ErrorLevel, typeof(RemoteActorRefProvider), "x", "Discarding oversized payload",
            new InvalidOperationException("too big")));
    }

    [Fact]
    public void Akka_warnings_under_a_remoting_or_cluster_source_are_at_debug()
    {
        Assert.Equal(LogLevel.Debug, AkkaLogLevels.For(AkkaLevel.WarningLevel, typeof(DummyClassForStringSources), "remoting (akka://gwsocket)"));
        Assert.Equal(LogLevel.Debug, AkkaLogLevels.For(AkkaLevel.WarningLevel, typeof(DummyClassForStringSources),
            "akka.tcp://gwsocket@127.0.0.1:4053/system/endpointManager/reliableEndpointWriter-1", "Tried to associate with unreachable remote address"));
        Assert.Equal(LogLevel.Warning, AkkaLogLevels.For(AkkaLevel.WarningLevel, typeof(DummyClassForStringSources), "akka://gwsocket/user/StreamSupervisor-1"));
    }

    [Fact]
    public void Other_akka_internals_are_at_debug_below_warning_and_keep_warnings_and_errors()
    {
        Assert.Equal(LogLevel.Debug, AkkaLogLevels.For(AkkaLevel.InfoLevel, typeof(DeadLetterListener)));
        Assert.Equal(LogLevel.Warning, AkkaLogLevels.For(AkkaLevel.WarningLevel, typeof(DeadLetterListener)));
        Assert.Equal(LogLevel.Error, AkkaLogLevels.For(AkkaLevel.ErrorLevel, typeof(Akka.Streams.ActorMaterializer)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Text_has_one_timestamp_and_colours_the_level_only_when_asked(bool colour)
    {
        var line = Write(new TextLogFormatter(colour), LogLevel.Warning, "Some.Category", "pipe-out: slow\nreader", null);

        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d ", line);
        Assert.Equal(colour, line.Contains('\e'));
        Assert.EndsWith("pipe-out: slow | reader\n", line);
        Assert.DoesNotContain("Some.Category", line);
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Text_below_info_names_the_source_and_an_exception_stays_on_the_line()
    {
        var line = Write(new TextLogFormatter(colour: false), LogLevel.Debug, "Akka.Cluster.Cluster", "gossip", new InvalidOperationException("boom"));

        Assert.EndsWith(" debug: [Akka.Cluster.Cluster] gossip (InvalidOperationException: boom)\n", line);
    }

    [Fact]
    public void Text_of_an_error_carries_the_exception_stack_on_the_line()
    {
        var line = Write(new TextLogFormatter(colour: false), LogLevel.Error, "GwSocket.Actors.Routing.Router", "the router failed", Thrown());

        Assert.Contains(" error: the router failed (System.InvalidOperationException: boom | ", line);
        Assert.Contains($"{nameof(LogFormatTests)}.{nameof(Thrown)}", line);
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }

    [Fact]
    public void Json_is_one_object_with_time_level_category_message_and_fields()
    {
        var state = new List<KeyValuePair<string, object?>> { new("Node", "n1"), new("Clients", 3), new("{OriginalFormat}", "node {Node}: {Clients}") };
        var line = Write(new JsonLogFormatter(), LogLevel.Information, "GwSocket.Actors.Routing.Router", state, "node n1: 3");

        using var json = System.Text.Json.JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("info", root.GetProperty("level").GetString());
        Assert.Equal("GwSocket.Actors.Routing.Router", root.GetProperty("category").GetString());
        Assert.Equal("node n1: 3", root.GetProperty("message").GetString());
        Assert.Equal("n1", root.GetProperty("fields").GetProperty("Node").GetString());
        Assert.Equal(3, root.GetProperty("fields").GetProperty("Clients").GetInt32());
        Assert.False(root.GetProperty("fields").TryGetProperty("{OriginalFormat}", out _));
        Assert.EndsWith("}\n", line);
    }

    private static string Write(Microsoft.Extensions.Logging.Console.ConsoleFormatter formatter, LogLevel level, string category, string message, Exception? exception) =>
        Write(formatter, level, category, message, message, exception);

    private static string Write<TState>(Microsoft.Extensions.Logging.Console.ConsoleFormatter formatter, LogLevel level, string category, TState state, string message, Exception? exception = null)
    {
        var writer = new StringWriter();
        formatter.Write(new LogEntry<TState>(level, category, default, state, exception, (_, _) => message), null, writer);
        return writer.ToString();
    }
}
