using GwSocket.Server.AccessLog;
using GwSocket.Server.Configuration;

namespace GwSocket.Server.Tests;

public sealed class AccessLogWriterTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static AccessLogEntry Entry(int status) =>
        new("127.0.0.1", DateTimeOffset.UnixEpoch, "GET", "/", "HTTP/1.1", status, 100, null, "agent", TimeSpan.Zero);

    [Fact]
    public void Lines_are_appended_to_what_the_file_already_holds()
    {
        var path = _files.Write("access.log", "earlier line\n");

        using (var log = AccessLogWriter.Open(path))
            log.Write(Entry(101));

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        Assert.Equal("earlier line", lines[0]);
        Assert.Contains("\" 101 100 ", lines[1]);
    }

    [Fact]
    public void Lines_written_from_many_threads_stay_whole()
    {
        var path = _files.PathOf("access.log");
        using (var log = AccessLogWriter.Open(path))
            Parallel.For(0, 2000, i => log.Write(Entry(100 + (i % 400))));

        var lines = File.ReadAllLines(path);
        Assert.Equal(2000, lines.Length);
        Assert.All(lines, line => Assert.Matches(@"^127\.0\.0\.1 - - \[.+\] ""GET / HTTP/1\.1"" \d{3} 100 ""-"" ""agent"" 0$", line));
    }

    [Fact]
    public void A_line_after_dispose_is_dropped_not_thrown()
    {
        var log = AccessLogWriter.Open(_files.PathOf("access.log"));
        log.Dispose();

        log.Write(Entry(101));
    }

    [Fact]
    public void An_unwritable_path_is_an_access_log_error()
    {
        var error = Assert.Throws<SettingException>(() => AccessLogWriter.Open("/nonexistent-dir/access.log"));

        Assert.Equal("--access-log", error.Setting);
    }
}
