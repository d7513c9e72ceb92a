using GuestAgent.Commands;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Sources;
using GuestAgent.Commands.Security;
using GuestAgent.Commands.Update;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Platform;
using GuestAgent.Protocol;
using GuestAgent.XenStore.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// Everything <c>run</c> (and <c>demo</c>) serves with, composed from the settings: the system
/// boundaries rooted at the configured root, command policies, the generated registry of every
/// referenced command assembly narrowed to the allow-list, the Nova JSON parser and the XenStore
/// exchange. No reflection: services are registered by type in a <see cref="ServiceMap"/>.
/// </summary>
internal sealed partial class AgentComposition
{
    private AgentComposition(ServiceMap services, ICommandRegistry registry, NovaJsonParser parser)
    {
        Services = services;
        Registry = registry;
        Parser = parser;
    }

    /// <summary>The services commands receive.</summary>
    public ServiceMap Services { get; }

    /// <summary>The registry served (filtered by <c>commands.enabled</c>).</summary>
    public ICommandRegistry Registry { get; }

    /// <summary>The parser of the Nova JSON protocol over <see cref="Registry"/>.</summary>
    public NovaJsonParser Parser { get; }

    /// <summary>Composes the services, registry and parser.</summary>
    /// <exception cref="UsageException"><c>commands.enabled</c> names a command that does not exist.</exception>
    public static AgentComposition Create(AgentSettings settings, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggers);
        var services = new ServiceMap();
        var system = AgentSystem.ForRoot(settings.Root);
        var rooted = settings.Root != "/";
        services.Add(new InjectFileOptions
        {
            AllowedDirectories = settings.InjectFileDirectories ?? ["/"],
            // Under a development root the agent may not be root: new files keep its own user.
            NewFileOwner = rooted ? null : FileOwner.Root,
            InheritUserDirectoryOwner = settings.InjectFileInheritUserDirectoryOwner,
        });
        services.Add(new PasswordOptions { StateDirectory = settings.StateDirectory });
        services.Add(new KmsActivateOptions { StateDirectory = settings.StateDirectory });
        var updateOptions = new AgentUpdateOptions
        {
            AllowHttp = settings.AgentUpdateAllowHttp,
            HowToAllowHttp = "set 'agentUpdate.allowHttp' to true in " + settings.ConfigurationFileToEdit,
            MaxDownloadBytes = settings.AgentUpdateMaxSizeBytes,
            DownloadTimeout = settings.AgentUpdateTimeout,
            StagingDirectory = settings.StateDirectory.TrimEnd('/') + "/updates",
            VerifyArguments = UpdateCheckArguments(settings),
            // Where the packaged unit's update-rollback looks (under the default state directory).
            PendingUpdatePath = settings.StateDirectory.TrimEnd('/') + "/update-pending",
        };
        services.Add(updateOptions);
        var networkOptions = new NetworkOptions
        {
            Backend = settings.NetworkBackend,
            ResolvConf = settings.ResolvConf,
            SetHostname = settings.SetHostname,
            Deadline = settings.NetworkDeadline,
            RollbackShare = settings.NetworkRollbackShare,
            StateDirectory = settings.StateDirectory,
        };
        services.Add(networkOptions);
        // The same composition as an application built from the packages. resetnetwork reads vm-data
        // over a connection of its own, to the same XenStore and domain (not through the exchange's
        // Connect, which hands over the connection opened at start).
        services.AddBuiltInCommands(
            system,
            new XenStoreVmDataSource(cancellationToken => XenStoreClient.ConnectAsync(settings.XenStorePath, cancellationToken), settings.DomainPath),
            loggers);

        var registry = Filter(GuestAgent.Generated.AgentCommands.CreateRegistry(services), settings.EnabledCommands, settings.ConfigurationFile);
        var logger = loggers.CreateLogger(nameof(AgentComposition));
        if (registry.Commands.Count == 0)
        {
            // Legal (an agent kept running but silenced), but more often a slip: say so at start,
            // not only when the host's first request is answered 404.
            LogNoCommandEnabled(logger, settings.ConfigurationFile);
        }

