namespace GuestAgent.Commands.Network.Parsing;

/// <summary>
/// The host's network description cannot be used. Answered as <c>"500"</c> with the message, and
/// thrown before anything is written, so the system keeps its current configuration.
/// </summary>
internal sealed class InvalidNetworkDataException : CommandException
{
    /// <summary>Creates the exception; the message must name the entry and the problem, never contain secrets.</summary>
    public InvalidNetworkDataException(string message) : base(message)
    {
    }
}
