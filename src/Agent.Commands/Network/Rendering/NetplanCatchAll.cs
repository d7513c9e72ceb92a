using System.Collections.Immutable;
using System.Text.RegularExpressions;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Refuses a <c>resetnetwork</c> when another netplan file keeps a definition whose <c>match:</c>
/// also catches an interface we configure by a pattern (<c>all-en: {match: {name: "eth*"}, dhcp4: true}</c>,
/// common on images) or by its driver. Such a definition is not ours to take out (it configures other
/// interfaces too), but left in place netplan writes a <c>.network</c> file for it (<c>Name=eth*</c>)
/// beside ours, networkd configures an interface with the first matching file by name, and when the
/// catch-all's sorts first the interface gets its DHCP while the apply succeeds and nothing rolls back.
/// netplan ANDs a match's keys, so a <c>macaddress</c> that is not the interface's rules it out.
/// </summary>
internal static partial class NetplanCatchAll
{
    private const string NetDirectory = "/sys/class/net";

    /// <summary>The device sections whose definitions take <c>match:</c> (physical devices).</summary>
    private static readonly ImmutableArray<string> MatchSections = ["ethernets", "wifis", "modems"];

    /// <summary>
    /// Refuses when one of <paramref name="kept"/> matches a configured interface; <paramref name="merged"/> says, after its section, where
    /// else it is written when it stands for several occurrences merged (<see cref="NetplanAcrossFiles"/>). <paramref name="read"/> is
    /// <c>false</c> for a file netplan never reads (an <c>/etc/netplan</c> <c>.yml</c>), refused all the same, as reconciled like a
    /// <c>.yaml</c>, but with a text that says netplan does not read it now.
    /// </summary>
    /// <exception cref="InvalidNetworkDataException">A kept definition's <c>match:</c> catches a configured interface.</exception>
    public static void Check(string path, IEnumerable<NetplanDefinition> kept, NetworkConfiguration configuration, IFileView current, string merged = "", bool read = true)
    {
        var wouldWrite = read
            ? "netplan would write"
            : NetplanSource.ReconciledThoughUnread + ", and read as one, netplan would write";
        var orMoveIt = read ? "" : ", or move the file out of /etc/netplan";
        foreach (var definition in kept.Where(d => MatchSections.Contains(d.Section, StringComparer.Ordinal)))
        {
            // Its match: as netplan reads it where it can be read so ("# was {name: eth0}" after the match is a comment, "x then match: {}"
            // continuing a quoted scalar is no key); else the values written under a block match: key, or anywhere in a flow definition.
            var match = definition.Identity is { } identity
                ? identity.HasMatch ? Read(identity) : null
                : MatchOf(definition.Text);
            if (match is null)
            {
                continue;
            }

            if (configuration.Interfaces.FirstOrDefault(nic => Catches(match, nic, current)) is { } caught)
            {
                throw new InvalidNetworkDataException(
                    $"{path} has the definition '{definition.Id}' ({definition.Section}{merged}) whose match: ({Describe(match)}) also matches {caught.Name}, which resetnetwork configures; " +
                    $"{wouldWrite} a networkd file for '{definition.Id}' beside {caught.Name}'s, and networkd could configure {caught.Name} with it instead of the configured addresses; " +
                    $"narrow that match so that it leaves {caught.Name} out, or remove '{definition.Id}'{orMoveIt}, or let another network system configure this guest; nothing was changed");
            }
        }
    }

    private static Dictionary<string, string[]> Read(NetplanIdentity identity)
    {
        var match = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (identity.MatchName is { } name)
        {
            match["name"] = [name];
        }

        if (identity.MatchMac is { } mac)
        {
            match["macaddress"] = [mac];
        }

        if (identity.MatchDrivers is { } drivers)
        {
            match["driver"] = [.. drivers];
        }

        return match;
    }

    /// <summary>For a file without a block layout: whether a <c>name:</c> pattern or a <c>driver:</c> anywhere in it may catch the interface (its MAC not considered).</summary>
    public static bool MayCatch(string yaml, InterfaceConfiguration nic, IFileView current) =>
        Values(yaml, NameValue()).Any(name => NetworkdGlob.IsPattern(name) && NetworkdGlob.MatchesList(name, nic.Name))
        || Values(yaml, DriverValue()).Any(driver => DriverMatches(driver, nic, current));

