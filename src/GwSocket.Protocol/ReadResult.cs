namespace GwSocket.Protocol;

/// <summary>Outcome of feeding bytes to a <see cref="MessageReader"/>: fine, or fail the connection with a close code.</summary>
public readonly record struct ReadResult(bool Failed, ushort CloseCode, string? Error)
{
    public static ReadResult Ok => default;

    public static ReadResult Fail(ushort closeCode, string error) => new(true, closeCode, error);
}
