using System.Net;
using System.Net.Sockets;
using GwSocket.EndToEnd.Tests.Infrastructure;

namespace GwSocket.EndToEnd.Tests.Options;

/// <summary>gwsocket's command line as a shell user meets it: exit codes and what lands on stderr.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--port=abc", "--port")]
    [InlineData("--port=70000", "--port")]
    [InlineData("--max-frame-size=lots", "--max-frame-size")]
    [InlineData("--keepalive-interval=soon", "--keepalive-interval")]
    [InlineData("--bogus", "--bogus")]
    public async Task Bad_option_exits_2_with_one_line_naming_it(string argument, string option)
    {
        await using var process = GwSocketProcess.Launch(argument);

        var exitCode = await process.WaitForExitAsync(Timeouts.Exit);

        Assert.Equal(2, exitCode);
        Assert.Contains(option, OnlyLineOnStderr(process));
    }

    [Fact]
    public async Task Port_in_use_exits_non_zero_with_one_line()
    {
        using var occupant = ListenOnAllInterfaces();
        var port = ((IPEndPoint)occupant.LocalEndPoint!).Port;
        await using var process = GwSocketProcess.Launch($"--port={port}", "--echo-mode");

        var exitCode = await process.WaitForExitAsync(Timeouts.Exit);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(port.ToString(), OnlyLineOnStderr(process));
    }

    [Fact]
    public async Task Cluster_port_in_use_exits_1_naming_it_instead_of_crashing()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var clusterPort = ((IPEndPoint)occupant.LocalEndpoint).Port;
        await using var process = GwSocketProcess.Launch($"--port={FreePort.Pick()}", "--echo-mode", "--cluster-host=127.0.0.1", $"--cluster-port={clusterPort}");

        var exitCode = await process.WaitForExitAsync(Timeouts.Exit);

        var context = process.Diagnostics();
        Assert.True(exitCode == 1, $"exit code {exitCode}{context}");
        Assert.DoesNotContain("Unhandled exception", process.StandardError.Text);
        // Akka's own error lines come through the logger's queue, before or after this one.
        Assert.Contains(
            $"gwsocket: cannot listen on the cluster address 127.0.0.1:{clusterPort} (--cluster-port): address already in use",
            process.StandardError.Lines);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("-V")]
    public async Task Version_exits_0_and_prints_it(string argument)
    {
        await using var process = GwSocketProcess.Launch(argument);

        Assert.Equal(0, await process.WaitForExitAsync(Timeouts.Exit));
        Assert.NotEmpty(process.StandardOutput.Lines);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_exits_0_and_lists_the_options(string argument)
    {
        await using var process = GwSocketProcess.Launch(argument);

        Assert.Equal(0, await process.WaitForExitAsync(Timeouts.Exit));
        Assert.Contains("--port", process.StandardOutput.Text);
        Assert.Contains("--echo-mode", process.StandardOutput.Text);
    }

    private static string OnlyLineOnStderr(GwSocketProcess process)
    {
        var lines = process.StandardError.Lines;
        Assert.True(lines.Count == 1, $"Expected exactly one line on stderr, got {lines.Count}.{process.Diagnostics()}");
        return lines[0];
    }

    /// <summary>Takes a free port on every interface, IPv6 and IPv4, as gwsocket's default --addr does.</summary>
    private static Socket ListenOnAllInterfaces()
    {
        var socket = Socket.OSSupportsIPv6
            ? new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true }
            : new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
        socket.Listen();
        return socket;
    }
}
