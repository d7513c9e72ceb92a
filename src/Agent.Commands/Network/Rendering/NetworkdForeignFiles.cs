using System.Collections.Immutable;
using System.Text;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Refuses a <c>resetnetwork</c> when a <c>.network</c> file that is not ours also matches an
/// interface we configure and comes before our file in networkd's order. networkd reads the
/// <c>*.network</c> names of all its directories as one list sorted by name (a name in an earlier
/// directory hiding the same name in a later one) and configures a link with the first file that
/// matches it, so such a file (an image's <c>00-eth0.network</c>, an operator's
/// <c>05-eth0.network</c>, which sorts before <c>05-guest-agent-</c>) wins, after the apply and at
/// every boot, while <c>networkctl reload</c> and <c>reconfigure</c> succeed (checked on the real
/// networkd). It is not ours to move aside: it may configure other links too, and a file in
/// <c>/run</c> or <c>/usr/lib</c> comes back. A <c>[Match]</c> key whose answer cannot be read here
/// counts as matching: refusing is safe, a guess is not. So does a file whose name is not valid UTF-8, which networkd
/// reads (it takes names as bytes; checked on the real networkd, <c>UndecodableForeignFileTests</c>) and no path here can
/// open: one that sorts before ours is refused unread, named with its bytes escaped. A file's <c>[Match]</c> is read with its
/// drop-ins', which can make it match or leave an interface out; a drop-in of our own file, which networkd applies over
/// what we write (an address, DHCP, a <c>[Match]</c> that leaves the interface out), is refused too (checked on the real
/// networkd 252, <c>NetworkdDropInTests</c>). A drop-in whose name is not valid UTF-8, which networkd applies and no path here
/// can open, is refused unread, of our file or of a foreign one before ours (<c>UndecodableForeignFileTests</c>).
/// </summary>
internal static class NetworkdForeignFiles
{
    /// <summary>networkd's directories, highest priority first (systemd.network(5)).</summary>
    private static readonly ImmutableArray<string> Directories =
        ["/etc/systemd/network", "/run/systemd/network", "/usr/local/lib/systemd/network", "/usr/lib/systemd/network", "/lib/systemd/network"];

