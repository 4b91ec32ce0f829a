namespace GwSocket.Server.AccessLog;

internal interface IAccessLog
{
    /// <summary>False when nothing is written, so that callers need not build entries.</summary>
    bool Enabled => true;

    void Write(AccessLogEntry entry);
}
