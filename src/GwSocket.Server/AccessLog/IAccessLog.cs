namespace GwSocket.Server.AccessLog;

public interface IAccessLog
{
    void Write(AccessLogEntry entry);
}
