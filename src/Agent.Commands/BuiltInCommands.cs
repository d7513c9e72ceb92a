using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Network.Sources;
using GuestAgent.Commands.Update;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands;

/// <summary>
/// The two steps an application serving the built-in commands takes, so that it works as the
/// <c>guest-agent</c> daemon does (which takes these same two steps): <see cref="AddBuiltInCommands(ServiceMap, AgentSystem, IVmDataSource, ILoggerFactory)"/>
/// registers every service the commands need, and <see cref="RecoverAsync"/> puts right, at start
/// and before serving, what a run killed in the middle of a command left unfinished.
/// </summary>
/// <remarks>
/// Options are registered apart, before or after, and are read by both steps from the services:
/// <see cref="NetworkOptions"/>, <see cref="Files.InjectFileOptions"/>, <see cref="AgentUpdateOptions"/>,
/// <see cref="Security.PasswordOptions"/>, <see cref="KmsActivateOptions"/>, <see cref="Info.AgentVersionInfo"/>; each has defaults.
/// Once everything is registered and the registry created, <c>registry.FindMissingServices(services)</c>
/// (<see cref="RegistryServices.FindMissingServices"/>) names at start each service a command class
/// (of these commands or of your own libraries) needs and nobody registered, which would otherwise
/// fail that command's first request; the daemon logs each at Error and serves the other commands.
/// </remarks>
public static partial class BuiltInCommands
{
    /// <summary>
    /// Registers what the built-in commands need: <paramref name="system"/> (files, processes, clock:
    /// without it they answer <c>"500"</c>), <paramref name="loggers"/> (their log lines) and
    /// <paramref name="vmData"/> (what <c>resetnetwork</c> reads).
    /// </summary>
    /// <remarks>
    /// An <see cref="ILoggerFactory"/> or <c>ILogger&lt;NetworkCommands&gt;</c> the application
    /// registered before this call is kept, and is what the commands use; only where none is
    /// registered does this call add <paramref name="loggers"/>, or a <c>NetworkCommands</c> logger
    /// made from <paramref name="loggers"/>. One registered after the call replaces this call's, as
    /// <see cref="ServiceMap.Add{T}(T)"/> does.
    /// <paramref name="system"/> (with its file system, writer, processes and clock) and
    /// <paramref name="vmData"/> are always registered, replacing earlier ones: they are what this call is for.
    /// It also registers <see cref="OpenSslLibrary.ForThisProcess"/> (unless an <see cref="OpenSslLibrary"/>
    /// is already registered) and, when it finds no libssl installed, logs one Error:
    /// <c>keyinit</c>, <c>password</c> and <c>agentupdate</c> then answer <c>"500"</c> rather than let
    /// .NET abort the process, and the other commands are served as usual.
    /// </remarks>
    /// <param name="services">The services the registry and the parser are given.</param>
    /// <param name="system">The system the commands change: <see cref="AgentSystem.ForRoot"/> <c>"/"</c> in production.</param>
    /// <param name="vmData">Where <c>resetnetwork</c> reads <c>vm-data</c>.</param>
    /// <param name="loggers">The loggers of the commands; <c>NullLoggerFactory.Instance</c> for none.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static ServiceMap AddBuiltInCommands(this ServiceMap services, AgentSystem system, IVmDataSource vmData, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(vmData);
        ArgumentNullException.ThrowIfNull(loggers);
        system.AddTo(services);
        // Kept when the application registered its own before this call: registering services
        // "before or after" must not silently lose one.
        if (!services.Contains<ILoggerFactory>())
        {
            services.Add(loggers);
        }

        // With the short category the network lines have always had; without it the registry would
        // make one from the factory, named by NetworkCommands' full name.
        if (!services.Contains<ILogger<NetworkCommands>>())
        {
            services.Add<ILogger<NetworkCommands>>(new CategoryLogger<NetworkCommands>(loggers, nameof(NetworkCommands)));
        }

