using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Platform;
using static GuestAgent.Commands.Network.Rendering.GKeyFileSyntax;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Refuses a <c>resetnetwork</c> when a NetworkManager keyfile that is not ours is a connection at
/// <c>autoconnect-priority=999</c> (NetworkManager's highest, the one ours has) that may autoconnect on
/// an interface we configure. Of two such connections NetworkManager takes at boot the one active last,
/// in whole seconds, and then the smaller UUID; the one ours took the device from is stamped as it goes,
/// in the second ours comes up, so the other may win at the next boot after a success answer (checked on
/// the real NetworkManager 1.42: <c>NetworkManagerForeignKeyfilesTests</c>). It is not ours to edit or
/// move aside: it is an operator's or an image's, and one in <c>/run</c> or <c>/usr/lib</c> comes back.
/// Every rule here was read from NetworkManager's keyfile plugin and checked against the daemon: the
/// names it reads, the keyfile syntax (GKeyFile: a repeated group merged, a repeated key's last value),
/// the priority (<c>strtoll</c> base 0, so <c>0x3e7</c> is 999; a value out of -999..999 or not a number
/// is 0), <c>autoconnect</c> (only <c>false</c> and <c>0</c> are false). A value that cannot be read here
/// counts as matching: refusing is safe, a guess is not.
/// </summary>
internal static class NetworkManagerForeignKeyfiles
{
    private const string Etc = "/etc/NetworkManager/system-connections";

    /// <summary>The directories whose keyfile reader takes only <c>*.nmconnection</c> names.</summary>
    private static readonly ImmutableArray<string> OnlyNmconnection = ["/run/NetworkManager/system-connections", "/usr/lib/NetworkManager/system-connections"];

    /// <summary>NetworkManager's highest autoconnect priority: the one ours has, so only a connection at it can tie.</summary>
    public const int HighestPriority = 999;

    /// <exception cref="InvalidNetworkDataException">A foreign connection at the highest priority may autoconnect on a configured interface.</exception>
    /// <param name="configuration">The interfaces <c>resetnetwork</c> configures.</param>
    /// <param name="current">The files as they are.</param>
    /// <param name="ours">Whether a name in <c>/etc/NetworkManager/system-connections</c> is one of the renderer's (written or moved aside by it).</param>
    public static void Check(NetworkConfiguration configuration, IFileView current, Func<string, bool> ours)
    {
        var paths = current.List(Etc).Where(name => ReadInEtc(name) && !ours(name)).Select(name => $"{Etc}/{name}")
            .Concat(OnlyNmconnection.SelectMany(directory => current.List(directory)
                .Where(name => name.Length > ".nmconnection".Length && name.EndsWith(".nmconnection", StringComparison.Ordinal))
                .Select(name => $"{directory}/{name}")));
        foreach (var path in paths)
        {
            if (!Load(current, path, out var groups))
            {
                continue;
            }

            foreach (var nic in configuration.Interfaces)
            {
                if (Describe(groups, nic) is not { } described)
                {
                    continue;
                }

                var ownName = Path.GetFileName(NetworkManagerRenderer.PathFor(nic.Name));
                throw new InvalidNetworkDataException(
                    $"{MessageText.EscapedPath(path)} also matches {nic.Name} ({described}) at autoconnect-priority={HighestPriority}, the priority of {ownName}, which resetnetwork writes: " +
                    $"NetworkManager takes, of two connections at the same priority, the one active last (to the second) and then the smaller UUID, so it may bring that connection up on {nic.Name} at the next boot, not the configured addresses; " +
                    $"lower its autoconnect-priority, narrow its match so that it leaves {nic.Name} out, set autoconnect=false, or remove it, or let another network system configure this guest; nothing was changed");
            }
        }

        CheckUndecodable(configuration, current);
    }

