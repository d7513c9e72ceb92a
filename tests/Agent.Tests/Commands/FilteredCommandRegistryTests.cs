using System.Text;
using GuestAgent.Commands;
using GuestAgent.Protocol;

namespace GuestAgent.Tests.Commands;

public sealed class FilteredCommandRegistryTests
{
    /// <summary>A registry with real descriptors, answering each command with its own name.</summary>
    private sealed class NamedRegistry(params string[] names) : ICommandRegistry
    {
        public IReadOnlyList<CommandDescriptor> Commands { get; } =
            names.Order(StringComparer.Ordinal).Select(name => new CommandDescriptor(name, "", "Test." + name, [], "{}", "{}")).ToArray();

        public bool TryDispatch(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, in CommandInvocation invocation, out ValueTask<CommandResult> result)
        {
            var name = Encoding.UTF8.GetString(utf8Name);
            result = new(CommandResult.Ok("ran " + name));
            return names.Contains(name);
        }
    }

    private static async Task<string> RespondAsync(ICommandRegistry registry, string request)
    {
        var parser = new NovaJsonParser(registry);
        var response = await parser.ParseRequestAsync(new AgentRequest("id", Encoding.UTF8.GetBytes(request), new ExchangeSession()), CancellationToken.None);
        return response.ToJson();
    }

    [Fact]
    public async Task Allowed_commands_run_and_disabled_ones_answer_404_like_unknown_names()
    {
        var registry = new FilteredCommandRegistry(new NamedRegistry("version", "password", "injectfile"), ["version", "injectfile"]);

        Assert.Equal("""{"returncode":"0","message":"ran version"}""", await RespondAsync(registry, """{"name":"version","value":"agent"}"""));
        Assert.Equal("""{"returncode":"0","message":"ran injectfile"}""", await RespondAsync(registry, """{"name":"injectfile","value":""}"""));
        Assert.Equal("""{"returncode":"404","message":"No such agent command 'password'"}""", await RespondAsync(registry, """{"name":"password","value":"x"}"""));
    }

    [Fact]
    public void Lists_only_the_allowed_commands_that_exist_in_their_original_order()
    {
        var registry = new FilteredCommandRegistry(new NamedRegistry("version", "password", "features"), ["version", "nope", "features"]);

        Assert.Equal(["features", "version"], registry.Commands.Select(command => command.Name));
    }

    [Fact]
    public void Names_are_matched_exactly()
    {
        var registry = new FilteredCommandRegistry(new NamedRegistry("version"), ["version"]);
        var invocation = new CommandInvocation("id", new ExchangeSession(), EmptyServiceProvider.Instance, CancellationToken.None);

        Assert.False(registry.TryDispatch("Version"u8, "\"\""u8.ToArray(), invocation, out _));
        Assert.False(registry.TryDispatch("versio"u8, "\"\""u8.ToArray(), invocation, out _));
        Assert.True(registry.TryDispatch("version"u8, "\"\""u8.ToArray(), invocation, out _));
    }
}