    /// <summary>
    /// For a definition that cannot be read as netplan reads it: the values of every key of its <c>match:</c> (each a list of values), or
    /// null when it has none. In block style the keys are the definition's own, found by <see cref="NetplanFileLayout.Children"/> (a
    /// <c>match:</c> inside a quoted scalar or an access point's is none; <c>"m\x61tch":</c> and <c>!!str match:</c> are one), every one of
    /// a repeated key counted (netplan reads both).
    /// </summary>
    private static Dictionary<string, string[]>? MatchOf(string text)
    {
        var lines = text.Split('\n');
        if (NetplanYamlLines.HasExplicitKey(lines))
        {
            // ? match then : {name: "eth*"}: netplan reads the match, the key reader does not; searched as written when it names match.
            return Searched(lines, explicitKey: true);
        }

        var flow = NetplanYamlLines.ValueStart(lines[0]).StartsWith('{');
        if ((flow ? null : NetplanFileLayout.Children(lines, Enumerable.Range(1, lines.Length - 1).Where(i => !NetplanYamlLines.IsBlankOrComment(lines[i])), NetplanYamlLines.Indent(lines[0]))) is not { } keys)
        {
            return Searched(lines, explicitKey: false);
        }

        var blocks = keys.Where(k => NetplanYamlLines.KeyOf(lines[k.Line]) == "match")
            .Select(k => string.Join('\n', NetplanYamlLines.FlowTextOf(lines, k).Split('\n').Where(line => !NetplanYamlLines.IsBlankOrComment(line))).Trim())
            .ToArray();
        if (blocks.Length == 0)
        {
            return null;
        }

        if (blocks.FirstOrDefault(block => Properties().Replace(block, "").StartsWith('*')) is { } alias)
        {
            // match: *m, an alias this reader does not follow: it may catch any interface, so it counts as a match of every one, named in the refusal.
            return new Dictionary<string, string[]>(StringComparer.Ordinal) { ["alias"] = [alias] };
        }

        return Keys(string.Join('\n', blocks), ("name", NameValue()), ("macaddress", MacAddressValue()), ("driver", DriverValue()));
    }

    /// <summary>
    /// For a definition in flow style (<c>lan: {match: {name: "eth*"}, dhcp4-overrides: {hostname: }}</c>, which netplan accepts) or one
    /// whose block the key reader cannot read: when it has a <c>match</c> key, its names and drivers anywhere in it (a MAC is not considered:
    /// it may be the definition's own), so that it is refused as a block one would be rather than passed over; <c>null</c> when it has none.
    /// With <paramref name="explicitKey"/> (<c>? match</c>, its <c>:</c> maybe on the next line) the word <c>match</c> anywhere counts as the key.
    /// </summary>
    private static Dictionary<string, string[]>? Searched(string[] lines, bool explicitKey)
    {
        var value = string.Join('\n', NetplanYamlLines.FlowTextOf(lines, (0, lines.Length - 1)).Split('\n').Where(line => !NetplanYamlLines.IsBlankOrComment(line))).Trim();
        if (!(explicitKey ? NetplanTextSearch.HasWord(value, "match") : FlowMatchKey().IsMatch(value)))
        {
            return null;
        }

        var match = Keys(value, ("name", NameValue()), ("driver", DriverValue()));
        return match.Count > 0 ? match : new Dictionary<string, string[]>(StringComparer.Ordinal) { ["as written"] = [value] };
    }

    private static Dictionary<string, string[]> Keys(string block, params (string Key, Regex Pattern)[] keys) =>
        keys.Select(k => (k.Key, Values: Values(block, k.Pattern).ToArray()))
            .Where(k => k.Values.Length > 0)
            .ToDictionary(k => k.Key, k => k.Values, StringComparer.Ordinal);

    /// <summary>Whether every key of a match catches the interface (an empty <c>match: {}</c> catches every device, as netplan writes no condition for it, and so does an alias, which is not followed).</summary>
    private static bool Catches(Dictionary<string, string[]> match, InterfaceConfiguration nic, IFileView current) =>
        (!match.TryGetValue("name", out var names) || names.Any(name => NetworkdGlob.MatchesList(name, nic.Name)))
            && (!match.TryGetValue("macaddress", out var macs) || macs.Any(mac => !MacAddress.TryParse(mac, out var parsed) || parsed == nic.Mac))
            && (!match.TryGetValue("driver", out var drivers) || drivers.Any(driver => DriverMatches(driver, nic, current)));

