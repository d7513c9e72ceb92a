namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Files around ours (eth0's <c>05-guest-agent-eth0.network</c>) whose effect depends on how systemd-networkd 252
/// reads drop-ins (<c>&lt;file&gt;.d/*.conf</c> from every one of its directories, by name, a name in an earlier
/// directory hiding it in a later one, each parsed after the file) and its directories' precedence (a name in
/// <c>/etc</c> hiding it in <c>/run</c>, <c>/run</c> hiding <c>/usr/lib</c>; a link to <c>/dev/null</c> or an empty
/// file masking). Each case with the start of the refusal (<c>null</c>: none): <see cref="NetworkdForeignFilesTests"/>
/// checks the renderer, <see cref="NetworkdDropInTests"/> the same files on the real networkd.
/// </summary>
internal static class NetworkdDropInCases
{
    private const string Etc = "/etc/systemd/network";
    private const string Run = "/run/systemd/network";
    private const string Lib = "/usr/lib/systemd/network";
    private const string Ours = "05-guest-agent-eth0.network";

    /// <summary>The address every foreign file and drop-in gives, which must never be on eth0 after a <c>0</c> answer.</summary>
    public const string ForeignAddress = "198.51.100.7/24";

    /// <summary>Each case's files (<c>null</c> contents: a link to <c>/dev/null</c>) and the start of the refusal, or <c>null</c>.</summary>
    public static readonly IReadOnlyDictionary<string, ((string Path, string? Contents)[] Files, string? Refusal)> Cases =
        new Dictionary<string, ((string, string?)[], string?)>(StringComparer.Ordinal)
        {
            ["foreign drop-in adds eth0"] = ([Foreign($"{Etc}/00-foo.network", "Name=eth1"), ($"{Etc}/00-foo.network.d/x.conf", "[Match]\nName=\nName=eth0\n")],
                $"{Etc}/00-foo.network also matches eth0 (Name=eth0)"),
            ["drop-in in /run for a file in /etc"] = ([Foreign($"{Etc}/00-foo.network", "Name=eth1"), ($"{Run}/00-foo.network.d/x.conf", "[Match]\nName=eth0\n")],
                $"{Etc}/00-foo.network also matches eth0 (Name=eth1 eth0)"),
            ["drop-in in /etc for a file in /usr/lib"] = ([Foreign($"{Lib}/00-foo.network", "Name=eth1"), ($"{Etc}/00-foo.network.d/x.conf", "[Match]\nName=eth0\n")],
                $"{Lib}/00-foo.network also matches eth0 (Name=eth1 eth0)"),
            ["drop-in masked in /etc"] = ([Foreign($"{Etc}/00-foo.network", "Name=eth1"), ($"{Run}/00-foo.network.d/x.conf", "[Match]\nName=eth0\n"), ($"{Etc}/00-foo.network.d/x.conf", null)],
                null),
            ["drop-ins by name across directories"] = (
                [Foreign($"{Etc}/00-foo.network", "Name=eth1"), ($"{Run}/00-foo.network.d/10-a.conf", "[Match]\nName=\nName=eth0\n"), ($"{Etc}/00-foo.network.d/20-b.conf", "[Match]\nName=\nName=eth2\n")],
                null),
            ["drop-ins by name across directories, reversed"] = (
                [Foreign($"{Etc}/00-foo.network", "Name=eth1"), ($"{Run}/00-foo.network.d/30-a.conf", "[Match]\nName=\nName=eth0\n"), ($"{Etc}/00-foo.network.d/20-b.conf", "[Match]\nName=\nName=eth2\n")],
                $"{Etc}/00-foo.network also matches eth0 (Name=eth0)"),
            ["drop-in narrows a foreign file"] = ([Foreign($"{Etc}/00-foo.network", "Name=eth0"), ($"{Etc}/00-foo.network.d/x.conf", "[Match]\nMACAddress=00:16:3e:00:00:99\n")],
                null),
            ["drop-in without its file"] = ([($"{Etc}/00-foo.network.d/x.conf", $"[Match]\nName=eth0\n\n[Network]\nAddress={ForeignAddress}\n")], null),
            ["drop-in of a masked file"] = ([($"{Etc}/00-foo.network", null), ($"{Etc}/00-foo.network.d/x.conf", $"[Match]\nName=eth0\n\n[Network]\nAddress={ForeignAddress}\n")], null),
            ["drop-in of a blank file"] = ([($"{Etc}/00-foo.network", "\n"), ($"{Etc}/00-foo.network.d/x.conf", $"[Match]\nName=eth0\n\n[Network]\nAddress={ForeignAddress}\n")],
                $"{Etc}/00-foo.network also matches eth0 (Name=eth0)"),
            ["our drop-in adds an address"] = ([($"{Etc}/{Ours}.d/override.conf", $"[Network]\nAddress={ForeignAddress}\n")],
                $"{Etc}/{Ours}.d/override.conf is a drop-in of {Ours}"),
            ["our drop-in in /usr/lib"] = ([($"{Lib}/{Ours}.d/50-x.conf", $"[Network]\nAddress={ForeignAddress}\n")],
                $"{Lib}/{Ours}.d/50-x.conf is a drop-in of {Ours}"),
            ["our drop-in changes the match"] = ([($"{Run}/{Ours}.d/m.conf", "[Match]\nMACAddress=00:16:3e:00:00:99\n"), Foreign($"{Etc}/10-eth0.network", "Name=eth0")],
                $"{Run}/{Ours}.d/m.conf is a drop-in of {Ours}"),
            ["our drop-in masked"] = ([($"{Run}/{Ours}.d/x.conf", $"[Network]\nAddress={ForeignAddress}\n"), ($"{Etc}/{Ours}.d/x.conf", null)], null),
            ["our drop-in without a setting"] = ([($"{Etc}/{Ours}.d/x.conf", "# nothing yet\n[Network]\n")], null),
            ["not a drop-in of ours"] = ([($"{Etc}/{Ours}.d/x.conf.bak", $"[Network]\nAddress={ForeignAddress}\n")], null),
            ["/etc mask hides /usr/lib"] = ([($"{Etc}/00-x.network", null), Foreign($"{Lib}/00-x.network", "Name=eth0")], null),
            ["/run hides /usr/lib"] = ([Foreign($"{Run}/00-x.network", "Name=eth1"), Foreign($"{Lib}/00-x.network", "Name=eth0")], null),
            ["empty /etc file hides /run"] = ([($"{Etc}/00-x.network", ""), Foreign($"{Run}/00-x.network", "Name=eth0")], null),
            ["/usr/lib file before ours"] = ([Foreign($"{Lib}/00-x.network", "Name=eth0")], $"{Lib}/00-x.network also matches eth0 (Name=eth0)"),
            // networkd lists its files and drop-ins without hidden names (systemd's conf_files_list skips a leading dot).
            ["hidden file before ours"] = ([Foreign($"{Etc}/.00-x.network", "Name=eth0")], null),
            ["hidden drop-in adds eth0"] = ([Foreign($"{Etc}/00-foo.network", "Name=eth1"), ($"{Etc}/00-foo.network.d/.x.conf", "[Match]\nName=\nName=eth0\n")], null),
            ["our hidden drop-in adds an address"] = ([($"{Etc}/{Ours}.d/.override.conf", $"[Network]\nAddress={ForeignAddress}\n")], null),
        };

    /// <summary>A foreign file matching by <paramref name="match"/> that gives eth0 <see cref="ForeignAddress"/>.</summary>
    public static (string Path, string? Contents) Foreign(string path, string match) => (path, $"[Match]\n{match}\n\n[Network]\nAddress={ForeignAddress}\n");

    public static TheoryData<string> Names() => new(Cases.Keys);
}
