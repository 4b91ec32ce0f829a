using GwSocket.Protocol;
using GwSocket.Server.Configuration;
using GwSocket.Server.Limits;
using GwSocket.Server.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GwSocket.Server.Upgrade;

/// <summary>
/// Whether an upgrade request gets its WebSocket: the opening handshake (RFC 6455 4.2.1), the origin, the node
/// not stopping, and a free client slot. The same decision whichever layer read the request.
/// </summary>
internal sealed class UpgradeAdmission(
    GwSocketSettings settings,
    ConnectionGuards guards,
    IHostApplicationLifetime lifetime,
    HandshakeRejections rejections,
    ILogger<UpgradeAdmission> logger)
{
    /// <summary>101 with a client slot taken (the caller releases it when the connection ends), or the refusal's status.</summary>
    public int Admit(in HandshakeRequest request, string? origin, bool hasBody, string clientIp)
    {
        // Kestrel's rule for an upgrade, which RFC 6455 leaves open: the connection is the WebSocket's from the head on.
        if (hasBody)
            return Refuse(StatusCodes.Status400BadRequest, "upgrade request with content", clientIp);
        var handshake = Handshake.Validate(request);
        switch (handshake.Status)
        {
            case HandshakeStatus.UpgradeRequired:
                return Refuse(StatusCodes.Status426UpgradeRequired, handshake.Reason, clientIp);
            case HandshakeStatus.BadRequest:
                return Refuse(StatusCodes.Status400BadRequest, handshake.Reason, clientIp);
        }
        if (!OriginPolicy.Allows(settings.Origin, origin))
            return Refuse(StatusCodes.Status403Forbidden, "origin not allowed", clientIp);
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            return Refuse(StatusCodes.Status503ServiceUnavailable, "server shutting down", clientIp);
        if (!guards.Slots.TryTake())
            return Refuse(StatusCodes.Status503ServiceUnavailable, "--max-connections reached", clientIp);
        return StatusCodes.Status101SwitchingProtocols;
    }

    public int Refuse(int status, string? reason, string clientIp)
    {
        logger.LogDebug("{Status} for {Client}: {Reason}", status, clientIp, reason);
        rejections.Record(status);
        return status;
    }
}
