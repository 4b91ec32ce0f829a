using GwSocket.Server.Configuration;

namespace GwSocket.Server.AccessLog;

/// <summary>Appends access log lines to a file; one line at a time, whole, from any thread.</summary>
internal sealed class AccessLogWriter : IAccessLog, IDisposable
{
    private readonly Lock _gate = new();
    private readonly TextWriter _writer;
    private bool _disposed;

    private AccessLogWriter(TextWriter writer) => _writer = writer;

    /// <exception cref="SettingException">The file cannot be opened for appending.</exception>
    public static AccessLogWriter Open(string path)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            return new AccessLogWriter(new StreamWriter(stream) { AutoFlush = true, NewLine = "\n" });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new SettingException("--access-log", $"cannot open '{path}': {e.Message}");
        }
    }

    public void Write(AccessLogEntry entry)
    {
        var line = AccessLogFormatter.Format(entry);
        lock (_gate)
        {
            // A connection may end while the host is being disposed; its line is dropped, not thrown.
            if (!_disposed)
                _writer.WriteLine(line);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _writer.Dispose();
        }
    }
}
