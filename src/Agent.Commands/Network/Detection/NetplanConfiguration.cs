using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// The YAML files netplan reads. netplan configures nothing without one (<c>netplan generate</c>
/// then writes no networkd or NetworkManager file), so having the program installed says nothing
/// about who owns the network; having one of these files does.
/// </summary>
internal static class NetplanConfiguration
{
    /// <summary>The directory of the system's own files.</summary>
    public const string SystemDirectory = "/etc/netplan";

    /// <summary>The directory of runtime files, which a boot starts without.</summary>
    public const string RuntimeDirectory = "/run/netplan";

    /// <summary>The directory netplan reads packages' files from.</summary>
    public const string PackageDirectory = "/lib/netplan";

    /// <summary><see cref="PackageDirectory"/> by its merged-<c>/usr</c> path.</summary>
    public const string MergedPackageDirectory = "/usr/lib/netplan";

    /// <summary>
    /// Where netplan reads package files: <c>/lib/netplan</c> (netplan reads only
    /// <c>{lib,etc,run}/netplan</c>), and <c>/usr/lib/netplan</c> only where <c>/lib</c> links to
    /// <c>usr/lib</c> (merged <c>/usr</c>), when it is the same directory by a path a view may not
    /// follow. Elsewhere a file there is inert: it configures nothing, and a shadow of it would
    /// switch its other definitions on.
    /// </summary>
    public static IEnumerable<string> PackageDirectories(IFileView files) =>
        files.ReadLink("/lib") is "usr/lib" or "/usr/lib" or "usr/lib/" or "/usr/lib/"
            ? [PackageDirectory, MergedPackageDirectory]
            : [PackageDirectory];

    /// <summary>
    /// The paths of the configuration files: only names netplan's glob takes count (<see cref="IsGlobbed(string)"/>; Debian's
    /// <c>/lib/netplan/generate</c> link, a <c>.yml</c>, a <c>.dpkg-old</c> or a hidden <c>.50-cloud-init.yaml</c> does not).
    /// </summary>
    public static IEnumerable<string> Files(IFileView files) =>
        new[] { SystemDirectory, RuntimeDirectory }.Concat(PackageDirectories(files)).SelectMany(directory => files.List(directory)
            .Where(IsGlobbed)
            .Select(name => $"{directory}/{name}"));

    /// <summary>
    /// The configuration files whose names are not valid UTF-8, each as its path with those bytes escaped
    /// (<see cref="MessageText.EscapedPath(string, byte[])"/>), <c>/run/netplan</c>'s first, then <c>/etc/netplan</c>'s, then the
    /// package directories': no path here names such a file (<see cref="Files"/> cannot list it), yet netplan globs names as bytes
    /// and merges it like any other (checked on 0.106).
    /// </summary>
    public static IEnumerable<string> UndecodableFiles(IFileView files)
    {
        string[] directories = [RuntimeDirectory, SystemDirectory, .. PackageDirectories(files)];
        return directories.SelectMany(directory => files.ListUndecodable(directory)
            .Where(IsGlobbed)
            .Select(name => MessageText.EscapedPath(directory, name)));
    }

    /// <summary>Whether netplan's <c>glob(3)</c> of <c>*.yaml</c> takes the name: one ending so, but not a hidden one (glob's <c>*</c> matches no leading dot; checked on 0.106).</summary>
    private static bool IsGlobbed(byte[] name) => name is not [(byte)'.', ..] && name.AsSpan().EndsWith(".yaml"u8);

    /// <summary>
    /// <see cref="IsGlobbed(byte[])"/> for a UTF-8 name: netplan 0.106's <c>netplan generate</c> writes nothing from an
    /// <c>/etc/netplan/.50-cloud-init.yaml</c> (nor from a <c>/run</c> or <c>/lib</c> one) and does not fail on one it could not parse.
    /// </summary>
    public static bool IsGlobbed(string name) => !name.StartsWith('.') && name.EndsWith(".yaml", StringComparison.Ordinal);

    /// <summary>
    /// The files netplan reads, in its order: by name, whatever the directory, and for each name
    /// only the one in <c>/run/netplan</c>, else <c>/etc/netplan</c>, else the package directory
    /// (it hides the others).
    /// </summary>
    public static IEnumerable<string> Read(IFileView files) =>
        new[] { RuntimeDirectory, SystemDirectory }.Concat(PackageDirectories(files))
            .SelectMany(directory => files.List(directory)
                .Where(IsGlobbed)
                .Select(name => (Name: name, Path: $"{directory}/{name}")))
            .GroupBy(file => file.Name, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => group.First().Path);
}
