using System.Collections.Immutable;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// The services set to start at boot, read from the files the init systems keep (no
/// <c>systemctl</c>, so a fake root fakes them): systemd's enablement links
/// (<c>/etc/systemd/system/*.wants/</c> and <c>*.requires/</c>) and alias links
/// (<c>network.service</c> → <c>wicked.service</c>), SysV start links (<c>/etc/rc3.d/S10network</c>)
/// and OpenRC runlevels (<c>/etc/runlevels/default/net.eth0</c>). Units masked with a link to
/// <c>/dev/null</c> count as not enabled.
/// </summary>
internal static class EnabledServices
{
    private const string SystemdDirectory = "/etc/systemd/system";

    private static readonly ImmutableArray<string> SysVDirectories =
        ["/etc/rc.d/rc3.d", "/etc/rc.d/rc5.d", "/etc/rc3.d", "/etc/rc5.d", "/etc/rc2.d", "/etc/rcS.d"];

    private static readonly ImmutableArray<string> OpenRcRunlevels = ["/etc/runlevels/sysinit", "/etc/runlevels/boot", "/etc/runlevels/default"];

    /// <summary>
    /// Reads the names: systemd services without their <c>.service</c> suffix
    /// (<c>NetworkManager</c>, <c>netctl@eth0</c>), other units with theirs, SysV and OpenRC
    /// services by script name (<c>network</c>, <c>net.eth0</c>).
    /// </summary>
    public static IReadOnlySet<string> Read(IFileView files)
    {
        var enabled = new HashSet<string>(StringComparer.Ordinal);
        var masked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in files.List(SystemdDirectory))
        {
            var path = $"{SystemdDirectory}/{entry}";
            if (entry.EndsWith(".wants", StringComparison.Ordinal) || entry.EndsWith(".requires", StringComparison.Ordinal))
            {
                enabled.UnionWith(files.List(path).Select(UnitName));
            }
            else if (files.ReadLink(path) is { } target)
            {
                // An alias (network.service → wicked.service) enables its target; /dev/null masks the unit.
                if (target == "/dev/null")
                {
                    masked.Add(UnitName(entry));
                }
                else if (target.EndsWith(".service", StringComparison.Ordinal))
                {
                    enabled.Add(UnitName(target[(target.LastIndexOf('/') + 1)..]));
                }
            }
        }

        foreach (var name in SysVDirectories.SelectMany(files.List))
        {
            // S10network, S01networking: a start link, two digits of order, then the script name.
            if (name.Length > 3 && name[0] == 'S' && char.IsAsciiDigit(name[1]) && char.IsAsciiDigit(name[2]))
            {
                enabled.Add(name[3..]);
            }
        }

        enabled.UnionWith(OpenRcRunlevels.SelectMany(files.List));
        enabled.ExceptWith(masked);
        return enabled;
    }

    private static string UnitName(string unit) =>
        unit.EndsWith(".service", StringComparison.Ordinal) ? unit[..^".service".Length] : unit;
}