    /// <exception cref="InvalidNetworkDataException">A foreign file that sorts before ours matches a configured interface.</exception>
    public static void Check(NetworkConfiguration configuration, IFileView current, string ownPrefix)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var undecodable = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var directory in Directories)
        {
            foreach (var name in current.List(directory).Where(n => Listed(n, ".network")))
            {
                files.TryAdd(name, $"{directory}/{name}");
            }

            // By its Latin-1 text, which sorts as its bytes do, as networkd sorts (strcmp); no UTF-8 name can equal one.
            foreach (var name in current.ListUndecodable(directory).Where(n => n is not [(byte)'.', ..] && n.AsSpan().EndsWith(".network"u8)))
            {
                undecodable.TryAdd(Encoding.Latin1.GetString(name), MessageText.EscapedPath(directory, name));
            }
        }

        foreach (var nic in configuration.Interfaces)
        {
            var ours = Path.GetFileName(NetworkdRenderer.PathFor(nic.Name));
            foreach (var (name, path) in files.TakeWhile(f => string.CompareOrdinal(f.Key, ours) < 0))
            {
                if ((name.StartsWith(ownPrefix, StringComparison.Ordinal) && path == $"{Directories[0]}/{name}")
                    || Match(current, path, name) is not { } match)
                {
                    continue;
                }

                // networkd applies a drop-in by its bytes (checked on networkd 252: one adding Name=eth0 gave it eth0), so the file's
                // [Match] cannot be told, whether it catches the interface as read or not: refused unread, before the guess below.
                if (UndecodableDropIns(current, name).FirstOrDefault() is { } unread)
                {
                    throw new InvalidNetworkDataException(
                        $"{unread} is a drop-in of {name}, which comes before {ours} in the order systemd-networkd reads its files (by name, across its directories), " +
                        $"and its name is not valid UTF-8, so resetnetwork cannot read it: networkd applies it after that file, so whether that file's [Match] catches {nic.Name} cannot be told here; " +
                        $"if it does, networkd configures {nic.Name} with that file, not with the configured addresses; rename it in UTF-8 (to be checked) or remove it, rename {name} to sort after {ours}, " +
                        "or let another network system configure this guest; nothing was changed");
                }

                if (!Catches(match, nic, current))
                {
                    continue;
                }

                throw new InvalidNetworkDataException(
                    $"{MessageText.EscapedPath(path)} also matches {nic.Name} ({Describe(match)}), which resetnetwork configures, and comes before {ours} in the order systemd-networkd reads its files (by name, across its directories): " +
                    $"networkd would configure {nic.Name} with it, not with the configured addresses; rename it to sort after {ours}, narrow its [Match] so that it leaves {nic.Name} out, or remove it, " +
                    "or let another network system configure this guest; nothing was changed");
            }

            if (undecodable.Count > 0 && string.CompareOrdinal(undecodable.First().Key, ours) < 0)
            {
                throw new InvalidNetworkDataException(
                    $"{undecodable.First().Value} has a name that is not valid UTF-8, so resetnetwork cannot read it, and comes before {ours} in the order systemd-networkd reads its files (by name, across its directories), which reads it: " +
                    $"if its [Match] catches {nic.Name}, networkd configures {nic.Name} with it, not with the configured addresses; rename it in UTF-8 (to be checked) or to sort after {ours}, or remove it, " +
                    "or let another network system configure this guest; nothing was changed");
            }

            if (DropIns(current, ours).FirstOrDefault(dropIn => HasSetting(current.ReadText(dropIn) ?? "")) is { } ourDropIn)
            {
                throw new InvalidNetworkDataException(
                    $"{MessageText.EscapedPath(ourDropIn)} is a drop-in of {ours}, which resetnetwork writes for {nic.Name}: systemd-networkd reads it after that file and applies what it sets too " +
                    $"(a [Match] that leaves {nic.Name} out, more addresses, DHCP), so {nic.Name} would not get just the configured addresses; remove it, " +
                    "or let another network system configure this guest; nothing was changed");
            }

            // networkd reads a drop-in by its bytes, so one whose name is not UTF-8 applies too (checked on networkd 252); it cannot be read here, even to see it masked.
            if (UndecodableDropIns(current, ours).FirstOrDefault() is { } unreadable)
            {
                throw new InvalidNetworkDataException(
                    $"{unreadable} is a drop-in of {ours}, which resetnetwork writes for {nic.Name}, and its name is not valid UTF-8, so resetnetwork cannot read it: systemd-networkd reads it after that file and applies what it sets too " +
                    $"(a [Match] that leaves {nic.Name} out, more addresses, DHCP), so {nic.Name} may not get just the configured addresses; rename it in UTF-8 (to be checked) or remove it, " +
                    "or let another network system configure this guest; nothing was changed");
            }
        }
    }

    /// <summary>
    /// The drop-ins of the file named <paramref name="name"/> in networkd's order: every <c>&lt;name&gt;.d/*.conf</c> of every
    /// directory (wherever the file itself is), by name, a name in an earlier directory hiding the same name in a later one
    /// (so a link to <c>/dev/null</c> in <c>/etc</c> masks one in <c>/run</c>). Each is parsed after the file, in this order
    /// (checked on the real networkd 252, <c>NetworkdDropInTests</c>).
    /// </summary>
    private static IEnumerable<string> DropIns(IFileView current, string name)
    {
        IDictionary<string, string> dropIns = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var directory in Directories)
        {
            foreach (var conf in current.List($"{directory}/{name}.d").Where(n => Listed(n, ".conf")))
            {
                dropIns.TryAdd(conf, $"{directory}/{name}.d/{conf}");
            }
        }

        return dropIns.Values;
    }

    /// <summary>The drop-ins of the file named <paramref name="name"/> whose names are not valid UTF-8, each as its path with those bytes escaped.</summary>
    private static IEnumerable<string> UndecodableDropIns(IFileView current, string name) =>
        Directories.SelectMany(directory => current.ListUndecodable($"{directory}/{name}.d")
            .Where(n => n is not [(byte)'.', ..] && n.AsSpan().EndsWith(".conf"u8))
            .Select(n => MessageText.EscapedPath($"{directory}/{name}.d", n)));

    /// <summary>
    /// Whether networkd reads a file or drop-in of this name: one with the suffix, but not a hidden one (systemd's
    /// <c>conf_files_list</c> skips a leading dot; checked on the real networkd 252, <c>NetworkdDropInTests</c>).
    /// </summary>
    private static bool Listed(string name, string suffix) => !name.StartsWith('.') && name.EndsWith(suffix, StringComparison.Ordinal);

    /// <summary>Whether a drop-in sets anything: a line that is neither blank, a comment nor a section header.</summary>
    private static bool HasSetting(string text) =>
        text.Split('\n').Select(line => line.Trim()).Any(line => line.Length > 0 && line[0] is not ('#' or ';' or '['));

    /// <summary>
    /// The keys of the <c>[Match]</c> sections of a file and its drop-ins (<see cref="DropIns"/>, which can add a key, clear one
    /// or make the file match at all), each with its values in order (an empty assignment clears those before it), or
    /// <c>null</c> for a file networkd skips whatever its drop-ins say: masked (linked to <c>/dev/null</c>, not a regular
    /// file), empty, or not readable. A file without any match key is kept with none: systemd 252 ignores it, older
    /// networkd applied it to every link.
    /// </summary>
    private static Dictionary<string, List<string>>? Match(IFileView current, string path, string name)
    {
        if (current.ReadText(path) is not { } text || text.Length == 0)
        {
            return null;
        }

        var match = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var part in DropIns(current, name).Select(current.ReadText).OfType<string>().Prepend(text))
        {
            ReadMatch(part, match);
        }

        return match;
    }

    /// <summary>Adds one file's <c>[Match]</c> assignments to <paramref name="match"/>: each file starts outside any section.</summary>
    private static void ReadMatch(string text, Dictionary<string, List<string>> match)
    {
        var inMatch = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                inMatch = line == "[Match]";
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (!inMatch || equals <= 0)
            {
                continue;
            }

            var (key, value) = (line[..equals].Trim(), line[(equals + 1)..].Trim());
            var values = match.TryGetValue(key, out var known) ? known : match[key] = [];
            if (value.Length == 0)
            {
                values.Clear();
            }
            else
            {
                values.Add(value);
            }
        }
    }

    /// <summary>Whether every key of a match catches the interface: its name, MAC, type (<c>ether</c>) and driver are read; any other key counts as matching.</summary>
    private static bool Catches(Dictionary<string, List<string>> match, InterfaceConfiguration nic, IFileView current) =>
        match.Where(key => key.Value.Count > 0).All(key => key.Key switch
        {
            "Name" => NetworkdGlob.MatchesList(string.Join(' ', key.Value), nic.Name),
            "MACAddress" => key.Value.SelectMany(v => v.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                .Any(mac => !MacAddress.TryParse(mac, out var parsed) || parsed == nic.Mac),
            "Type" => NetworkdGlob.MatchesList(string.Join(' ', key.Value), "ether"),
            "Driver" => current.ReadLink($"/sys/class/net/{nic.Name}/device/driver") is not { } target
                || NetworkdGlob.MatchesList(string.Join(' ', key.Value), Path.GetFileName(target.TrimEnd('/'))),
            _ => true,
        });

    /// <summary>The match as the refusal quotes it: each key, and the whole, only so far (a long list must not crowd the advice off the answer).</summary>
    private static string Describe(Dictionary<string, List<string>> match) =>
        match.Values.All(v => v.Count == 0) ? "no [Match] condition"
            : MessageText.Excerpt(string.Join(", ", match.Where(k => k.Value.Count > 0).Select(k => MessageText.Excerpt($"{k.Key}={string.Join(' ', k.Value)}"))), 4 * MessageText.MaxLength);
}
