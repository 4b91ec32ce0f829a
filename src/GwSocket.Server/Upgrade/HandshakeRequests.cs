using GwSocket.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace GwSocket.Server.Upgrade;

/// <summary>Picks out of Kestrel's request what <see cref="Handshake.Validate"/> decides on.</summary>
internal static class HandshakeRequests
{
    public static HandshakeRequest From(HttpRequest request) => new(
        request.Method,
        request.Protocol,
        Header(request, HeaderNames.Host),
        Header(request, HeaderNames.Upgrade),
        Header(request, HeaderNames.Connection),
        Header(request, HeaderNames.SecWebSocketKey),
        Header(request, HeaderNames.SecWebSocketVersion));

    /// <summary>A repeated header is joined with commas, as HTTP allows for list-valued headers.</summary>
    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;
}