        // `features` lists what this registry serves, so a disabled command is not advertised.
        services.Add(registry);
        // Last, once everything a command class may take is registered (the registry too).
        ReportMissingServices(registry, services, logger);
        var parser = new NovaJsonParser(registry, services, new CategoryLogger<NovaJsonParser>(loggers, nameof(NovaJsonParser)));
        return new AgentComposition(services, registry, parser);
    }

    /// <summary>
    /// What a new binary is run with before it replaces this one: <c>check-config</c> on the
    /// configuration this agent runs with. <c>--version</c> shows only that the binary starts here; a
    /// build that refuses this guest's configuration (a key it does not know: <c>run</c> exits 2, which
    /// the packaged unit's <c>RestartPreventExitStatus=2</c> leaves failed) or would start with errors
    /// (exit 1: a libssl it cannot load, so no further <c>agentupdate</c>) answered it too, and the host
    /// was told success for a guest left without a working agent. The file is named as this agent read
    /// it (absolute), or not at all when it read none at the default path, which the new build then
    /// looks at itself, as its <c>run</c> will.
    /// </summary>
    internal static string[] UpdateCheckArguments(AgentSettings settings) =>
        settings.ConfigurationFileRead || settings.ConfigurationFile == ConfigurationReader.NoFile
            ? [VerbCatalog.CheckConfig.Name, "--config", settings.ConfigurationFile]
            : [VerbCatalog.CheckConfig.Name];

    /// <summary>The exchange for the settings; <paramref name="connect"/> opens its connections.</summary>
    public static XenStoreExchange CreateExchange(AgentSettings settings, ILoggerFactory loggers, Func<CancellationToken, Task<XenStoreClient>> connect, Action<string, ReadOnlyMemory<byte>>? replayed = null) =>
        new(ExchangeOptions(settings, connect, replayed), new CategoryLogger<XenStoreExchange>(loggers, nameof(XenStoreExchange)));

    /// <summary>
    /// The exchange's options from the settings. The boot the journal is bound to is not among them:
    /// it always comes from the kernel (<see cref="KernelBootId"/>), see docs/daemon.md.
    /// </summary>
    public static XenStoreExchangeOptions ExchangeOptions(AgentSettings settings, Func<CancellationToken, Task<XenStoreClient>> connect, Action<string, ReadOnlyMemory<byte>>? replayed = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new XenStoreExchangeOptions
        {
            Endpoint = settings.XenStorePath,
            DomainPath = settings.DomainPath,
            StateDirectory = settings.StateDirectoryOnDisk,
            PollInterval = settings.PollInterval,
            ResponseRetention = settings.ResponseRetention,
            Connect = connect,
            Replayed = replayed,
        };
    }

    private static ICommandRegistry Filter(ICommandRegistry registry, IReadOnlyList<string>? enabled, string configurationFile)
    {
        if (enabled is null)
        {
            return registry;
        }

        // A disabled command is answered as unknown (the wire of the original agent), but the log says
        // it exists and which key turns it on.
        var filtered = new FilteredCommandRegistry(registry, enabled, $"to serve it, add it to 'commands.enabled' in {configurationFile}");
        if (filtered.UnknownNames is [var name, ..])
        {
            // A misspelt name would disable the command it meant: refused, with the file's key.
            throw new UsageException($"{configurationFile}: 'commands.enabled' names no command '{name}' (registered: {string.Join(", ", registry.Commands.Select(command => command.Name).Order(StringComparer.Ordinal))})");
        }

        return filtered;
    }

    /// <summary>
    /// Logs at Error, once per class and service, what an enabled command's class needs and nobody
    /// registered. The agent still starts: the other commands work, and such a command answers the
    /// generic <c>"500"</c> (its <c>MissingServiceException</c> logged again) until it is fixed. Exiting
    /// instead would take password resets and network configuration down with one command of a
    /// library. Returns how many lines it logged.
    /// </summary>
    internal static int ReportMissingServices(ICommandRegistry registry, IServiceProvider services, ILogger logger)
    {
        var missing = registry.FindMissingServices(services)
            .GroupBy(service => (service.CommandClass, service.Service, service.ServiceKeyText))
            .ToList();
        foreach (var service in missing)
        {
            var commands = string.Join(", ", service.Select(required => $"'{required.CommandName}'"));
            if (service.Key.ServiceKeyText is { } key)
            {
                // A provider without keyed services (the daemon's ServiceMap) can never be given one:
                // "until it is registered" would send the operator after a registration that cannot help.
                if (services is IKeyedServiceProvider)
                {
                    LogMissingKeyedService(logger, service.Key.CommandClass, service.Key.Service, key, commands);
                }
                else
                {
                    LogKeyedServicesUnsupported(logger, service.Key.CommandClass, service.Key.Service, key, commands);
                }
            }
            else
            {
                LogMissingService(logger, service.Key.CommandClass, service.Key.Service, commands);
            }
        }

        return missing.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Command class '{CommandClass}' needs the service '{Service}', which is not registered: {Commands} will answer '500' until it is (the other commands are served)")]
    private static partial void LogMissingService(ILogger logger, string commandClass, string service, string commands);

    [LoggerMessage(Level = LogLevel.Error, Message = "Command class '{CommandClass}' needs the service '{Service}' with the key {ServiceKey}, which is not registered: {Commands} will answer '500' until it is (the other commands are served)")]
    private static partial void LogMissingKeyedService(ILogger logger, string commandClass, string service, string serviceKey, string commands);

    // The daemon's own provider is a ServiceMap, which has no keyed services: a plugin's [FromKeyedServices] parameter lands here.
    [LoggerMessage(Level = LogLevel.Error, Message = "Command class '{CommandClass}' needs the service '{Service}' with the key {ServiceKey}, which the agent's service provider cannot supply: it has no keyed services (such a library needs a host of its own): {Commands} will answer '500' (the other commands are served)")]
    private static partial void LogKeyedServicesUnsupported(ILogger logger, string commandClass, string service, string serviceKey, string commands);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No command is enabled ('commands.enabled' in {ConfigurationFile} is empty): every request, even version and features, is answered 404")]
    private static partial void LogNoCommandEnabled(ILogger logger, string configurationFile);
}
