using GuestAgent.Commands;

namespace GuestAgent.Tests.Protocol;

/// <summary>A hand-written registry: lets the protocol layer be tested without the generator.</summary>
internal sealed class FakeRegistry : ICommandRegistry
{
    private readonly Dictionary<string, Func<ReadOnlyMemory<byte>, CommandContext, ValueTask<CommandResult>>> _commands = new(StringComparer.Ordinal);

    public IReadOnlyList<CommandDescriptor> Commands => [];

    public FakeRegistry Add(string name, Func<ReadOnlyMemory<byte>, CommandContext, ValueTask<CommandResult>> command)
    {
        _commands[name] = command;
        return this;
    }

    public bool TryDispatch(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, in CommandInvocation invocation, out ValueTask<CommandResult> result)
    {
        var name = System.Text.Encoding.UTF8.GetString(utf8Name);
        if (_commands.TryGetValue(name, out var command))
        {
            result = command(value, invocation.CreateContext(name));
            return true;
        }

        result = default;
        return false;
    }
}