    /// <summary>
    /// Refuses a keyfile NetworkManager reads whose name is not valid UTF-8: NetworkManager takes names as bytes (checked on the
    /// daemon, <c>UndecodableForeignFileTests</c>), no path here can open it, and what cannot be read counts as matching.
    /// Its name is judged by its Latin-1 text, one character a byte, whose ASCII is the name's.
    /// </summary>
    private static void CheckUndecodable(NetworkConfiguration configuration, IFileView current)
    {
        var read = current.ListUndecodable(Etc).Where(name => ReadInEtc(Encoding.Latin1.GetString(name))).Select(name => MessageText.EscapedPath(Etc, name))
            .Concat(OnlyNmconnection.SelectMany(directory => current.ListUndecodable(directory)
                .Where(name => name.AsSpan().EndsWith(".nmconnection"u8))
                .Select(name => MessageText.EscapedPath(directory, name))));
        if (configuration.Interfaces.FirstOrDefault() is not { } nic || read.FirstOrDefault() is not { } path)
        {
            return;
        }

        var ownName = Path.GetFileName(NetworkManagerRenderer.PathFor(nic.Name));
        throw new InvalidNetworkDataException(
            $"{path} has a name that is not valid UTF-8, so resetnetwork cannot read it, and NetworkManager reads it: it may be a connection at autoconnect-priority={HighestPriority}, the priority of {ownName}, which resetnetwork writes, " +
            $"that autoconnects on {nic.Name}, which NetworkManager may then bring up at the next boot, not the configured addresses; rename it in UTF-8 (to be checked) or remove it, " +
            "or let another network system configure this guest; nothing was changed");
    }

