using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// What netplan makes of one id defined in several of the files it reads together (checked on 0.106), which a check of each file alone
/// misses: under two sections it fails on them ("Updated definition 'lan' changes device type"), and in one section it merges them, a
/// later occurrence's keys replacing the earlier's one by one, the keys of their <c>match:</c> too (<c>all: match: {name: "eth*"}</c>
/// then <c>all: match: {driver: virtio_net}</c> is <c>Name=eth*</c> and <c>Driver=virtio_net</c>), so a kept catch-all is judged by its
/// merged match. Files are read together when netplan reads both now (neither hidden by a <c>/run/netplan</c> file of its name) or both
/// after the next boot (neither in <c>/run/netplan</c>); a <c>.yml</c> file, which netplan never reads (only <c>*.yaml</c>), is read
/// with none.
/// </summary>
internal sealed class NetplanAcrossFiles
{
    private readonly List<(NetplanSource Source, NetplanDefinition Definition)> _defined = [];
    private readonly List<(NetplanSource Source, NetplanDefinition Definition)> _kept = [];

    /// <summary>Records the definitions of a file, in netplan's order of files.</summary>
    /// <exception cref="InvalidNetworkDataException">An earlier file read with this one defines one of its ids under another section.</exception>
    public void Define(NetplanSource source, IReadOnlyList<NetplanDefinition> definitions)
    {
        foreach (var definition in definitions)
        {
            var earlier = _defined.FirstOrDefault(d => d.Definition.Id == definition.Id && d.Definition.Section != definition.Section && ReadTogether(d.Source, source));
            if (earlier.Source is { } other)
            {
                throw new InvalidNetworkDataException(
                    $"{other.Path} defines '{definition.Id}' under {earlier.Definition.Section} and {source.Path} under {definition.Section}, which netplan rejects " +
                    $"(\"Updated definition '{definition.Id}' changes device type\"), so netplan fails on them {(Now(other) && Now(source) ? "already" : "after the next boot")}; " +
                    "define it in one section of one file; nothing was changed");
            }
        }

        _defined.AddRange(definitions.Select(d => (source, d)));
    }

    /// <summary>Records the definitions of a file that stay in it, for <see cref="CheckCatchAlls"/>.</summary>
    public void Keep(NetplanSource source, IEnumerable<NetplanDefinition> kept) => _kept.AddRange(kept.Select(d => (source, d)));

    /// <summary>
    /// Refuses a kept definition whose match, merged over every kept occurrence of its id that netplan reads with it, catches a configured
    /// interface (<see cref="NetplanCatchAll"/>). Occurrences of which one cannot be read are judged each on its own, as before: refusing is safe.
    /// </summary>
    /// <exception cref="InvalidNetworkDataException">A kept definition's <c>match:</c> catches a configured interface.</exception>
    public void CheckCatchAlls(NetworkConfiguration configuration, IFileView current)
    {
        // A .yml file's occurrence is judged alone: netplan reads it with no other.
        var read = new[] { _kept.Where(k => Now(k.Source)), _kept.Where(k => AfterBoot(k.Source)) }
            .SelectMany(together => together.GroupBy(k => (k.Definition.Section, k.Definition.Id)).Select(g => g.ToArray()));
        foreach (var occurrences in read.Concat(_kept.Where(k => !IsRead(k.Source)).Select(k => new[] { k })))
        {
            if (occurrences.Length == 1 || occurrences.Any(o => o.Definition.Identity is null))
            {
                foreach (var (source, definition) in occurrences)
                {
                    NetplanCatchAll.Check(source.Path, [definition], configuration, current, read: IsRead(source));
                }

                continue;
            }

            // Named after the file its match: comes from, where it is to be narrowed (the first of them when its keys come from several).
            var from = MatchFrom(occurrences);
            var elsewhere = occurrences.Select(o => o.Source.Path).Distinct(StringComparer.Ordinal).Where(p => p != from[0]).ToArray();
            var merged = elsewhere.Length == 0
                ? $", written {occurrences.Length} times there, which netplan merges"
                : $", also written in {string.Join(", ", elsewhere)}, which netplan merges" + (from.Length > 1 ? $", its match: from {string.Join(" and ", from)}" : "");
            var identity = occurrences.Select(o => o.Definition.Identity!).Aggregate((earlier, later) => Merged(earlier, later, occurrences[0].Definition.Id));
            NetplanCatchAll.Check(from[0], [occurrences[0].Definition with { Identity = identity }], configuration, current, merged);
        }
    }

    /// <summary>
    /// An identity with a later occurrence's <c>match:</c> keys (those the catch-all check reads) over an earlier one's, as netplan merges
    /// them. An occurrence without <c>match:</c> that none before it had one for matches by its id (netplan sets the match's name to the id
    /// at the end of such an occurrence), and a later <c>match:</c> without a name keeps that name (checked on 0.106: <c>all: {dhcp4: true}</c>
    /// then <c>all: {match: {}}</c> is <c>Name=all</c>, not every interface; then <c>match: {driver: "virtio*"}</c>, <c>Driver=virtio*</c>
    /// and <c>Name=all</c>).
    /// </summary>
    private static NetplanIdentity Merged(NetplanIdentity earlier, NetplanIdentity later, string id) => earlier with
    {
        MatchName = later.MatchName ?? earlier.MatchName ?? (earlier.HasMatch ? null : id),
        MatchMac = later.MatchMac ?? earlier.MatchMac,
        MatchDrivers = later.MatchDrivers ?? earlier.MatchDrivers,
        HasMatch = earlier.HasMatch || later.HasMatch,
    };

    /// <summary>
    /// The files, in netplan's order, of the occurrences whose <c>match:</c> keys the merged match keeps (each key the last occurrence's
    /// that sets it), or the first occurrence's when none sets a key.
    /// </summary>
    private static string[] MatchFrom((NetplanSource Source, NetplanDefinition Definition)[] occurrences)
    {
        var identities = occurrences.Select(o => o.Definition.Identity!).ToArray();
        int[] setting =
        [
            Array.FindLastIndex(identities, i => i.MatchName is not null),
            Array.FindLastIndex(identities, i => i.MatchMac is not null),
            Array.FindLastIndex(identities, i => i.MatchDrivers is not null),
        ];
        return occurrences.Where((_, i) => setting.Contains(i)).Select(o => o.Source.Path)
            .DefaultIfEmpty(occurrences[0].Source.Path)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    private static bool Now(NetplanSource source) => IsRead(source) && !source.HiddenByRuntime;

    private static bool AfterBoot(NetplanSource source) => IsRead(source) && !source.Path.StartsWith(NetplanConfiguration.RuntimeDirectory + "/", StringComparison.Ordinal);

    // An /etc/netplan .yml is reconciled like a .yaml (NetplanSources) but netplan globs only *.yaml: checked on 0.106, a .yml's
    // definitions neither conflict with nor merge into a .yaml's.
    private static bool IsRead(NetplanSource source) => source.IsRead;

    private static bool ReadTogether(NetplanSource a, NetplanSource b) => (Now(a) && Now(b)) || (AfterBoot(a) && AfterBoot(b));
}
