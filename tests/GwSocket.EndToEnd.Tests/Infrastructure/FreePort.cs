using System.Net;
using System.Net.Sockets;

namespace GwSocket.EndToEnd.Tests.Infrastructure;

public static class FreePort
{
    /// <summary>Asks the kernel for an unused TCP port by binding port 0, then releases it.</summary>
    public static int Pick()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
