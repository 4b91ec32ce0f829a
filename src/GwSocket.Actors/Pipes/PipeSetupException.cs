namespace GwSocket.Actors.Pipes;

/// <summary>A pipe path that cannot be used, found at startup; the message is one line naming the option and the path.</summary>
public sealed class PipeSetupException(string option, string path, string reason)
    : Exception($"{option}={path}: {reason}")
{
    public string Option { get; } = option;

    public string PipePath { get; } = path;
}
