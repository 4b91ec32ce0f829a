using GwSocket.Server.AccessLog;

namespace GwSocket.Server.Tests;

public sealed class AccessLogFormatterTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 20, 1, 2, TimeSpan.Zero);

    private static AccessLogEntry Entry(
        string target = "/",
        string? referer = null,
        string? userAgent = null,
        int status = 101,
        string remoteIp = "192.0.2.7") =>
        new(remoteIp, Noon, "GET", target, "HTTP/1.1", status, 312, referer, userAgent, TimeSpan.FromMilliseconds(1234.9));

    [Fact]
    public void Line_has_gwsockets_fields_in_gwsockets_order() =>
        Assert.Equal(
            "192.0.2.7 - - [24/Nov/2026:20:01:02 +0000] \"GET /chat?room=1 HTTP/1.1\" 101 312 \"http://example.com/\" \"Mozilla/5.0\" 1234",
            AccessLogFormatter.Format(Entry("/chat?room=1", "http://example.com/", "Mozilla/5.0")));

    [Fact]
    public void Missing_referer_and_user_agent_are_dashes() =>
        Assert.EndsWith("\"-\" \"-\" 1234", AccessLogFormatter.Format(Entry()));

    [Fact]
    public void Empty_remote_ip_of_a_unix_socket_client_is_a_dash() =>
        Assert.StartsWith("- - - [", AccessLogFormatter.Format(Entry(remoteIp: "")));

    [Theory]
    [InlineData(0, 0, "+0000")]
    [InlineData(2, 0, "+0200")]
    [InlineData(5, 30, "+0530")]
    [InlineData(-3, -30, "-0330")]
    public void Timestamp_is_apache_style_with_the_local_offset(int hours, int minutes, string zone)
    {
        var time = new DateTimeOffset(2026, 1, 5, 3, 4, 5, new TimeSpan(hours, minutes, 0));

        Assert.Equal($"05/Jan/2026:03:04:05 {zone}", AccessLogFormatter.Timestamp(time));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\"b", "a\\\"b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("a\nb\rc\td", "a\\nb\\rc\\td")]
    [InlineData("bell\u0007", "bell\\x07")]
    [InlineData("del\u007f", "del\\x7f")]
    [InlineData("caf\u00e9", "caf\\xc3\\xa9")]
    [InlineData("", "-")]
    [InlineData(null, "-")]
    public void Client_values_are_escaped_so_they_cannot_break_the_line(string? value, string expected) =>
        Assert.Equal(expected, AccessLogFormatter.Field(value));

    [Fact]
    public void A_hostile_user_agent_stays_inside_its_quotes_on_one_line()
    {
        var line = AccessLogFormatter.Format(Entry(userAgent: "x\" 200 1 \"-\"\n10.0.0.1 - - [forged]"));

        Assert.DoesNotContain('\n', line);
        Assert.EndsWith("\"x\\\" 200 1 \\\"-\\\"\\n10.0.0.1 - - [forged]\" 1234", line);
    }

    [Fact]
    public void Request_target_is_escaped_too() =>
        Assert.Contains("\"GET /a\\\"b HTTP/1.1\"", AccessLogFormatter.Format(Entry("/a\"b")));
}