    /// <summary>
    /// Whether a <c>driver:</c> pattern matches the interface's driver, the name of the link
    /// <c>/sys/class/net/&lt;name&gt;/device/driver</c> leads to (udev's <c>ID_NET_DRIVER</c>, which networkd's
    /// <c>Driver=</c> compares). A driver that cannot be read counts as matching: refusing is safe, a guess is not.
    /// </summary>
    private static bool DriverMatches(string pattern, InterfaceConfiguration nic, IFileView current) =>
        current.ReadLink($"{NetDirectory}/{nic.Name}/device/driver") is not { } target
        || NetworkdGlob.MatchesList(pattern, Path.GetFileName(target.TrimEnd('/')));

    private static string Describe(Dictionary<string, string[]> match) =>
        match.Count == 0 ? "empty" : string.Join(", ", match.Select(k => $"{k.Key} {string.Join(" or ", k.Value.Select(v => $"\"{v}\""))}"));

    /// <summary>
    /// Every value of a key in YAML text (double-quoted scalars already as <see cref="YamlQuotedScalar.DecodeAll"/>
    /// writes them), block or flow style: a scalar, or the items of a flow or block list, each as
    /// <see cref="Scalar"/> reads it.
    /// </summary>
    private static IEnumerable<string> Values(string text, Regex keyValue)
    {
        foreach (Match found in keyValue.Matches(text))
        {
            var value = found.Groups["value"].Value.Trim();
            if (value.Length == 0)
            {
                // A block list on the lines below: "- item" each.
                foreach (var line in text[(found.Index + found.Length)..].Split('\n').Skip(1))
                {
                    var item = line.Trim();
                    if (item.Length == 0)
                    {
                        continue;
                    }

                    if (!item.StartsWith('-'))
                    {
                        break;
                    }

                    yield return Scalar(item[1..].Trim());
                }

                continue;
            }

            var items = value.StartsWith('[') ? FlowItem().Matches(value[1..^1]).Select(m => m.Value) : [value];
            foreach (var item in items.Select(i => Scalar(i.Trim())).Where(i => i.Length > 0))
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// A value as netplan reads it: a quoted one decoded as netplan's YAML reader decodes it (<c>'e*''x'</c>
    /// is <c>e*'x</c>; one it refuses stays as written, netplan fails on that file anyway), a tag or anchor
    /// before it passed over, and an alias (<c>*name</c>, which a plain scalar cannot start with) read as
    /// <c>*</c>: it is not followed, so it is taken to match every interface.
    /// </summary>
    private static string Scalar(string value)
    {
        value = Properties().Replace(value, "");
        return value.StartsWith('*') ? "*" : YamlQuotedScalar.Decode(value) ?? value;
    }

    // Quoted scalars within a line, as the key reader reads them ('it''s is never closed, not 'it' then s).
    private const string Quoted = NetplanYamlLines.QuotedScalarInLinePattern;

    // A key, quoted or not, not the end of a longer name (a "-" or word character before it), then its
    // value after any tag or anchor: a quoted scalar, a flow list, or a plain scalar up to a space, comma, '}', '#' or '['.
    // One pattern per key, compiled at build time (AOT), each scanning the text on its own.
    private const string ValueAfterKey = @"[""']?[ \t]*:[ \t]*(?:[!&][^\s,\[\]{}]*[ \t]+)*(?<value>(" + Quoted + @"|\[(?:" + Quoted + @"|[^\]\n""'])*\]|[^\s,}#\[]*))";

    /// <summary>An item of a flow list (the text between its brackets): a quoted scalar, or text up to a comma.</summary>
    [GeneratedRegex(@"(?:[!&][^\s,]*[ \t]+)*(?:" + Quoted + @")|[^,\s][^,]*", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FlowItem();

    [GeneratedRegex(@"^(?:[!&][^\s,\[\]{}]*[ \t]+)+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Properties();

    [GeneratedRegex(@"(?<![\w-])[""']?name" + ValueAfterKey, RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NameValue();

    [GeneratedRegex(@"(?<![\w-])[""']?macaddress" + ValueAfterKey, RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MacAddressValue();

    [GeneratedRegex(@"(?<![\w-])[""']?driver" + ValueAfterKey, RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DriverValue();

    /// <summary>A <c>match</c> key in flow style, quoted or not, after a tag or anchor or none.</summary>
    [GeneratedRegex(@"(?<![\w-])[""']?match[""']?[ \t]*:", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FlowMatchKey();
}
