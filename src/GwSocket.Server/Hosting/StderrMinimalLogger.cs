using Akka.Event;

namespace GwSocket.Server.Hosting;

/// <summary>
/// Akka's logger for the very start and end of the actor system, when no other logger runs. Akka's own writes to
/// stdout, and Akka.Remote's last lines at shutdown reached it despite stdout-loglevel = OFF; stdout is data with --stdout.
/// </summary>
public sealed class StderrMinimalLogger : MinimalLogger
{
    protected override void Log(object message) => Console.Error.WriteLine(message);
}
