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
    /// <param name="allowedNames">
    /// The commands that stay reachable; names the inner registry lacks (a misspelling) are ignored
    /// and listed in <see cref="UnknownNames"/>. <see cref="Strict"/> refuses them instead.
    /// </param>
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
        var given = allowedNames.ToArray();
        var allowed = given.ToHashSet(StringComparer.Ordinal);
        Commands = inner.Commands.Where(command => allowed.Contains(command.Name)).ToArray();
        var known = inner.Commands.Select(command => command.Name).ToHashSet(StringComparer.Ordinal);
        UnknownNames = given.Where(name => !known.Contains(name)).Distinct(StringComparer.Ordinal).ToArray();
        _allowed = Commands.Select(command => Encoding.UTF8.GetBytes(command.Name)).ToArray();
        _disabled = inner.Commands.Where(command => !allowed.Contains(command.Name)).Select(command => Encoding.UTF8.GetBytes(command.Name)).ToArray();
        // A disabled command's class is never created, so its services are not needed.
        RequiredServices = inner.GetRequiredServices().Where(service => allowed.Contains(service.CommandName)).ToArray();
    }

    /// <summary>
    /// Creates the view, refusing an allow-list that names a command the inner registry lacks: a
    /// misspelt name would otherwise disable the command it meant, without a word.
    /// </summary>
    /// <param name="inner">The full registry.</param>
    /// <param name="allowedNames">The commands that stay reachable; each must be one of <paramref name="inner"/>'s.</param>
    /// <param name="howToEnable">As in the constructor: the log's hint for a disabled command.</param>
    /// <exception cref="ArgumentException">
    /// A name is unknown; the message names each unknown name and every registered one, for
    /// example <c>The allow-list names no command 'contoso.ech' (registered: contoso.echo, version)</c>.
    /// </exception>
    public static FilteredCommandRegistry Strict(ICommandRegistry inner, IEnumerable<string> allowedNames, string howToEnable = "enable it in the registry's allow-list")
    {
        var registry = new FilteredCommandRegistry(inner, allowedNames, howToEnable);
        if (registry.UnknownNames.Count > 0)
        {
            var registered = string.Join(", ", inner.Commands.Select(command => command.Name).Order(StringComparer.Ordinal));
            throw new ArgumentException(
                $"The allow-list names no command {string.Join(", ", registry.UnknownNames.Select(name => $"'{name}'"))} (registered: {registered})",
                nameof(allowedNames));
        }

        return registry;
    }

    /// <inheritdoc />
    public IReadOnlyList<CommandDescriptor> Commands { get; }

    /// <summary>
    /// The allowed names the inner registry has no command for (a misspelling, a command of another
    /// version), each once, in the order given; empty when every name is known.
    /// </summary>
    public IReadOnlyList<string> UnknownNames { get; }

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
