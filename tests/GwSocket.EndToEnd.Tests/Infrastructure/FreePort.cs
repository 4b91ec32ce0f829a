using System.Net;
using System.Net.Sockets;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Ports for the servers the tests start. Not the kernel's port 0: a port it hands out is released before the server
/// binds it, and meanwhile any process binding port 0 (every gwsocket's Akka remoting, the actor tests' clusters) may
/// get it from the same ephemeral range, so the test's probe would reach that listener instead. These come from below
/// the ephemeral range, where nothing binds by chance, each once per test run; the 10,000 below these are the
/// server tests' (tests/GwSocket.Server.Tests/RunningServer.cs), which run beside these.
/// </summary>
public static class FreePort
{
    private const int RangeSize = 10_000;
    private const int LowestPort = 10_000;

    private static readonly HashSet<int> HandedOut = [];
    private static readonly (int First, int Last) Range = BelowEphemeralRange();

    public static int Pick()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(Range.First, Range.Last + 1);
                if (HandedOut.Add(port) && IsFree(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free TCP port in {Range.First}-{Range.Last} after 1000 attempts");
    }

    /// <summary>Free for gwsocket's listener, which binds every IPv4 and IPv6 address.</summary>
    private static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The ports just below the start of the kernel's ephemeral range (/proc/sys/net/ipv4/ip_local_port_range).</summary>
    private static (int First, int Last) BelowEphemeralRange()
    {
        var ephemeralStart = 32768;
        try
        {
            ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // The Linux default.
        }

        var last = ephemeralStart - 1;
        return (Math.Max(LowestPort, last - RangeSize + 1), last);
    }
}
