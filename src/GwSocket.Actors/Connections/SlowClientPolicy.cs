namespace GwSocket.Actors.Connections;

/// <summary>What happens to a message for a client whose outbound queue is full.</summary>
public enum SlowClientPolicy
{
    /// <summary>The message is dropped for that client and counted; the client stays connected.</summary>
    Drop,

    /// <summary>The client is closed with 1008 (policy violation).</summary>
    Close,
}
