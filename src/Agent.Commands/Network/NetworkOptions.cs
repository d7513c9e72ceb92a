using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Commands.Network;

/// <summary>How <c>resetnetwork</c> behaves; registered as a service, defaults apply when it is not.</summary>
public sealed record NetworkOptions
{
    /// <summary>Forces a network backend instead of detecting it.</summary>
    public NetworkBackend? Backend { get; init; }

    /// <summary>Whether the agent writes <c>/etc/resolv.conf</c>.</summary>
    public ResolvConfPolicy ResolvConf { get; init; } = ResolvConfPolicy.Auto;

    /// <summary>Whether the agent sets the hostname from <c>vm-data/hostname</c>.</summary>
    public bool SetHostname { get; init; } = true;
}
