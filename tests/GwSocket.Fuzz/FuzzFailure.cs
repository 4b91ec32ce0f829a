namespace GwSocket.Fuzz;

/// <summary>An input broke a property of the target; the runner saves the input and stops.</summary>
public sealed class FuzzFailure(string message) : Exception(message);
