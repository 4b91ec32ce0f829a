using GwSocket.EndToEnd.Tests.Infrastructure;
using GwSocket.EndToEnd.Tests.Pipes;

namespace GwSocket.EndToEnd.Tests.NetworkPipe;

/// <summary><c>gwsocket pipe</c> as a user runs it: a real process fed by a shell producer, in <c>sh -c</c>.</summary>
public static class PipeCommandProcess
{
    /// <summary>
    /// Runs <c>PRODUCER | dotnet gwsocket.dll pipe ARGUMENTS</c>; inside <paramref name="producer"/> (a shell command)
    /// and <paramref name="redirect"/> (e.g. <c>&gt; file</c>), $1, $2... are <paramref name="producerArguments"/>.
    /// </summary>
    public static ShellProcess Start(string producer, IReadOnlyList<string> pipeArguments, string redirect = "", params string[] producerArguments)
    {
        var n = producerArguments.Length;
        var command = string.Join(' ', Enumerable.Range(n + 1, pipeArguments.Count + 3).Select(i => $"\"${{{i}}}\""));
        return ShellProcess.Start($"{producer} | {command} {redirect}",
            [.. producerArguments, ServerBinary.DotnetHost, ServerBinary.DllPath, "pipe", .. pipeArguments]);
    }
}
