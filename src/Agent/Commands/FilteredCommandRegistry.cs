using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace GuestAgent.Commands;

/// <summary>
/// A view of a registry that exposes only an allow-list of its commands. A command outside the list
/// is not dispatched (the parser answers <c>"404"</c> <c>No such agent command</c>, as for a name that
/// does not exist, but logs it as disabled: see <see cref="IDisabledCommands"/>) and is absent from
/// <see cref="Commands"/>, so <c>features</c> does not advertise it.
/// </summary>
public sealed class FilteredCommandRegistry : ICommandRegistry, IDisabledCommands, IRequiredServices
{
    private readonly ICommandRegistry _inner;
    private readonly byte[][] _allowed;
    private readonly byte[][] _disabled;
    private readonly string _howToEnable;

    /// <summary>Creates the view.</summary>
    /// <param name="inner">The full registry.</param>
    /// <param name="allowedNames">The commands that stay reachable; names the inner registry lacks are ignored.</param>
    /// <param name="howToEnable">
    /// What the log tells the operator to change to serve a disabled command (for example
    /// <c>add it to 'commands.enabled' in /etc/guest-agent/agent.json</c>); never shown to the host.
    /// </param>
    public FilteredCommandRegistry(ICommandRegistry inner, IEnumerable<string> allowedNames, string howToEnable = "enable it in the registry's allow-list")
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(allowedNames);
        ArgumentNullException.ThrowIfNull(howToEnable);
        _inner = inner;
        _howToEnable = howToEnable;
        var allowed = allowedNames.ToHashSet(StringComparer.Ordinal);
        Commands = inner.Commands.Where(command => allowed.Contains(command.Name)).ToArray();
        _allowed = Commands.Select(command => Encoding.UTF8.GetBytes(command.Name)).ToArray();
        _disabled = inner.Commands.Where(command => !allowed.Contains(command.Name)).Select(command => Encoding.UTF8.GetBytes(command.Name)).ToArray();
        // A disabled command's class is never created, so its services are not needed.
        RequiredServices = inner.GetRequiredServices().Where(service => allowed.Contains(service.CommandName)).ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<CommandDescriptor> Commands { get; }

    /// <summary>The services the allowed commands need; a disabled command's are left out.</summary>
    public IReadOnlyList<RequiredService> RequiredServices { get; }

    /// <inheritdoc />
    public bool TryDispatch(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, in CommandInvocation invocation, out ValueTask<CommandResult> result)
    {
        // A handful of names: a linear scan of their UTF-8 bytes is allocation-free and fast enough.
        foreach (var name in _allowed)
        {
            if (utf8Name.SequenceEqual(name))
            {
                return _inner.TryDispatch(utf8Name, value, invocation, out result);
            }
        }

        result = default;
        return false;
    }

    /// <inheritdoc />
    public bool IsDisabled(ReadOnlySpan<byte> utf8Name, [NotNullWhen(true)] out string? howToEnable)
    {
        foreach (var name in _disabled)
        {
            if (utf8Name.SequenceEqual(name))
            {
                howToEnable = _howToEnable;
                return true;
            }
        }

        howToEnable = null;
        return false;
    }
}
