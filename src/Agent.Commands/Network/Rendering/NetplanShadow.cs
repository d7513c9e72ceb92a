using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// The agent's shadows of package files: a package's file in <c>/lib/netplan</c> is never changed,
/// so its edited version goes to the same name in <c>/etc/netplan</c>, which netplan reads in its
/// place. The shadow's first line names the package file, and is how a later run knows the
/// <c>/etc</c> file for its own: an <c>/etc</c> file without that line is an administrator's, and is
/// reconciled like any other.
/// </summary>
internal static class NetplanShadow
{
    private const string PackageDirectory = NetplanConfiguration.PackageDirectory;

    private const string MergedPackageDirectory = NetplanConfiguration.MergedPackageDirectory;

    /// <summary>
    /// The first lines of a shadow of <paramref name="packageFile"/>, with their line ends: the mark,
    /// then what becomes of an edit (the shadow is the agent's, rebuilt at every run; an
    /// administrator who wants it kept as edited takes the mark away, and it is theirs).
    /// </summary>
    public static string Header(string packageFile) =>
        Mark(packageFile) + "# Rebuilt from it by every resetnetwork (the previous version kept as .bak); to keep your own changes, delete these two lines\n";

    /// <summary>The first line of a shadow of <paramref name="packageFile"/>, with its line end: the only one <see cref="IsOurs"/> looks at.</summary>
    private static string Mark(string packageFile) =>
        $"# Replaces {packageFile} (left as the package installed it) for netplan, without the definitions the guest agent configures\n";

    /// <summary>
    /// Whether <paramref name="text"/> (an <c>/etc/netplan</c> file's) begins with the header of a
    /// shadow of the package file named <paramref name="name"/>, in either package directory: the
    /// header keeps naming <c>/usr/lib/netplan</c> if the shadow was written through that path.
    /// </summary>
    public static bool IsOurs(string? text, string name) =>
        text is not null
        && (text.StartsWith(Mark($"{PackageDirectory}/{name}"), StringComparison.Ordinal)
            || text.StartsWith(Mark($"{MergedPackageDirectory}/{name}"), StringComparison.Ordinal));
}
