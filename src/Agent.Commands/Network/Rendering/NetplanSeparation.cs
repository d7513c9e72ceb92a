using System.Text.RegularExpressions;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Whether the definitions of the interfaces <c>resetnetwork</c> configures can be taken out of another netplan file
/// (<see cref="NetplanOtherFiles"/>) without breaking what stays in it, or leaving in it something netplan would merge into ours or
/// use to enslave them: each check refuses the file before anything changes.
/// </summary>
internal static partial class NetplanSeparation
{
    /// <summary>
    /// Refuses when the kept lines depend on a removed definition: a VLAN or bridge naming its id
    /// (<c>link: id0</c>, where only the removed definition says which NIC <c>id0</c> is), or a YAML
    /// alias outside the removed definitions (in a kept one, a renderer) of an anchor it holds: netplan
    /// would fail on the edited file ("aliases are not supported") or read less than before.
    /// </summary>
    public static void CheckSeparable(string path, NetplanFileLayout layout, IReadOnlyList<NetplanDefinition> ours, IReadOnlyList<NetplanDefinition> kept, NetworkConfiguration configuration)
    {
        foreach (var definition in ours)
        {
            var alias = layout.AliasInto(definition, ours);
            var anchored = alias is not null;
            var renamed = configuration.Interfaces.All(nic => nic.Name != definition.Id);
            if (anchored || (renamed && kept.Any(k => NetplanTextSearch.HasWord(WithoutComments(k.Text), definition.Id))))
            {
                throw new InvalidNetworkDataException(
                    $"{path} defines an interface resetnetwork configures as '{definition.Id}', which other definitions there " +
                    $"{(anchored ? $"share (a YAML anchor: the alias *{alias} names a node in it)" : "refer to")}; it cannot be taken out of the file without breaking them; nothing was changed");
            }
        }
    }

    /// <summary>
    /// Refuses when an id written more than once in a section (<c>ethernets:</c> with <c>lan:</c> twice) is ours in one place and not in
    /// another: netplan reads them as one definition, the keys of each merged (checked on 0.106: <c>lan: match: name: eth0</c>, then
    /// <c>lan: addresses: […]</c> gives eth0 that address), so taking out only the one that names the interface would leave the rest of it
    /// to be merged into ours.
    /// </summary>
    public static void CheckWrittenOnce(string path, IEnumerable<NetplanDefinition> definitions, IReadOnlyCollection<NetplanDefinition> ours)
    {
        foreach (var repeated in definitions.GroupBy(d => (d.Section, d.Id)).Where(g => g.Count() > 1 && g.Any(ours.Contains) && !g.All(ours.Contains)))
        {
            throw new InvalidNetworkDataException(
                $"{path} defines '{repeated.Key.Id}' ({repeated.Key.Section}) {CountText.Of(repeated.Count(), "time", "times")}, which netplan reads as one definition (their keys merged), " +
                "and only some of them make it one of the interfaces resetnetwork configures, so it cannot be taken out in part; " +
                $"write '{repeated.Key.Id}' once, or let another network system configure this guest; nothing was changed");
        }
    }

    /// <summary>
    /// Refuses when a kept bond, bridge or VRF lists one of our interfaces (or a definition we take
    /// out) under <c>interfaces:</c>, the only netplan key that makes one device a member of another
    /// (a VLAN's or tunnel's <c>link:</c> merely sits on top of it and is safe to keep). Left in
    /// place, netplan would write our addresses and <c>Bond=</c>/<c>Bridge=</c>/<c>VRF=</c> into the
    /// same networkd file: the interface is enslaved, its own addresses are dead, and since the
    /// apply succeeds nothing rolls back.
    /// </summary>
    public static void CheckNotMember(string path, IEnumerable<NetplanDefinition> ours, IEnumerable<NetplanDefinition> kept, NetworkConfiguration configuration)
    {
        var names = configuration.Interfaces.Select(nic => nic.Name).Concat(ours.Select(d => d.Id)).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var definition in kept)
        {
            // Read as netplan reads them (["eth\ then 0"] is eth0, a "# was eth0" after the list is a comment); where they cannot be, the name as a word in the list.
            var member = definition.Members is { } members
                ? names.FirstOrDefault(members.Contains)
                : names.FirstOrDefault(name => MemberLists(definition.Text).Any(list => NetplanTextSearch.HasWord(list, name)));
            if (member is not null)
            {
                throw new InvalidNetworkDataException(
                    $"{path} makes {member} a member of {definition.Id} ({definition.Section}); resetnetwork configures an interface on its own, " +
                    $"and left there it would be enslaved and lose the configured addresses; remove {member} from {definition.Id}'s interfaces " +
                    "or let another network system configure this guest; nothing was changed");
            }
        }
    }

    /// <summary>The value of every <c>interfaces:</c> key in a definition: a flow list, or the block list below it.</summary>
    private static IEnumerable<string> MemberLists(string text)
    {
        var lines = WithoutComments(text).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var key = InterfacesKey().Match(lines[i]);
            if (!key.Success)
            {
                continue;
            }

            var indent = key.Groups["indent"].Length;
            var value = new System.Text.StringBuilder(key.Groups["value"].Value);
            for (var j = i + 1; j < lines.Length; j++)
            {
                var line = lines[j];
                var lineIndent = line.Length - line.TrimStart().Length;
                if (line.Trim().Length != 0 && lineIndent < indent + (line.TrimStart().StartsWith('-') ? 0 : 1))
                {
                    break;
                }

                value.Append('\n').Append(line);
            }

            yield return value.ToString();
        }
    }

    /// <summary>The text without its comment lines.</summary>
    public static string WithoutComments(string text) =>
        string.Join('\n', text.Split('\n').Where(line => !line.TrimStart().StartsWith('#')));

    // A tag or anchor may stand before the key (!!str interfaces:), as before any key.
    [GeneratedRegex(@"^(?<indent>\s*)(?:[!&][^\s:]*[ \t]+)*[""']?interfaces[""']?\s*:(?<value>.*)$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex InterfacesKey();
}
