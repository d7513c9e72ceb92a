using System.Text;
using GuestAgent.Commands;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

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

    private static async Task<string> RespondAsync(ICommandRegistry registry, string request, ILogger<NovaJsonParser>? logger = null)
    {
        var parser = new NovaJsonParser(registry, logger: logger);
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
    public void Names_the_registry_lacks_are_listed_once_each_in_the_order_given()
    {
        var registry = new FilteredCommandRegistry(new NamedRegistry("version", "echo"), ["ech", "version", "nope", "ech"]);

        Assert.Equal(["ech", "nope"], registry.UnknownNames);
        Assert.Empty(new FilteredCommandRegistry(new NamedRegistry("version", "echo"), ["echo"]).UnknownNames);
    }

    [Fact]
    public void Strict_refuses_a_misspelt_name_naming_it_and_every_registered_command()
    {
        var error = Assert.Throws<ArgumentException>(() => FilteredCommandRegistry.Strict(new NamedRegistry("version", "echo"), ["ech", "version", "nope"]));

        Assert.Equal("allowedNames", error.ParamName);
        Assert.StartsWith("The allow-list names no command 'ech', 'nope' (registered: echo, version)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_refuses_a_single_misspelt_name()
    {
        var error = Assert.Throws<ArgumentException>(() => FilteredCommandRegistry.Strict(new NamedRegistry("version", "echo"), ["version", "ech"]));

        Assert.StartsWith("The allow-list names no command 'ech' (registered: echo, version)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_serves_a_list_of_known_names_as_the_constructor_does()
    {
        var registry = FilteredCommandRegistry.Strict(new NamedRegistry("version", "echo"), ["echo"], "edit the list");

        Assert.Equal(["echo"], registry.Commands.Select(command => command.Name));
        Assert.Equal("""{"returncode":"0","message":"ran echo"}""", await RespondAsync(registry, """{"name":"echo","value":""}"""));
        Assert.True(registry.IsDisabled("version"u8, out var howToEnable));
        Assert.Equal("edit the list", howToEnable);
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

    [Fact]
    public async Task A_disabled_command_is_logged_as_disabled_not_unknown_and_answered_exactly_as_unknown()
    {
        var registry = new FilteredCommandRegistry(new NamedRegistry("version", "password"), ["version"]);
        var logger = new RecordingLogger<NovaJsonParser>();

        var answer = await RespondAsync(registry, """{"name":"password","value":"secret"}""", logger);

        Assert.Equal("""{"returncode":"404","message":"No such agent command 'password'"}""", answer);
        var warning = Assert.Single(logger.At(LogLevel.Warning));
        Assert.Equal("Request id: command 'password' is disabled by configuration (enable it in the registry's allow-list); answered as an unknown command", warning);
        Assert.DoesNotContain(logger.Entries, entry => entry.Message.Contains("unknown command 'password'", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, entry => entry.Message.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_log_says_how_to_enable_a_disabled_command_in_the_words_of_whoever_disabled_it()
    {
        var registry = new FilteredCommandRegistry(new NamedRegistry("version", "password"), ["version"], "add it to 'commands.enabled' in /etc/agent.json");
        var logger = new RecordingLogger<NovaJsonParser>();

        await RespondAsync(registry, """{"name":"password","value":""}""", logger);

        Assert.Equal(
            "Request id: command 'password' is disabled by configuration (add it to 'commands.enabled' in /etc/agent.json); answered as an unknown command",
            Assert.Single(logger.At(LogLevel.Warning)));
    }

    [Fact]
    public async Task A_name_no_command_has_is_still_logged_as_unknown_through_a_filter()
    {
        var registry = new FilteredCommandRegistry(new NamedRegistry("version", "password"), ["version"]);
        var logger = new RecordingLogger<NovaJsonParser>();

        var answer = await RespondAsync(registry, """{"name":"passwd","value":""}""", logger);

        Assert.Equal("""{"returncode":"404","message":"No such agent command 'passwd'"}""", answer);
        Assert.Equal("Request id: unknown command 'passwd'", Assert.Single(logger.At(LogLevel.Warning)));
    }

    [Fact]
    public void Only_commands_the_inner_registry_has_and_the_list_leaves_out_are_disabled()
    {
        var registry = new FilteredCommandRegistry(new NamedRegistry("version", "password"), ["version"], "the hint");

        Assert.True(registry.IsDisabled("password"u8, out var hint));
        Assert.Equal("the hint", hint);
        Assert.False(registry.IsDisabled("version"u8, out _));
        Assert.False(registry.IsDisabled("Password"u8, out _));
        Assert.False(registry.IsDisabled("nope"u8, out _));
    }

    [Fact]
    public void Only_the_allowed_commands_services_are_required_and_a_registry_that_does_not_say_requires_none()
    {
        var inner = new RequiringRegistry(
            new RequiredService("password", "Test.Secrets", typeof(Uri), "System.Uri"),
            new RequiredService("version", "Test.Info", typeof(string), "string"));

        var filtered = new FilteredCommandRegistry(inner, ["version"]);

        Assert.Equal(["version"], filtered.GetRequiredServices().Select(service => service.CommandName));
        Assert.Equal(["version"], filtered.FindMissingServices(GuestAgent.Commands.EmptyServiceProvider.Instance).Select(service => service.CommandName));
        Assert.Empty(filtered.FindMissingServices(new GuestAgent.Hosting.ServiceMap().Add("registered")));
        Assert.Empty(new FilteredCommandRegistry(new NamedRegistry("version"), ["version"]).GetRequiredServices());
    }

    private sealed class RequiringRegistry(params RequiredService[] required) : ICommandRegistry, IRequiredServices
    {
        public IReadOnlyList<CommandDescriptor> Commands { get; } =
            required.Select(service => new CommandDescriptor(service.CommandName, "", "Test." + service.CommandName, [], "{}", "{}")).ToArray();

        public IReadOnlyList<RequiredService> RequiredServices => required;

        public bool TryDispatch(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, in CommandInvocation invocation, out ValueTask<CommandResult> result)
        {
            result = default;
            return false;
        }
    }
}
