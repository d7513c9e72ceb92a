using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Network.Backends;

/// <summary>
/// Everything <c>resetnetwork</c> knows about one network system, in one place: its names in the
/// configuration, how to tell it is installed and in use, the renderer of its files, the programs
/// that make them live, whether the DNS servers in them reach the resolver, and where it keeps the
/// hostname. The pipeline's stages (<see cref="BackendSelector"/>, <see cref="NetworkFilesRenderer"/>,
/// <see cref="DnsRouting"/>, <see cref="ApplyPlanner"/>) ask the definition instead of switching on
/// the backend, so a new system is one subclass plus its line in <see cref="NetworkBackends"/>.
/// Definitions are stateless and pure: everything they decide comes from the facts they are given,
/// which only <see cref="AskRunningAsync"/> adds to by asking a running program.
/// </summary>
internal abstract class NetworkBackendDefinition
{
    /// <summary>The backend this defines.</summary>
    public abstract NetworkBackend Backend { get; }

    /// <summary>The short configuration name (<c>network.backend = networkd</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The spelled-out alias the daemon's configuration documents (<c>systemd-networkd</c>); may equal <see cref="Name"/>.</summary>
    public abstract string LongName { get; }

    /// <summary>Writes the backend's own files.</summary>
    public abstract INetworkRenderer Renderer { get; }

    /// <summary>
    /// Whether the system has the backend's program. Only a backend installed counts as in use
    /// (a leftover enablement link of a removed package does not), and among installed ones the
    /// distribution's preference decides when none is in use.
    /// </summary>
    public abstract bool IsInstalled(InstalledTools tools);

    /// <summary>
    /// Whether the backend runs the network now or at boot (see <see cref="ActiveNetworkServices"/>):
    /// its service enabled, or the state it keeps under <c>/run</c>. <c>false</c> for systems that
    /// cannot be seen that way.
    /// </summary>
    /// <param name="files">The files under the root.</param>
    /// <param name="enabled">The enabled services, from <see cref="EnabledServices.Read"/>.</param>
    public virtual bool IsInUse(IFileView files, IReadOnlySet<string> enabled) => false;

    /// <summary>
    /// Whether netplan renders for this system, so the system in use says nothing against netplan
    /// (networkd, NetworkManager). A system netplan cannot render for, in use, runs the network from
    /// its own files and keeps a netplan without a configuration file from being chosen.
    /// </summary>
    public virtual bool NetplanRendersFor => false;

    /// <summary>Whether this is the only network system of the operating system, chosen before anything else (FreeBSD's rc.conf).</summary>
    public virtual bool IsOnlyChoiceOn(OsRelease os) => false;

    /// <summary>Whether the DNS servers written into the backend's files reach <c>/etc/resolv.conf</c> on this system, and why.</summary>
    public abstract DnsDelivery DeliversDns(ResolverFacts resolver);

    /// <summary>
    /// <paramref name="resolver"/> as <see cref="DeliversDns"/> should see it once <paramref name="rendered"/>
    /// (this backend's files for <paramref name="configuration"/>) is applied to <paramref name="current"/>:
    /// what depends on the files written (the renderer netplan gives our interfaces). Unchanged by default.
    /// </summary>
    public virtual ResolverFacts ResolverAfter(ResolverFacts resolver, NetworkConfiguration configuration, IFileView current, RenderResult rendered) => resolver;

    /// <summary>The programs that make the written files live (the hostname and resolved steps are the planner's).</summary>
    /// <param name="interfaces">The names of the configured interfaces, in order.</param>
    /// <param name="facts">The system.</param>
    /// <param name="current">The current files.</param>
    public abstract ApplyPlan PlanApply(IReadOnlyList<string> interfaces, SystemFacts facts, IFileView current);

    /// <summary>
    /// The programs that make the files written for <paramref name="configuration"/> live, as the agent plans
    /// them: by default those of its interfaces' names (<see cref="PlanApply(IReadOnlyList{string}, SystemFacts, IFileView)"/>),
    /// a backend needing more of the configuration overrides it.
    /// </summary>
    /// <param name="configuration">The configuration written.</param>
    /// <param name="facts">The system.</param>
    /// <param name="current">The current files.</param>
    public virtual ApplyPlan PlanApply(NetworkConfiguration configuration, SystemFacts facts, IFileView current) =>
        PlanApply([.. configuration.Interfaces.Select(i => i.Name)], facts, current);

    /// <summary>
    /// <paramref name="facts"/> with what only the running network system can say, asked just before
    /// the change is planned (NetworkManager's active connections); unchanged by default. Never fails
    /// the change: what cannot be asked is left unknown, and logged.
    /// </summary>
    /// <param name="facts">The system, from files.</param>
    /// <param name="processes">The agent's process runner (recording, in root mode).</param>
    /// <param name="timeout">What is left of the time for applying.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="cancellationToken">Cancels the question (the agent stopping).</param>
    public virtual Task<SystemFacts> AskRunningAsync(SystemFacts facts, IProcessRunner processes, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken) =>
        Task.FromResult(facts);

    /// <summary>Where the system keeps the static hostname, beyond the common files.</summary>
    public virtual HostnamePlaces Hostname => HostnamePlaces.Common;
}
