namespace GuestAgent.Commands.Network.Dns;

/// <summary>Where Nova's DNS servers go on this system, and why.</summary>
/// <param name="Target">What carries them.</param>
/// <param name="ReplaceLink">
/// With <see cref="DnsTarget.ResolvConf"/>: <c>/etc/resolv.conf</c> is a symbolic link the agent
/// replaces with a regular file (the link is put back if the change is rolled back).
/// </param>
/// <param name="Reason">For the log: what carries the servers, or why nothing else would.</param>
internal sealed record DnsRoute(DnsTarget Target, bool ReplaceLink, string Reason);
