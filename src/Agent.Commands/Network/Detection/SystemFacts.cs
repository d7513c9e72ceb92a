namespace GuestAgent.Commands.Network.Detection;

/// <summary>What the agent found out about the system it configures.</summary>
/// <param name="OsRelease">The distribution.</param>
/// <param name="Tools">The network tools and services installed.</param>
internal sealed record SystemFacts(OsRelease OsRelease, InstalledTools Tools)
{
    /// <summary>The network systems enabled or running (see <see cref="ActiveNetworkServices"/>); empty when none could be seen.</summary>
    public IReadOnlySet<NetworkBackend> ActiveBackends { get; init; } = new HashSet<NetworkBackend>();

    /// <summary>netplan has a configuration file (<see cref="NetplanConfiguration.Files"/>), so it configures something.</summary>
    public bool NetplanConfigured { get; init; }

    /// <summary>Who owns <c>/etc/resolv.conf</c> and which resolver managers are alive.</summary>
    public ResolverFacts Resolver { get; init; } = ResolverFacts.Unmanaged;
}