    /// <summary>
    /// Whether NetworkManager's keyfile plugin reads a name in <c>/etc/NetworkManager/system-connections</c>:
    /// all but a hidden name, a backup (<c>~</c>), a <c>mkstemp</c> temporary (<c>.</c> and six letters or
    /// digits) and a certificate or key (<c>.pem</c>, <c>.der</c>, in any case).
    /// </summary>
    internal static bool ReadInEtc(string name) =>
        !name.StartsWith('.') && !name.EndsWith('~')
        && !(name.Length > 7 && name[^7] == '.' && name[^6..].All(char.IsAsciiLetterOrDigit))
        && !(name.Length > 4 && (name.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".der", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// Reads a keyfile's groups (<c>groups</c> <c>null</c>: it cannot be read here, and counts as matching),
    /// or answers <c>false</c> for what is no connection to NetworkManager: a directory, a link to <c>/dev/null</c>,
    /// a file it ignores for its mode or owner, a text GKeyFile refuses (NetworkManager loads nothing from it, checked on the daemon).
    /// </summary>
    private static bool Load(IFileView current, string path, out Dictionary<string, Dictionary<string, string>>? groups)
    {
        groups = null;
        if (current.ReadText(path) is { } text)
        {
            if (current.GetStatus(path) is { Kind: FileKind.File } status && IgnoredByNetworkManager(status, FileOwner.Effective.UserId))
            {
                return false;
            }

            groups = KeyfileGroups(text);
            return groups is not null;
        }

        // NetworkManager follows a link; one to elsewhere is not read here.
        return current.ReadLink(path) is { } target && target != "/dev/null";
    }

    /// <summary>
    /// Whether NetworkManager would activate the connection of the keyfile at <paramref name="path"/> by itself
    /// (at boot): not where its <c>autoconnect</c> is false (<c>false</c> or <c>0</c>, what GKeyFile reads as
    /// false; NetworkManager takes any other value as its default, true), as <c>nmcli connection modify …
    /// connection.autoconnect no</c> leaves it. A keyfile that cannot be read here counts as autoconnecting.
    /// </summary>
    internal static bool Autoconnects(IFileView current, string path) =>
        !(current.ReadText(path) is { } text && KeyfileGroups(text) is { } groups && IsFalse(Value(groups, "connection", "autoconnect")));

    /// <summary>
    /// Whether NetworkManager's keyfile plugin refuses to load a regular file for its mode or owner: any permission bit of the group's
    /// or others' ("File permissions (100644) are insecure"), any owner but root ("File owner (65534) is insecure"); its group and
    /// setuid bits do not count (each checked on the daemon 1.42). The owner is judged only where the agent runs as root
    /// (<paramref name="agentUser"/> 0): in root mode as another user, every file there is that user's.
    /// </summary>
    internal static bool IgnoredByNetworkManager(FileStatus status, uint agentUser) =>
        (status.Mode & GroupOrOthers) != 0 || (agentUser == 0 && status.Owner.UserId != 0);

    private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;


    /// <summary>
    /// How a connection matches an interface, or <c>null</c> when it never autoconnects there at the highest
    /// priority: another priority, <c>autoconnect</c> false, another type, another name or MAC, a match leaving it out.
    /// </summary>
    private static string? Describe(Dictionary<string, Dictionary<string, string>>? groups, InterfaceConfiguration nic)
    {
        if (groups is null)
        {
            return "its text cannot be read here";
        }

        // The type and interface name as GKeyFile gives them, trailing blanks kept: NetworkManager does not strip them either,
        // and loads no connection whose type or interface name has one ("interface name contains an invalid character").
        if (Priority(Value(groups, "connection", "autoconnect-priority")) != HighestPriority
            || IsFalse(Value(groups, "connection", "autoconnect"))
            || Value(groups, "connection", "type") is { Length: > 0 } type && !type.Contains('\\') && type is not ("ethernet" or "802-3-ethernet"))
        {
            return null;
        }

        var found = new List<string>();
        if (Value(groups, "connection", "interface-name") is { Length: > 0 } name)
        {
            if (!name.Contains('\\') && name != nic.Name)
            {
                return null;
            }

            found.Add($"interface-name={name}");
        }

        // The Ethernet setting from one group: NetworkManager 1.42 reads [802-3-ethernet] where the file has it, in whichever
        // order, and ignores [ethernet] whole then (checked on the daemon); reading both let an ignored MAC leave eth0 out.
        var section = groups.ContainsKey("802-3-ethernet") ? "802-3-ethernet" : "ethernet";
        if (Denied(Value(groups, section, "mac-address-blacklist"), nic.Mac))
        {
            return null;
        }

        // Not trimmed: GKeyFile keeps a trailing blank, and NetworkManager cannot read the MAC then.
        if (Value(groups, section, "mac-address") is { Length: > 0 } mac)
        {
            if (Mac(mac) is { } parsed && parsed != nic.Mac)
            {
                return null;
            }

            found.Add($"mac-address={mac.TrimEnd()}");
        }

        foreach (var (key, value) in groups.GetValueOrDefault("match") ?? new Dictionary<string, string>(StringComparer.Ordinal))
        {
            if (value.Length == 0)
            {
                continue;
            }

            // The list as GKeyFile gives it, a trailing blank kept: "!eth0 " inverts the pattern "eth0 ", which eth0 does not match.
            if (key == "interface-name" && !MatchesInterfaceName(value, nic.Name))
            {
                return null;
            }

            found.Add($"[match] {key}={value.Trim()}");
        }

        // Each value, and the whole, quoted only so far: a long [match] list must not crowd the advice off the answer.
        return found.Count == 0 ? "no interface-name, mac-address or [match]: any Ethernet device"
            : MessageText.Excerpt(string.Join(", ", found.Select(f => MessageText.Excerpt(f))), 4 * MessageText.MaxLength);
    }

    private static string? Value(Dictionary<string, Dictionary<string, string>> groups, string group, string key) =>
        groups.GetValueOrDefault(group)?.GetValueOrDefault(key);

    /// <summary>
    /// The priority NetworkManager reads: the value without surrounding blanks (GLib's after it, and a vertical tab too before it,
    /// which <c>strtoll</c> skips; a no-break space is none) as <c>strtoll</c> base 0 reads it
    /// (a sign, <c>0x</c> hexadecimal, a leading <c>0</c> octal), 0 when absent, not wholly a number or out of
    /// -999..999; a value with an escape is taken as the highest.
    /// </summary>
    internal static int Priority(string? value)
    {
        if (value is null)
        {
            return 0;
        }

        var text = value.AsSpan().TrimStart(BlanksBeforeNumber).TrimEnd(Blanks).ToString();
        if (text.Contains('\\'))
        {
            return HighestPriority;
        }

        var negative = text.StartsWith('-');
        var digits = text.StartsWith('-') || text.StartsWith('+') ? text[1..] : text;
        var (radix, body) = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? (16, digits[2..])
            : digits.Length > 1 && digits[0] == '0' ? (8, digits[1..])
            : (10, digits);
        if (body.Length == 0 || !body.All(c => Digit(c) < radix))
        {
            return 0;
        }

        // Leading zeros aside, more than twelve digits is above 999 in any base (strtoll's overflow is out of range too).
        var significant = body.TrimStart('0');
        if (significant.Length > 12)
        {
            return 0;
        }

        var magnitude = significant.Aggregate(0L, (sum, c) => (sum * radix) + Digit(c));
        var number = negative ? -magnitude : magnitude;
        return number is >= -HighestPriority and <= HighestPriority ? (int)number : 0;
    }

    private static int Digit(char c) =>
        char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? char.ToLowerInvariant(c) - 'a' + 10 : int.MaxValue;

    /// <summary>
    /// A MAC as NetworkManager's keyfile plugin reads one, or <c>null</c>: six bytes of one or two hex digits each (<c>0:16:3e:0:0:2</c>
    /// is <c>00:16:3e:00:00:02</c>) all separated by <c>:</c> or all by <c>-</c>, or its older list of six decimal bytes (one last
    /// <c>;</c> allowed; each byte a sign and decimal digits between blanks, as <c>strtoll</c> and GLib read it: <c>0; 22 ;+62</c>). NetworkManager ignores any other text (a warning) and the connection then matches any device, so nothing else
    /// may be read as a MAC here: no blank in the hex form, no mixed separators, no bare digits, no byte of three digits (each form checked on the daemon 1.42).
    /// </summary>
    private static MacAddress? Mac(string text)
    {
        if (HexMac(text) is { } mac)
        {
            return mac;
        }

        var bytes = (text.EndsWith(';') ? text[..^1] : text).Split(';').Select(b => b.AsSpan().TrimStart(BlanksBeforeNumber).TrimEnd(Blanks).ToString()).ToArray();
        return bytes.Length == 6 && bytes.All(b => byte.TryParse(b, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            && MacAddress.TryParse(string.Join(':', bytes.Select(b => byte.Parse(b, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString("x2", CultureInfo.InvariantCulture))), out var listed)
            ? listed
            : null;
    }

    /// <summary>
    /// A MAC as libnm reads one (<c>nm_utils_hwaddr_aton</c>), or <c>null</c>: six bytes of one or two hex digits each, all separated by
    /// <c>:</c> or all by <c>-</c>; no blank, no bare digits.
    /// </summary>
    private static MacAddress? HexMac(string text)
    {
        var bytesOf = text.Split(text.Contains(':') ? ':' : '-');
        return bytesOf.Length == 6 && bytesOf.All(b => b.Length is 1 or 2 && b.All(char.IsAsciiHexDigit))
            && MacAddress.TryParse(string.Join(':', bytesOf.Select(b => b.PadLeft(2, '0'))), out var mac)
            ? mac
            : null;
    }

    /// <summary>
    /// Whether a <c>mac-address-blacklist</c> (NetworkManager 1.42's name; it does not know <c>mac-address-denylist</c>) holds the MAC:
    /// NetworkManager never takes a device whose MAC it lists. An entry read here in a form NetworkManager cannot read keeps the whole
    /// connection from loading ("is not a valid MAC address"), so it never takes the device either: each entry as libnm reads a MAC
    /// (<see cref="HexMac"/>: <c>0:16:3e:0:0:1</c> is one, an entry with a blank, an empty item or bare hex is none, checked on the daemon),
    /// the list as GKeyFile splits it (a last <c>;</c> ends it). A list with an escape is not read.
    /// </summary>
    private static bool Denied(string? list, MacAddress mac)
    {
        if (list is null || list.Contains('\\'))
        {
            return false;
        }

        var entries = list.Split(';');
        return entries.Take(entries[^1].Length == 0 ? entries.Length - 1 : entries.Length).Any(entry => HexMac(entry) is not { } denied || denied == mac);
    }

    /// <summary>
    /// Whether a <c>[match]</c> <c>interface-name</c> list lets the interface in, as NetworkManager 1.42 checks it (fnmatch globs):
    /// a pattern led by <c>&amp;</c> must match, by <c>!</c> must not (<c>&amp;!</c> too), and of the optional ones, plain or led
    /// by <c>|</c> (<c>|!</c> inverted), one must, if there are any (each form checked on the daemon).
    /// A list with an escape is not read here: it lets it in.
    /// </summary>
    private static bool MatchesInterfaceName(string list, string name)
    {
        if (list.Contains('\\'))
        {
            return true;
        }

        var (anyOptional, optionalMatched) = (false, false);
        foreach (var item in list.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var mandatory = item[0] is '&' or '!';
            var rest = item[0] is '&' or '|' ? item[1..] : item;
            var inverted = rest.StartsWith('!');
            var matched = NetworkdGlob.Matches(inverted ? rest[1..] : rest, name) != inverted;
            if (mandatory && !matched)
            {
                return false;
            }

            anyOptional |= !mandatory;
            optionalMatched |= !mandatory && matched;
        }

        return optionalMatched || !anyOptional;
    }
}
