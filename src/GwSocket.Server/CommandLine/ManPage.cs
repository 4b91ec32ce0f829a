using System.CommandLine;
using System.Text;

namespace GwSocket.Server.CommandLine;

/// <summary>
/// gwsocket.1, the man page, from the same option declarations as --help (<see cref="UsageText"/>), with what --help
/// refers to: strict mode's header, the pipes, the signals. doc/gwsocket.1 is this text; a test keeps them equal.
/// </summary>
internal static class ManPage
{
    public static string Build(IEnumerable<Option> options)
    {
        var page = new StringBuilder()
            .AppendLine($".TH GWSOCKET 1 \"\" \"gwsocket {GwSocketCommandLine.VersionText()}\" \"User Commands\"")
            .AppendLine(".SH NAME")
            .AppendLine(@"gwsocket \- a WebSocket server (RFC 6455) between your program's pipes and browsers")
            .AppendLine(".SH SYNOPSIS")
            .AppendLine(@".B gwsocket")
            .AppendLine(@"[\fIoptions\fR ...]")
            .AppendLine(".br")
            .AppendLine(@".B gwsocket pipe")
            .AppendLine(@"[\fB\-\-events\fR] [\fB\-\-strict\fR] \fIURL\fR \fB\-\-token\-file\fR=\fIpath\fR [\fIoptions\fR ...]")
            .AppendLine(".SH DESCRIPTION")
            .AppendLine(Escape($"GwSocket.Actors rebuilds gwsocket {GwSocketCommandLine.CompatibleWith} in C# on Akka.NET, with the same options and pipe formats. " +
                "What a program writes into pipe-in goes to the WebSocket clients; what clients send comes out of pipe-out. " +
                "Several nodes started with --seed act as one broker. Logs go to stderr; stdout is data with --stdout."))
            .AppendLine(".SH OPTIONS");
        foreach (var option in options)
        {
            page.AppendLine(".TP").AppendLine(Flags(option)).AppendLine(Escape(option.Description ?? ""));
        }
        page.AppendLine(".SH NETWORK PIPE")
            .AppendLine(Escape("With --pipe-token-file, every node serves the network pipe at /gwsocket/pipe on its main port (through the same " +
                "load balancer, TLS and unix socket as the clients): a WebSocket whose requests must carry \"Authorization: Bearer SECRET\" " +
                "(else 401, before any upgrade). Its binary messages carry the pipe-in byte stream of the node's mode, each connection " +
                "decoded on its own; with ?events=1 the node sends back its pipe-out byte stream (with ?snapshot=1, the text message " +
                "\"snapshot-end strict\" or \"snapshot-end standard\" after the opens of the clients live when it connected); with ?ack=1, " +
                "a text message with the payload bytes taken so far, once every node has handed their records to its clients. A bad record closes that connection " +
                "(1007 for a text record that is not UTF-8, 1008 otherwise). Without a token file the path is an ordinary client path."))
            .AppendLine(Escape("gwsocket pipe joins a node's network pipe to its stdin (and, with --events, its stdout); it reconnects with " +
                "a backoff when the node goes away and sends again first the message the node had not acknowledged, so nothing is lost and " +
                "that message's records may arrive twice (it says so on stderr); with --events its stdout stays one consistent pipe-out " +
                "stream across reconnections (no second open for a client still open, a close for each that left meanwhile). " +
                "A 401, 1007 or 1008 ends it with exit code 1. Its options:"));
        foreach (var option in new PipeClient.PipeClientOptions().All)
        {
            page.AppendLine(".TP").AppendLine(Flags(option)).AppendLine(Escape(option.Description ?? ""));
        }
        page.AppendLine(".SH STRICT MODE")
            .AppendLine(Escape("With --strict, every message on both pipes is a record: a 12-byte header of three big-endian uint32, " +
                "client id, type and payload length, then the payload. Client id 0 on pipe-in means every client. " +
                "Types: 0x01 text, 0x02 binary; on pipe-out also 0x10 open (payload: the client's IP address, NUL-padded to 46 bytes) " +
                "and 0x08 close. Every open on pipe-out is followed by exactly one close."))
            .AppendLine(".SH FILES")
            .AppendLine(".TP").AppendLine(@"\fI/tmp/wspipein.fifo\fR").AppendLine("Default pipe-in, created when missing.")
            .AppendLine(".TP").AppendLine(@"\fI/tmp/wspipeout.fifo\fR").AppendLine("Default pipe-out, created when missing.")
            .AppendLine(".SH SIGNALS")
            .AppendLine(Escape("SIGINT and SIGTERM close every client with 1001, write the last records to pipe-out, leave the cluster " +
                "and exit within --shutdown-timeout."))
            .AppendLine(".SH EXIT STATUS")
            .AppendLine(Escape("0 after a signal; 1 when the server cannot start (a port in use, a pipe path that is not a FIFO); " +
                "2 for an unknown option or a bad value."))
            .AppendLine(".SH SEE ALSO")
            .AppendLine(Escape("The README of GwSocket.Actors; gwsocket's own man page, https://gwsocket.io."));
        return page.ToString();
    }

    private static string Flags(Option option)
    {
        var shortAliases = option.Aliases.Where(alias => !alias.StartsWith("--", StringComparison.Ordinal));
        var names = string.Join(", ", shortAliases.Append(option.Name).Select(name => $@"\fB{Escape(name)}\fR"));
        return option.Arity.MaximumNumberOfValues == 0 ? names : $@"{names}=\fI{Escape(option.HelpName ?? "value")}\fR";
    }

    /// <summary>Roff text: backslashes doubled, hyphens as \-, and no line starting with a control character.</summary>
    private static string Escape(string text)
    {
        var escaped = text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("-", @"\-", StringComparison.Ordinal);
        return escaped.StartsWith('.') || escaped.StartsWith('\'') ? @"\&" + escaped : escaped;
    }
}
