using System.Text;
using GwSocket.Protocol;

namespace GwSocket.Fuzz.Targets;

/// <summary>
/// The handshake validator: never throws, accepts only what RFC 6455 section 4.2.1 allows, answers the same
/// whatever the order and the case of the header names, and every key it accepts has an accept value.
/// </summary>
public sealed class HandshakeTarget : IFuzzTarget
{
    private const long AllocationPerInputByte = 64;
    private const long AllocationSlack = 16 * 1024;

    public string Name => "handshake";

    public byte[] Generate(Random random) => Encoding.Latin1.GetBytes(HandshakeGenerator.Head(random));

    public string Check(byte[] input, Random random)
    {
        var head = RequestHead.Parse(input);
        var request = head.ToRequest();
        var budget = new AllocationBudget(AllocationPerInputByte * input.Length + AllocationSlack);
        var result = Handshake.Validate(request);
        budget.Check("Handshake.Validate");
        if (!Enum.IsDefined(result.Status))
            throw new FuzzFailure($"undefined status {result.Status}");
        if (result.IsAccepted)
            CheckAccepted(request);
        else if (string.IsNullOrEmpty(result.Reason))
            throw new FuzzFailure($"{result.Status} without a reason");

        var reordered = head.WithHeaders(head.Headers.OrderBy(_ => random.Next()).Select(h => KeyValuePair.Create(ChangeCase(h.Key, random), h.Value)));
        var again = Handshake.Validate(reordered.ToRequest());
        if (again.Status != result.Status)
            throw new FuzzFailure($"{result.Status} became {again.Status} when the headers were reordered or their names recased");
        return result.Status.ToString();
    }

    private static void CheckAccepted(HandshakeRequest request)
    {
        if (request.Method != "GET" || request.Protocol != "HTTP/1.1" || string.IsNullOrWhiteSpace(request.Host))
            throw new FuzzFailure($"accepted {request.Method} {request.Protocol} with Host '{request.Host}'");
        if (request.Version?.Trim() != Handshake.SupportedVersion)
            throw new FuzzFailure($"accepted version '{request.Version}'");
        if (!HasToken(request.Upgrade, "websocket") || !HasToken(request.Connection, "upgrade"))
            throw new FuzzFailure($"accepted Upgrade '{request.Upgrade}', Connection '{request.Connection}'");
        var key = request.Key ?? "";
        var decoded = new byte[64];
        if (!Convert.TryFromBase64String(key.Trim(), decoded, out var keyBytes) || keyBytes != 16)
            throw new FuzzFailure($"accepted key '{key}', which is not 16 bytes in base64");
        var accept = Handshake.ComputeAcceptKey(key);
        if (!Convert.TryFromBase64String(accept, decoded, out var acceptBytes) || acceptBytes != 20)
            throw new FuzzFailure($"key '{key}' gave accept '{accept}', which is not a SHA-1 in base64");
    }

    private static bool HasToken(string? value, string token) =>
        value?.Split(',').Any(part => part.Trim().Equals(token, StringComparison.OrdinalIgnoreCase)) == true;

    private static string ChangeCase(string name, Random random) =>
        random.Next(2) == 0 ? name.ToUpperInvariant() : name.ToLowerInvariant();
}
