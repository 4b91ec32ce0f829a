using System.Text.Json;

namespace GwSocket.EndToEnd.Tests.Browser;

/// <summary>What <see cref="EchoConversationScript"/> resolves to.</summary>
public sealed record EchoConversationReport(string UserAgent, string Url, IReadOnlyList<EchoCheck> Checks)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static EchoConversationReport From(JsonElement value) =>
        value.Deserialize<EchoConversationReport>(Json)
        ?? throw new InvalidOperationException($"The browser returned no report: {value}");

    public override string ToString() =>
        $"browser {UserAgent}, {Url}:{Environment.NewLine}" +
        string.Join(Environment.NewLine, Checks.Select(c => $"  [{(c.Ok ? "ok" : "FAILED")}] {c.Name}: {c.Detail}"));
}

public sealed record EchoCheck(string Name, bool Ok, string Detail);
