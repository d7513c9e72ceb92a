using GuestAgent.Commands;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Daemon.Hosting;
using GuestAgent.Daemon.Logging;
using GuestAgent.Platform;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.XenStore.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Daemon.Tests.Hosting;

/// <summary>The settings read from agent.json are the ones the exchange and the commands are built with.</summary>
public sealed class AgentCompositionTests
{
    private static readonly Func<CancellationToken, Task<XenStoreClient>> NoConnection =
        _ => Task.FromException<XenStoreClient>(new InvalidOperationException("not connected in this test"));

    [Fact]
    public void The_configured_xenstore_keys_reach_the_exchange_options()
    {
        using var root = new TemporaryDirectory();
        var file = ConfigurationReader.Parse(
            System.Text.Encoding.UTF8.GetBytes($$"""
                {
                  "root": "{{root.Path}}",
                  "stateDirectory": "/var/lib/agent-state",
                  "xenstore": { "path": "/run/xs.sock", "domainPath": "/local/domain/4", "pollIntervalSeconds": 0.25, "responseRetentionSeconds": 0 }
                }
                """),
            "agent.json");
        var settings = SettingsResolver.Resolve(new GuestAgent.Daemon.Cli.RunInvocation(null, null, null, null, null), file, "agent.json");

        var options = AgentComposition.ExchangeOptions(settings, NoConnection);

        Assert.Equal(TimeSpan.Zero, options.ResponseRetention);
        Assert.Equal(TimeSpan.FromSeconds(0.25), options.PollInterval);
        Assert.Equal("/run/xs.sock", options.Endpoint);
        Assert.Equal("/local/domain/4/data/guest", options.ResponseDirectory);
        Assert.Equal(Path.Combine(root.Path, "var/lib/agent-state"), options.StateDirectory);
        Assert.Same(NoConnection, options.Connect);
        // The journal's boot always comes from the kernel: no setting reaches it.
        Assert.Null(options.BootId);
    }

    [Fact]
    public void Without_the_key_the_exchange_keeps_its_own_default_retention() =>
        Assert.Equal(
            new GuestAgent.Exchanges.XenStoreExchangeOptions().ResponseRetention,
            AgentComposition.ExchangeOptions(new AgentSettings(), NoConnection).ResponseRetention);

    [Fact]
    public void The_network_settings_reach_resetnetwork()
    {
        using var root = new TemporaryDirectory();
        var settings = new AgentSettings
        {
            Root = root.Path,
            NetworkDeadline = TimeSpan.FromSeconds(12),
            NetworkRollbackShare = 0.25,
            SetHostname = false,
            ResolvConf = ResolvConfPolicy.Never,
        };

        var options = Assert.IsType<NetworkOptions>(AgentComposition.Create(settings, NullLoggerFactory.Instance).Services.GetService(typeof(NetworkOptions)));

        Assert.Equal(new NetworkOptions { Deadline = TimeSpan.FromSeconds(12), RollbackShare = 0.25, SetHostname = false, ResolvConf = ResolvConfPolicy.Never }, options);
    }

