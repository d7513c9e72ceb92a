namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// The YAML files netplan reads. netplan configures nothing without one (<c>netplan generate</c>
/// then writes no networkd or NetworkManager file), so having the program installed says nothing
/// about who owns the network; having one of these files does.
/// </summary>
internal static class NetplanConfiguration
{
    /// <summary>
    /// Where netplan looks (<c>/lib</c>, <c>/etc</c>, <c>/run</c>), and <c>/usr/lib/netplan</c>,
    /// the same directory on a merged-<c>/usr</c> system whose <c>/lib</c> link a view may not follow.
    /// </summary>
    public static IReadOnlyList<string> Directories { get; } = ["/etc/netplan", "/run/netplan", "/lib/netplan", "/usr/lib/netplan"];

    /// <summary>
    /// The paths of the configuration files: only names ending in <c>.yaml</c> count, as for netplan
    /// (Debian's <c>/lib/netplan/generate</c> link, a <c>.yml</c> or a <c>.dpkg-old</c> file does not).
    /// </summary>
    public static IEnumerable<string> Files(IFileView files) =>
        Directories.SelectMany(directory => files.List(directory)
            .Where(name => name.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(name => $"{directory}/{name}"));
}
