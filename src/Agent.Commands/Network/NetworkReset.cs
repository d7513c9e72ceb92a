using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Commands.Network.Sources;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Network;

/// <summary>
/// The whole of <c>resetnetwork</c>: detect the system, read and validate <c>vm-data</c>, render
/// every file, then write and apply them. Everything that can be refused is refused before the
/// first file changes, and all of it fits in <see cref="NetworkOptions.Deadline"/>.
/// </summary>
internal sealed partial class NetworkReset
{
    private readonly AgentSystem _system;
    private readonly IVmDataSource _vmData;
    private readonly NetworkOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the operation.</summary>
    public NetworkReset(AgentSystem system, IVmDataSource vmData, NetworkOptions options, ILogger logger)
    {
        _system = system;
        _vmData = vmData;
        _options = options;
        _logger = logger;
    }

    /// <summary>Runs it.</summary>
    /// <exception cref="CommandException">The data was refused or applying failed (answered as <c>"500"</c>).</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // The clock starts with the command: reading vm-data and rendering count against Nova's wait too.
        var budget = ApplyBudget.Start(_system.Time, _options);
        var applier = new NetworkApplier(_system, _options, _logger);

        // One change at a time, from reading the current state to the answer; and the files of an
        // earlier change left unfinished go back first, so what is planned from (the previous
        // hostname the rollback sets again among it) is the real previous state, not the half-changed one.
        using var held = await applier.BeginChangeAsync(budget, cancellationToken).ConfigureAwait(false);
        var view = new FileSystemView(_system.FileSystem);
        var facts = SystemProbe.Probe(view);
        var backend = BackendSelector.Select(facts, _options.Backend);
        // The backend as the configuration spells it ('network.backend'), not the enum's name.
        LogSystem(_logger, facts.OsRelease.Id, facts.OsRelease.VersionId, NetworkBackends.For(backend).LongName,
            facts.ActiveBackends.Count == 0 ? "none" : string.Join(", ", facts.ActiveBackends.Order().Select(NetworkBackendNames.NameOf)),
            // Whether netplan has a file decides between netplan and what runs next to it; say which.
            !facts.Tools.Netplan ? "" : facts.NetplanConfigured ? ", netplan configured" : ", netplan installed without a file");

        var networking = await _vmData.ReadNetworkingAsync(cancellationToken).ConfigureAwait(false);
        var hostname = _options.SetHostname ? await _vmData.ReadHostnameAsync(cancellationToken).ConfigureAwait(false) : null;
        if (hostname is not null)
        {
            LogHostname(_logger);
        }

        var interfaces = SysfsInterfaceReader.Read(view);
        var present = SysfsInterfaceReader.ReadNames(view);
        var refused = SysfsInterfaceReader.ReadRefused(view);
        if (interfaces.Count == 0 && !_system.FileSystem.IsRooted && !view.Exists("/sys/class/net"))
        {
            interfaces = KernelInterfaceReader.Read();
            present = KernelInterfaceReader.ReadNames();
            refused = KernelInterfaceReader.ReadRefused();
        }

        var warnings = new List<string>();
        var configuration = NetworkConfigurationBuilder.Build(
            networking, hostname, CurrentHostnameReader.Read(view), interfaces, warnings, present, refused);
        foreach (var warning in warnings)
        {
            LogWarning(_logger, warning);
        }

        if (configuration.DnsServers.Count > 0)
        {
            LogDns(_logger, NetworkFilesRenderer.RouteDns(configuration, backend, facts, _options, view).Reason);
        }

        var files = NetworkFilesRenderer.Render(configuration, backend, facts, _options, view);
        foreach (var warning in files.Warnings)
        {
            LogWarning(_logger, warning);
        }

        // What the network system runs now, which no file says (NetworkManager's active connections): a rollback brings it back.
        facts = await NetworkBackends.For(backend).AskRunningAsync(facts, _system.Processes, budget.Applying().Remaining, _logger, cancellationToken).ConfigureAwait(false);
        var plan = ApplyPlanner.Plan(backend, configuration, facts, view, files);
        await applier.ApplyLockedAsync(files, plan, budget, cancellationToken).ConfigureAwait(false);
        LogDone(_logger, CountText.Of(configuration.Interfaces.Count, "interface", "interfaces"), CountText.Of(files.Files.Count, "file", "files"));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "resetnetwork: system '{Id}' {Version}, network services in use: {InUse}{Netplan}; writing for {Backend}")]
    private static partial void LogSystem(ILogger logger, string id, string version, string backend, string inUse, string netplan);

    [LoggerMessage(Level = LogLevel.Information, Message = "resetnetwork: hostname from xenstore")]
    private static partial void LogHostname(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: {Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "resetnetwork: DNS: {Route}")]
    private static partial void LogDns(ILogger logger, string route);

    [LoggerMessage(Level = LogLevel.Information, Message = "resetnetwork: configured {Interfaces} ({Files})")]
    private static partial void LogDone(ILogger logger, string interfaces, string files);
}