    [Fact]
    public void Resetnetwork_and_its_recovery_keep_the_record_in_the_configured_state_directory()
    {
        using var root = new TemporaryDirectory();
        var composition = AgentComposition.Create(new AgentSettings { Root = root.Path, StateDirectory = "/var/lib/agent-state" }, NullLoggerFactory.Instance);

        var options = Assert.IsType<NetworkOptions>(composition.Services.GetService(typeof(NetworkOptions)));

        Assert.Equal("/var/lib/agent-state", options.StateDirectory);
        // The recovery run at start (BuiltInCommands.RecoverAsync) reads the same options from the services.
        var system = Assert.IsType<AgentSystem>(composition.Services.GetService(typeof(AgentSystem)));
        Assert.Equal("/var/lib/agent-state/resetnetwork/transaction.json", new NetworkRecovery(system, options).RecordPath);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_inject_file_settings_reach_injectfile(bool inherit)
    {
        using var root = new TemporaryDirectory();
        var settings = new AgentSettings { Root = root.Path, InjectFileDirectories = ["/root/.ssh"], InjectFileInheritUserDirectoryOwner = inherit };

        var options = Assert.IsType<GuestAgent.Commands.Files.InjectFileOptions>(AgentComposition.Create(settings, NullLoggerFactory.Instance).Services.GetService(typeof(GuestAgent.Commands.Files.InjectFileOptions)));

        Assert.Equal(["/root/.ssh"], options.AllowedDirectories);
        Assert.Equal(inherit, options.InheritUserDirectoryOwner);
        // Under a development root the agent may not be root: new files keep its own user.
        Assert.Null(options.NewFileOwner);
    }

    [Fact]
    public void Serving_the_real_root_injected_files_belong_to_root_and_updates_are_staged_in_the_state_directory()
    {
        var composition = AgentComposition.Create(new AgentSettings { Root = "/", StateDirectory = "/var/lib/agent-state" }, NullLoggerFactory.Instance);

        var inject = Assert.IsType<GuestAgent.Commands.Files.InjectFileOptions>(composition.Services.GetService(typeof(GuestAgent.Commands.Files.InjectFileOptions)));
        var update = Assert.IsType<GuestAgent.Commands.Update.AgentUpdateOptions>(composition.Services.GetService(typeof(GuestAgent.Commands.Update.AgentUpdateOptions)));

        Assert.Equal(FileOwner.Root, inject.NewFileOwner);
        Assert.Equal(["/"], inject.AllowedDirectories);
        Assert.Equal("/var/lib/agent-state/updates", update.StagingDirectory);
        // The update rollback's record, beside the staging: the packaged unit's update-rollback reads
        // it under the default state directory (SystemdUnitTests).
        Assert.Equal("/var/lib/agent-state/update-pending", update.PendingUpdatePath);
    }

    [Theory]
    [InlineData("/etc/agent-test/agent.json", true, new[] { "check-config", "--config", "/etc/agent-test/agent.json" })]
    [InlineData("/dev/null", false, new[] { "check-config", "--config", "/dev/null" })]
    // No file at the default path: the new build looks there itself, as its run will (an explicit
    // --config naming a missing file would be an error of its own, exit 2).
    [InlineData(AgentSettings.DefaultConfigFile, false, new[] { "check-config" })]
    public void A_new_binary_is_checked_against_the_configuration_this_agent_runs_with(string file, bool read, string[] arguments)
    {
        var composition = AgentComposition.Create(new AgentSettings { Root = "/", ConfigurationFile = file, ConfigurationFileRead = read }, NullLoggerFactory.Instance);

        var update = composition.Services.Get<GuestAgent.Commands.Update.AgentUpdateOptions>();

        Assert.NotNull(update);
        Assert.Equal(arguments, update.VerifyArguments);
    }

    [Fact]
    public void The_daemon_registers_every_service_its_commands_need_and_logs_nothing_at_start()
    {
        using var root = new TemporaryDirectory();
        using var log = new StringWriter();
        var composition = AgentComposition.Create(new AgentSettings { Root = root.Path }, new JournalLoggerFactory(new JournalWriter(log, LogLevel.Information)));

        // resetnetwork's class takes services without defaults: the check has something to check.
        Assert.Contains(composition.Registry.GetRequiredServices(), service => service.CommandName == "resetnetwork");
        Assert.Empty(composition.Registry.FindMissingServices(composition.Services));
        Assert.DoesNotContain("not registered", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_nobody_registered_is_logged_at_error_once_per_class_and_service_naming_its_commands()
    {
        using var root = new TemporaryDirectory();
        var composition = AgentComposition.Create(new AgentSettings { Root = root.Path }, NullLoggerFactory.Instance);
        using var log = new StringWriter();
        var logger = new JournalLoggerFactory(new JournalWriter(log, LogLevel.Information)).CreateLogger(nameof(AgentComposition));
        // The daemon's services but the vm-data source of resetnetwork.
        var services = new WithoutService(composition.Services, typeof(GuestAgent.Commands.Network.Sources.IVmDataSource));

        var lines = AgentComposition.ReportMissingServices(composition.Registry, services, logger);

        Assert.Equal(1, lines);
        Assert.Equal(
            $"<{JournalLogger.SyslogPriority(LogLevel.Error)}>AgentComposition: Command class 'GuestAgent.Commands.Network.NetworkCommands' needs the service 'GuestAgent.Commands.Network.Sources.IVmDataSource', which is not registered: 'resetnetwork' will answer '500' until it is (the other commands are served)\n",
            log.ToString());
    }

    /// <summary>
    /// A plugin's <c>[FromKeyedServices]</c> parameter: the daemon's provider (a <c>ServiceMap</c>) has no
    /// keyed services, so the line says no registration can help, and names the key, once per class, service and key.
    /// </summary>
    [Fact]
    public void A_missing_keyed_service_is_logged_with_its_key_once_per_key()
    {
        using var log = new StringWriter();

        var lines = AgentComposition.ReportMissingServices(KeyedRegistry, new GuestAgent.Hosting.ServiceMap().Add<IDisposable>(new MemoryStream()), JournalTo(log));

        Assert.Equal(2, lines);
        var error = $"<{JournalLogger.SyslogPriority(LogLevel.Error)}>AgentComposition: ";
        Assert.Equal(
            $"{error}Command class 'Contoso.CacheCommands' needs the service 'System.IDisposable' with the key \"fast\", which the agent's service provider cannot supply: it has no keyed services (such a library needs a host of its own): 'cache.get', 'cache.put' will answer '500' (the other commands are served)\n"
            + $"{error}Command class 'Contoso.CacheCommands' needs the service 'System.IDisposable' with the key 2, which the agent's service provider cannot supply: it has no keyed services (such a library needs a host of its own): 'cache.put' will answer '500' (the other commands are served)\n",
            log.ToString());
    }

    /// <summary>A provider with keyed services that lacks the key: registering it would help, so the line says so.</summary>
    [Fact]
    public void A_keyed_service_a_keyed_provider_lacks_is_logged_as_not_registered()
    {
        using var log = new StringWriter();

        var lines = AgentComposition.ReportMissingServices(KeyedRegistry, new NoKeyedServices(), JournalTo(log));

        Assert.Equal(2, lines);
        var error = $"<{JournalLogger.SyslogPriority(LogLevel.Error)}>AgentComposition: ";
        Assert.Equal(
            $"{error}Command class 'Contoso.CacheCommands' needs the service 'System.IDisposable' with the key \"fast\", which is not registered: 'cache.get', 'cache.put' will answer '500' until it is (the other commands are served)\n"
            + $"{error}Command class 'Contoso.CacheCommands' needs the service 'System.IDisposable' with the key 2, which is not registered: 'cache.put' will answer '500' until it is (the other commands are served)\n",
            log.ToString());
    }

    /// <summary>
    /// A keyed parameter with a default (<see cref="RequiredService.HasDefault"/>): the daemon's
    /// ServiceMap fails its class at every request, default or not, so the line says so; a keyed
    /// provider that lacks the key does not (the default serves).
    /// </summary>
    [Fact]
    public void A_defaulted_keyed_service_is_logged_only_for_a_provider_without_keyed_services()
    {
        var registry = new ListedServices(new RequiredService("cache.get", "Contoso.CacheCommands", typeof(IDisposable), "System.IDisposable", "fast", "\"fast\"", hasDefault: true));
        using var log = new StringWriter();
        using var quiet = new StringWriter();

        var lines = AgentComposition.ReportMissingServices(registry, new GuestAgent.Hosting.ServiceMap(), JournalTo(log));

        Assert.Equal(1, lines);
        Assert.Equal(
            $"<{JournalLogger.SyslogPriority(LogLevel.Error)}>AgentComposition: Command class 'Contoso.CacheCommands' needs the service 'System.IDisposable' with the key \"fast\", which the agent's service provider cannot supply: it has no keyed services (such a library needs a host of its own): 'cache.get' will answer '500' (the other commands are served)\n",
            log.ToString());
        Assert.Equal(0, AgentComposition.ReportMissingServices(registry, new NoKeyedServices(), JournalTo(quiet)));
        Assert.Empty(quiet.ToString());
    }

    private static ListedServices KeyedRegistry => new(
        new RequiredService("cache.get", "Contoso.CacheCommands", typeof(IDisposable), "System.IDisposable", "fast", "\"fast\""),
        new RequiredService("cache.put", "Contoso.CacheCommands", typeof(IDisposable), "System.IDisposable", "fast", "\"fast\""),
        new RequiredService("cache.put", "Contoso.CacheCommands", typeof(IDisposable), "System.IDisposable", 2, "2"));

    private static ILogger JournalTo(StringWriter log) =>
        new JournalLoggerFactory(new JournalWriter(log, LogLevel.Information)).CreateLogger(nameof(AgentComposition));

    /// <summary>An <c>IKeyedServiceProvider</c> with nothing registered, keyed or not.</summary>
    private sealed class NoKeyedServices : Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider
    {
        public object? GetService(Type serviceType) => null;

        public object? GetKeyedService(Type serviceType, object? serviceKey) => null;

        public object GetRequiredKeyedService(Type serviceType, object? serviceKey) =>
            throw new InvalidOperationException($"No service '{serviceType}' under the key '{serviceKey}'");
    }

    private sealed class ListedServices(params RequiredService[] services) : ICommandRegistry, IRequiredServices
    {
        public IReadOnlyList<CommandDescriptor> Commands => [];

        public IReadOnlyList<RequiredService> RequiredServices => services;

        public bool TryDispatch(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, in CommandInvocation invocation, out ValueTask<CommandResult> result)
        {
            result = default;
            return false;
        }
    }

    [Fact]
    public void Agentupdate_refusing_plain_http_names_the_configuration_key_that_accepts_it()
    {
        using var root = new TemporaryDirectory();
        var file = ConfigurationReader.Parse(System.Text.Encoding.UTF8.GetBytes($$"""{ "root": "{{root.Path}}" }"""), "/srv/agent.json");
        var settings = SettingsResolver.Resolve(new GuestAgent.Daemon.Cli.RunInvocation(null, null, null, null, null), file, "/srv/agent.json");

        var composition = AgentComposition.Create(settings, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        var options = composition.Services.Get<GuestAgent.Commands.Update.AgentUpdateOptions>();
        Assert.NotNull(options);
        Assert.False(options.AllowHttp);
        Assert.Equal("set 'agentUpdate.allowHttp' to true in /srv/agent.json", options.HowToAllowHttp);
    }

    [Fact]
    public void Agentupdate_refusing_plain_http_under_config_dev_null_does_not_send_the_operator_to_edit_dev_null()
    {
        // Walking docs/daemon.md on the published daemon: `run --config /dev/null` logged
        // "to accept http, set 'agentUpdate.allowHttp' to true in /dev/null".
        using var root = new TemporaryDirectory();
        var settings = SettingsResolver.Resolve(new GuestAgent.Daemon.Cli.RunInvocation(ConfigurationReader.NoFile, null, null, root.Path, null), null, ConfigurationReader.NoFile);

        var composition = AgentComposition.Create(settings, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        var options = composition.Services.Get<GuestAgent.Commands.Update.AgentUpdateOptions>();
        Assert.NotNull(options);
        Assert.Equal(
            "set 'agentUpdate.allowHttp' to true in a configuration file (this agent reads none: it was started with --config /dev/null)",
            options.HowToAllowHttp);
    }

    [Fact]
    public void Agentupdate_refusing_plain_http_without_the_default_file_names_the_file_to_create()
    {
        using var root = new TemporaryDirectory();
        var settings = SettingsResolver.Resolve(new GuestAgent.Daemon.Cli.RunInvocation(null, null, null, root.Path, null), null, AgentSettings.DefaultConfigFile);

        var composition = AgentComposition.Create(settings, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        Assert.Equal(
            "set 'agentUpdate.allowHttp' to true in /etc/guest-agent/agent.json",
            composition.Services.Get<GuestAgent.Commands.Update.AgentUpdateOptions>()?.HowToAllowHttp);
    }

    [Fact]
    public async Task A_command_disabled_in_the_configuration_is_logged_as_disabled_with_the_key_and_answered_as_unknown()
    {
        using var root = new TemporaryDirectory();
        var file = ConfigurationReader.Parse(
            System.Text.Encoding.UTF8.GetBytes($$"""{ "root": "{{root.Path}}", "commands": { "enabled": ["version", "features"] } }"""),
            "/srv/agent.json");
        var settings = SettingsResolver.Resolve(new GuestAgent.Daemon.Cli.RunInvocation(null, null, null, null, null), file, "/srv/agent.json");
        using var log = new StringWriter();
        var composition = AgentComposition.Create(settings, new JournalLoggerFactory(new JournalWriter(log, LogLevel.Information)));

        var disabled = await composition.Parser.ParseRequestAsync(new AgentRequest("r1", """{"name":"password","value":"x"}"""u8.ToArray(), new ExchangeSession()), CancellationToken.None);
        var unknown = await composition.Parser.ParseRequestAsync(new AgentRequest("r2", """{"name":"passwd","value":"x"}"""u8.ToArray(), new ExchangeSession()), CancellationToken.None);

        // The host cannot tell a disabled command from one that does not exist; the operator can.
        Assert.Equal("""{"returncode":"404","message":"No such agent command 'password'"}""", disabled.ToJson());
        Assert.Equal("""{"returncode":"404","message":"No such agent command 'passwd'"}""", unknown.ToJson());
        var warning = $"<{JournalLogger.SyslogPriority(LogLevel.Warning)}>{nameof(NovaJsonParser)}: ";
        var information = $"<{JournalLogger.SyslogPriority(LogLevel.Information)}>{nameof(NovaJsonParser)}: ";
        Assert.Equal(
            [
                information + "Request r1: command 'password' received (3 bytes of value)",
                warning + "Request r1: command 'password' is disabled by configuration (to serve it, add it to 'commands.enabled' in /srv/agent.json); answered as an unknown command",
                information + "Request r2: command 'passwd' received (3 bytes of value)",
                warning + "Request r2: unknown command 'passwd'",
            ],
            log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task An_empty_commands_enabled_is_warned_about_at_start()
    {
        using var root = new TemporaryDirectory();
        var file = ConfigurationReader.Parse(
            System.Text.Encoding.UTF8.GetBytes($$"""{ "root": "{{root.Path}}", "commands": { "enabled": [] } }"""),
            "/srv/agent.json");
        var settings = SettingsResolver.Resolve(new GuestAgent.Daemon.Cli.RunInvocation(null, null, null, null, null), file, "/srv/agent.json");
        using var log = new StringWriter();

        var composition = AgentComposition.Create(settings, new JournalLoggerFactory(new JournalWriter(log, LogLevel.Information)));

        Assert.Empty(composition.Registry.Commands);
        Assert.Equal(
            [$"<{JournalLogger.SyslogPriority(LogLevel.Warning)}>{nameof(AgentComposition)}: No command is enabled ('commands.enabled' in /srv/agent.json is empty): every request, even version and features, is answered 404"],
            log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        var version = await composition.Parser.ParseRequestAsync(new AgentRequest("r1", """{"name":"version","value":"x"}"""u8.ToArray(), new ExchangeSession()), CancellationToken.None);
        Assert.Equal("404", version.ReturnCode);
    }

    [Fact]
    public void A_command_name_commands_enabled_does_not_know_is_refused_naming_the_file_and_key()
    {
        var file = ConfigurationReader.Parse(
            System.Text.Encoding.UTF8.GetBytes("""{ "commands": { "enabled": ["version", "nope"] } }"""),
            "/srv/agent.json");
        var settings = SettingsResolver.Resolve(new GuestAgent.Daemon.Cli.RunInvocation(null, null, null, null, null), file, "/srv/agent.json");
        using var log = new StringWriter();

        var error = Assert.Throws<GuestAgent.Daemon.Cli.UsageException>(() => AgentComposition.Create(settings, new JournalLoggerFactory(new JournalWriter(log, LogLevel.Information))));

        Assert.StartsWith("/srv/agent.json: 'commands.enabled' names no command 'nope' (registered: ", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A provider that has every service of another but one (and cannot say IsService: the check asks for each).</summary>
    private sealed class WithoutService(IServiceProvider services, Type left) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == left ? null : services.GetService(serviceType);
    }
}
