using System.Diagnostics.CodeAnalysis;

namespace GuestAgent.Commands;

/// <summary>
/// Implemented by a registry that has commands it does not serve because configuration turned them
/// off (<see cref="FilteredCommandRegistry"/>). The parser answers such a command exactly as a name no
/// command has (<c>"404"</c>, <c>No such agent command</c>: the host cannot tell them apart), but
/// logs that it is disabled and how to enable it, so the operator is not told it does not exist.
/// </summary>
public interface IDisabledCommands
{
    /// <summary>Whether the registry has a command named <paramref name="utf8Name"/> that it does not serve.</summary>
    /// <param name="utf8Name">The command name, UTF-8, exactly as in the request.</param>
    /// <param name="howToEnable">For the operator's log: what to change to serve the command, for example a configuration key.</param>
    bool IsDisabled(ReadOnlySpan<byte> utf8Name, [NotNullWhen(true)] out string? howToEnable);
}
