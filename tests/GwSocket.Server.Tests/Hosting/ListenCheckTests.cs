using System.Net;
using System.Net.Sockets;
using GwSocket.Server.Configuration;
using GwSocket.Server.Hosting;

namespace GwSocket.Server.Tests.Hosting;

/// <summary>ListenCheck.Problem against real sockets on loopback.</summary>
public sealed class ListenCheckTests
{
    private static readonly GwSocketSettings Defaults = SettingsReader.Read(HoconSources.EmbeddedDefaults());

    private static Socket Listening(IPAddress address)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        socket.Listen();
        return socket;
    }

    private static int PortOf(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    /// <summary>A port nothing listens on right now: bound by the system, then released.</summary>
    private static int FreePort(IPAddress address)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return PortOf(socket);
    }

    [Fact]
    public void A_port_held_by_a_listening_socket_on_the_same_address_is_already_in_use()
    {
        using var listener = Listening(IPAddress.Loopback);

        Assert.Equal("address already in use", ListenCheck.Problem(Defaults with { Address = IPAddress.Loopback, Port = PortOf(listener) }));
    }

    [Fact]
    public void A_port_held_on_loopback_is_in_use_for_every_interface()
    {
        using var listener = Listening(IPAddress.Loopback);

        Assert.Equal("address already in use", ListenCheck.Problem(Defaults with { Address = null, Port = PortOf(listener) }));
    }

    [Fact]
    public void A_port_held_on_every_interface_is_in_use_for_loopback()
    {
        using var listener = Listening(IPAddress.Any);

        Assert.Equal("address already in use", ListenCheck.Problem(Defaults with { Address = IPAddress.Loopback, Port = PortOf(listener) }));
    }

    [Fact]
    public void A_free_port_has_no_problem_and_stays_free()
    {
        var port = FreePort(IPAddress.Loopback);

        Assert.Null(ListenCheck.Problem(Defaults with { Address = IPAddress.Loopback, Port = port }));
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        server.Bind(new IPEndPoint(IPAddress.Loopback, port));
    }

    [Fact]
    public void A_free_port_on_every_interface_has_no_problem() =>
        Assert.Null(ListenCheck.Problem(Defaults with { Address = null, Port = FreePort(IPAddress.Any) }));

    [Fact]
    public void A_unix_socket_has_no_port_problem_even_when_the_port_is_taken()
    {
        using var listener = Listening(IPAddress.Any);

        Assert.Null(ListenCheck.Problem(Defaults with { UnixSocket = "/tmp/gwsocket-listen-check.sock", Port = PortOf(listener) }));
    }
}
