namespace GwSocket.Server.AccessLog;

/// <summary>Used when --access-log is not given.</summary>
internal sealed class NoAccessLog : IAccessLog
{
    public bool Enabled => false;

    public void Write(AccessLogEntry entry)
    {
    }
}
