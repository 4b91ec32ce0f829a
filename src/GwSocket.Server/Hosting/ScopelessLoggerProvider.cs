using Microsoft.Extensions.Logging;

namespace GwSocket.Server.Hosting;

/// <summary>
/// A logger provider without log scopes. Kestrel opens a scope for every connection while any logger takes its
/// critical messages, and a tracked scope is an async-local value that every connection holds for its whole life
/// (about 150 bytes); gwsocket's log formats never print scopes. Hiding the wrapped provider's scope support keeps
/// the logger factory from tracking them.
/// </summary>
internal sealed class ScopelessLoggerProvider(ILoggerProvider inner) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => inner.CreateLogger(categoryName);

    public void Dispose() => inner.Dispose();
}
