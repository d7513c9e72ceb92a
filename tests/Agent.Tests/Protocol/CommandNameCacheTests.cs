using GuestAgent.Commands;
using GuestAgent.Protocol;

namespace GuestAgent.Tests.Protocol;

/// <summary>
/// <see cref="CommandNameCache"/>: a request's name finds the registry's command by its exact bytes
/// (the first of two with one name, as dispatch finds it), and a known name is the registry's own
/// string, not a new one per request.
/// </summary>
public sealed class CommandNameCacheTests
{
    private static readonly CommandDescriptor First = Descriptor("version", "Test.First");
    private static readonly CommandDescriptor Second = Descriptor("version", "Test.Second");
    private static readonly CommandDescriptor Reset = Descriptor("resetnetwork", "Test.Reset");

    [Fact]
    public void Of_two_commands_with_one_name_the_first_is_found()
    {
        var cache = new CommandNameCache(new DescriptorsOnly([First, Reset, Second]));

        Assert.Same(First, cache.Find("version"u8));
        Assert.Same(Reset, cache.Find("resetnetwork"u8));
    }

    [Theory]
    [InlineData("versions")]
    [InlineData("versio")]
    [InlineData("Version")]
    [InlineData("")]
    public void Only_the_exact_name_finds_a_command(string name)
    {
        var cache = new CommandNameCache(new DescriptorsOnly([First, Reset]));
        var utf8 = System.Text.Encoding.UTF8.GetBytes(name);

        Assert.Null(cache.Find(utf8));
        Assert.Equal(name, cache.GetString(utf8));
    }

    [Fact]
    public void A_known_name_is_the_registry_s_own_string()
    {
        var cache = new CommandNameCache(new DescriptorsOnly([First, Reset]));

        Assert.Same(Reset.Name, cache.GetString("resetnetwork"u8));
        Assert.Same(First.Name, cache.GetString("version"u8));
    }

    private static CommandDescriptor Descriptor(string name, string method) =>
        new(new string(name.AsSpan()), "", method, [], "{}", "{}");

    private sealed class DescriptorsOnly(IReadOnlyList<CommandDescriptor> commands) : ICommandRegistry
    {
        public IReadOnlyList<CommandDescriptor> Commands => commands;

        public bool TryDispatch(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, in CommandInvocation invocation, out ValueTask<CommandResult> result)
        {
            result = default;
            return false;
        }
    }
}