        AddOpenSslLibrary(services, loggers);
        return services.AddResetNetwork(vmData);
    }

    /// <summary>Probes once, at start, so the operator learns of a missing libssl before a host asks.</summary>
    private static void AddOpenSslLibrary(ServiceMap services, ILoggerFactory loggers)
    {
        if (!services.Contains<OpenSslLibrary>())
        {
            services.Add(OpenSslLibrary.ForThisProcess());
        }

        // Found, not loaded: an agent that never runs those commands must not map OpenSSL.
        if (services.Get<OpenSslLibrary>() is { } library && library.FindInstalled() is null)
        {
            LogOpenSslMissing(loggers.CreateLogger(nameof(OpenSslLibrary)), library.DescribeNames());
        }
    }

    // An Error, not a Warning: the search follows the loader's (its configuration, cache, multiarch and
    // trusted directories), so "not found" means those commands will fail.
    [LoggerMessage(Level = LogLevel.Error, Message = "libssl was not found on this system (none of {Names} is where the dynamic loader looks): keyinit, password and agentupdate answer 500 until OpenSSL is installed; the other commands are served")]
    private static partial void LogOpenSslMissing(ILogger logger, string names);

    /// <summary>
    /// <see cref="AddBuiltInCommands(ServiceMap, AgentSystem, IVmDataSource, ILoggerFactory)"/> with
    /// <c>resetnetwork</c> reading <c>vm-data</c> from the XenStore the exchange serves (its endpoint
    /// and domain path, over a connection of its own for each <c>resetnetwork</c>).
    /// </summary>
    /// <param name="services">The services the registry and the parser are given.</param>
    /// <param name="system">The system the commands change: <see cref="AgentSystem.ForRoot"/> <c>"/"</c> in production.</param>
    /// <param name="exchange">The options of the XenStore exchange served.</param>
    /// <param name="loggers">The loggers of the commands; <c>NullLoggerFactory.Instance</c> for none.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static ServiceMap AddBuiltInCommands(this ServiceMap services, AgentSystem system, XenStoreExchangeOptions exchange, ILoggerFactory loggers) =>
        services.AddBuiltInCommands(system, XenStoreVmDataSource.ForExchange(exchange), loggers);

    /// <summary>
    /// Puts right what the built-in commands left unfinished when the agent was killed in the middle
    /// of one, in this order: a <c>resetnetwork</c> is rolled back first (so one still waiting for the
    /// agent runs from the restored files; this one may take <see cref="NetworkOptions.Deadline"/>,
    /// and alone takes <paramref name="cancellationToken"/>), then what an <c>agentupdate</c> left
    /// staged is removed, then the RHN system id a <c>kmsactivate</c> set aside is put back. Call it
    /// once at start, after <see cref="AddBuiltInCommands(ServiceMap, AgentSystem, IVmDataSource, ILoggerFactory)"/>
    /// and before serving. Each recovery logs what it did; what it finds on disk never makes it throw.
    /// </summary>
    /// <param name="services">The services given to <c>AddBuiltInCommands</c>, with the options the commands use.</param>
    /// <param name="cancellationToken">Stops the network recovery (its record is kept, and the next start finishes it).</param>
    /// <exception cref="InvalidOperationException">No <see cref="AgentSystem"/> is registered.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the recoveries after the network's did not run.</exception>
    public static async Task RecoverAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var system = services.Get<AgentSystem>() ?? throw new InvalidOperationException("AgentSystem is not registered in the agent's services (call AddBuiltInCommands first)");
        var loggers = services.Get<ILoggerFactory>();
        await new NetworkRecovery(system, services.Get<NetworkOptions>(), loggers?.CreateLogger(nameof(NetworkRecovery)))
            .RecoverAsync(cancellationToken).ConfigureAwait(false);
        new UpdateStagingRecovery(system, services.Get<AgentUpdateOptions>(), loggers?.CreateLogger(nameof(UpdateStagingRecovery))).Recover();
        new KmsActivationRecovery(system, services.Get<KmsActivateOptions>(), loggers?.CreateLogger(nameof(KmsActivationRecovery))).Recover();
    }

    /// <summary>
    /// Tells the update rollback that this agent works: deletes the record an <c>agentupdate</c> left
    /// (<see cref="AgentUpdateOptions.PendingUpdatePath"/>), so a later crash of this build is not taken
    /// for a failed update. Call it once the agent serves (after READY=1). Never throws for what it
    /// finds on disk: a record it cannot delete is one the rollback checks against the installed binary.
    /// </summary>
    /// <param name="services">The services given to <c>AddBuiltInCommands</c>.</param>
    /// <returns>Whether a record was deleted (an update's first start).</returns>
    /// <exception cref="InvalidOperationException">No <see cref="AgentSystem"/> is registered.</exception>
    public static bool ConfirmServing(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var system = services.Get<AgentSystem>() ?? throw new InvalidOperationException("AgentSystem is not registered in the agent's services (call AddBuiltInCommands first)");
        return services.Get<AgentUpdateOptions>()?.PendingUpdatePath is { } record && PendingUpdateRecord.Remove(system, record);
    }
}
