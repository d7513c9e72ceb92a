using System.Collections.Immutable;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// NetworkManager's <c>[main] dns=</c> and <c>rc-manager=</c> after merging its configuration
/// files in its own order (<c>/usr/lib/NetworkManager/conf.d</c>, <c>/run/NetworkManager/conf.d</c>,
/// <c>NetworkManager.conf</c>, <c>/etc/NetworkManager/conf.d</c>; later wins), where a file of a
/// later directory shadows one of the same name in an earlier (NetworkManager.conf(5)).
/// <c>/var/lib/NetworkManager/NetworkManager-intern.conf</c> is not read: NetworkManager writes
/// there only what was set over D-Bus (a global DNS configuration, the connectivity check), and
/// neither <c>dns</c> nor <c>rc-manager</c> can be set that way.
/// </summary>
/// <param name="Dns">The <c>dns</c> value (<c>default</c>, <c>systemd-resolved</c>, <c>none</c>, …), or <c>null</c>.</param>
/// <param name="RcManager">The <c>rc-manager</c> value (<c>auto</c>, <c>symlink</c>, <c>file</c>, <c>unmanaged</c>, …), or <c>null</c>.</param>
internal sealed record NetworkManagerDnsSettings(string? Dns, string? RcManager)
{
    /// <summary>Whether NetworkManager does anything with DNS (not <c>dns=none</c> nor <c>rc-manager=unmanaged</c>).</summary>
    public bool ManagesDns => Dns != "none" && RcManager != "unmanaged";

    /// <summary>Whether it hands DNS to systemd-resolved instead of writing <c>resolv.conf</c>.</summary>
    public bool UsesSystemdResolved => Dns == "systemd-resolved";

    /// <summary>Whether it hands DNS to the resolvconf program.</summary>
    public bool UsesResolvconf => RcManager == "resolvconf";

    private static readonly ImmutableArray<string> Sources = ["/usr/lib/NetworkManager/conf.d", "/run/NetworkManager/conf.d", "", "/etc/NetworkManager/conf.d"];

    /// <summary>Reads the settings.</summary>
    public static NetworkManagerDnsSettings Read(IFileView files)
    {
        string? dns = null, rcManager = null;
        var names = Sources.Select(source => source.Length == 0
            ? []
            : files.List(source).Where(n => n.EndsWith(".conf", StringComparison.Ordinal)).ToArray()).ToArray();
        for (var i = 0; i < Sources.Length; i++)
        {
            var source = Sources[i];
            var later = names[(i + 1)..];
            var paths = source.Length == 0
                ? ["/etc/NetworkManager/NetworkManager.conf"]
                : names[i].Where(n => !later.Any(l => l.Contains(n, StringComparer.Ordinal))).Select(n => $"{source}/{n}");
            foreach (var text in paths.Select(files.ReadText).OfType<string>())
            {
                var section = "";
                foreach (var rawLine in text.Split('\n'))
                {
                    var line = rawLine.Trim();
                    if (line.StartsWith('[') && line.EndsWith(']'))
                    {
                        section = line[1..^1].Trim();
                    }
                    else if (section == "main" && line.Split('=', 2) is [var key, var value] && !line.StartsWith('#'))
                    {
                        switch (key.Trim())
                        {
                            case "dns":
                                dns = value.Trim().ToLowerInvariant();
                                break;
                            case "rc-manager":
                                rcManager = value.Trim().ToLowerInvariant();
                                break;
                        }
                    }
                }
            }
        }

        return new NetworkManagerDnsSettings(dns, rcManager);
    }
}
