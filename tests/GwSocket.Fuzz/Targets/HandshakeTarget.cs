using System.Text;
using GwSocket.Protocol;
using GwSocket.Protocol.Http;

namespace GwSocket.Fuzz.Targets;

/// <summary>
/// The server's reading of an upgrade: the request-head parser, then the handshake validator. Neither throws; the
/// parser's allocation is bounded by its input; a head is complete only once all of it has arrived (every shorter
/// prefix is incomplete, or already what the whole input is) and bytes after it do not change it; the validator
/// accepts only what RFC 6455 section 4.2.1 allows and answers the same whatever the order and case of the header
/// names; every key it accepts has an accept value.
/// </summary>
public sealed class HandshakeTarget : IFuzzTarget
{
    private const long AllocationPerInputByte = 64;
    private const long AllocationSlack = 16 * 1024;
    private const int Limit = 8 * 1024;

    public string Name => "handshake";

    public byte[] Generate(Random random) => Encoding.Latin1.GetBytes(HandshakeGenerator.Head(random));

    public string Check(byte[] input, Random random)
    {
        var budget = new AllocationBudget(AllocationPerInputByte * input.Length + AllocationSlack);
        var status = RequestHeadParser.Parse(input, Limit, Limit, out var head);
        budget.Check("RequestHeadParser.Parse");
        if (!Enum.IsDefined(status))
            throw new FuzzFailure($"undefined parse status {status}");
        if ((status == RequestHeadStatus.Complete) != (head is not null))
            throw new FuzzFailure($"{status} with{(head is null ? "out" : "")} a head");
        CheckPrefix(input, status, head, random);
        if (head is null)
            return status.ToString();
        CheckTrailingBytes(input, head, random);

        var result = Handshake.Validate(head.ToHandshakeRequest());
        if (!Enum.IsDefined(result.Status))
            throw new FuzzFailure($"undefined status {result.Status}");
        if (result.IsAccepted)
            CheckAccepted(head.ToHandshakeRequest());
        else if (string.IsNullOrEmpty(result.Reason))
            throw new FuzzFailure($"{result.Status} without a reason");
        CheckReordered(input, head, result, random);
        return result.Status.ToString();
    }

    /// <summary>The listener parses again as bytes arrive: a prefix is incomplete, or already says what the whole does.</summary>
    private static void CheckPrefix(byte[] input, RequestHeadStatus whole, RequestHead? head, Random random)
    {
        var end = head?.Length ?? input.Length;
        if (end == 0)
            return;
        var cut = random.Next(end);
        var prefix = RequestHeadParser.Parse(input.AsSpan(0, cut), Limit, Limit, out _);
        if (prefix != RequestHeadStatus.Incomplete && prefix != whole)
            throw new FuzzFailure($"the first {cut} bytes are {prefix}, the whole input {whole}");
    }

    private static void CheckTrailingBytes(byte[] input, RequestHead head, Random random)
    {
        var longer = input.Concat(Enumerable.Range(0, random.Next(1, 32)).Select(_ => (byte)random.Next(256))).ToArray();
        if (RequestHeadParser.Parse(longer, Limit, Limit, out var again) != RequestHeadStatus.Complete || again!.Length != head.Length)
            throw new FuzzFailure("bytes after the head changed it");
    }

    private static void CheckReordered(byte[] input, RequestHead head, HandshakeResult result, Random random)
    {
        var lines = Encoding.Latin1.GetString(input, 0, head.Length).Split("\r\n");
        // lines: request line, header lines, then the two empty strings of the final CRLF CRLF.
        var headers = lines[1..^2].OrderBy(_ => random.Next()).Select(line => RecaseName(line, random));
        var reordered = Encoding.Latin1.GetBytes(string.Join("\r\n", [lines[0], .. headers, "", ""]));
        if (RequestHeadParser.Parse(reordered, Limit, Limit, out var again) != RequestHeadStatus.Complete)
            throw new FuzzFailure("reordering or recasing the header lines made the head incomplete or malformed");
        var status = Handshake.Validate(again!.ToHandshakeRequest()).Status;
        if (status != result.Status)
            throw new FuzzFailure($"{result.Status} became {status} when the headers were reordered or their names recased");
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

    private static string RecaseName(string line, Random random)
    {
        var colon = line.IndexOf(':');
        var name = line[..colon];
        return (random.Next(2) == 0 ? name.ToUpperInvariant() : name.ToLowerInvariant()) + line[colon..];
    }
}
