namespace GuestAgent.Commands.Network.Detection;

/// <summary>What the agent found out about the system it configures.</summary>
/// <param name="OsRelease">The distribution.</param>
/// <param name="Tools">The network tools and services installed.</param>
/// <param name="ResolvConfManaged">
/// Whether something else owns <c>/etc/resolv.conf</c> (it is a symlink, as with
/// systemd-resolved or resolvconf, or the resolvconf program is installed).
/// </param>
public sealed record SystemFacts(OsRelease OsRelease, InstalledTools Tools, bool ResolvConfManaged);
