namespace GwSocket.Protocol.Pipes;

/// <summary>
/// Outcome of decoding pipe-in bytes in strict mode. On an error the stream cannot be trusted any
/// more: the caller drops what is buffered (<see cref="StrictRecordDecoder.Reset"/>) and reopens the pipe.
/// </summary>
public readonly record struct StrictDecodeResult(bool Failed, string? Error, byte[]? Header)
{
    public static StrictDecodeResult Ok => default;

    /// <summary>The offending header as hex, for the log line.</summary>
    public string HeaderHex => Header is null ? string.Empty : Convert.ToHexString(Header);
}
