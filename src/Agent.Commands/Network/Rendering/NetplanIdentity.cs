using static GuestAgent.Commands.Network.Rendering.NetplanYamlLines;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// The keys through which an Ethernet definition reaches an interface other than its id: <c>match: name</c>, <c>match: macaddress</c>,
/// <c>set-name</c> and its own <c>macaddress</c>, read from its lines (aliases followed) as netplan's YAML reader (libyaml) reads them,
/// block or flow style: a quoted value decoded (over several lines too: <c>"eth\</c> then <c>0"</c> is <c>eth0</c>), a tag, anchor or
/// comment passed over, a plain value continued on deeper lines folded (<c>name: eth0</c> then <c>  x</c> is <c>eth0 x</c>, which
/// netplan 0.106 refuses as a match and takes as the new name for <c>set-name</c>: no definition of eth0 either way). A search of the
/// definition's text for <c>name: eth0</c> took both the continued value and a MAC in a comment for eth0's, and missed the quoted value
/// continued with a backslash.
/// </summary>
/// <param name="SetName"><c>set-name</c>, or <c>null</c>.</param>
/// <param name="MatchName"><c>match: name</c>, or <c>null</c>.</param>
/// <param name="MatchMac"><c>match: macaddress</c>, or <c>null</c>.</param>
/// <param name="Mac">The definition's own <c>macaddress</c>, or <c>null</c>.</param>
internal sealed record NetplanIdentity(string? SetName, string? MatchName, string? MatchMac, string? Mac)
{
    /// <summary>
    /// The identity of a definition whose lines are <paramref name="lines"/>, its id's key line first; <c>null</c> when the definition,
    /// its <c>match</c> or one of these keys is in a form this reader does not understand (an alias left unfollowed, a value that is
    /// no scalar, a flow collection it cannot read, an explicit key: <c>? set-name</c> then <c>: eth0</c>).
    /// </summary>
    public static NetplanIdentity? Read(string[] lines)
    {
        if (HasExplicitKey(lines))
        {
            return null;
        }

        var reader = new Reader(lines);
        var definition = reader.Node((0, reader.Content[^1]));
        if (definition is null)
        {
            // An id with no value (eth0: alone): a definition that sets nothing.
            return new NetplanIdentity(null, null, null, null);
        }

        if (definition is not Dictionary<string, object?> keys)
        {
            return null;
        }

        var match = reader.Value(keys, "match");
        var matched = match as Dictionary<string, object?> ?? [];

        // A driver may be a list (driver: [virtio_net, e1000]), any of which matches; anything else, an empty list too, is not read ([]).
        var driver = reader.Value(matched, "driver");
        string[]? drivers = driver switch
        {
            null => null,
            string one => [one],
            List<object?> list when list.All(d => d is string) => [.. list.Cast<string>()],
            _ => [],
        };
        string?[] values = [.. new[] { reader.Value(keys, "set-name"), reader.Value(matched, "name"), reader.Value(matched, "macaddress"), reader.Value(keys, "macaddress") }
            .Where(value => value is null or string).Cast<string?>()];
        return match is null or Dictionary<string, object?> && values.Length == 4 && drivers is not []
            ? new NetplanIdentity(values[0], values[1], values[2], values[3]) { HasMatch = match is not null, MatchDrivers = drivers }
            : null;
    }

    /// <summary>Whether it has a <c>match:</c> (an empty one, <c>match: {}</c>, catches every device).</summary>
    public bool HasMatch { get; init; }

    /// <summary><c>match: driver</c>, a scalar or the items of a list, or <c>null</c>.</summary>
    public IReadOnlyList<string>? MatchDrivers { get; init; }

    /// <summary>
    /// The members a bond, bridge or VRF definition whose lines are <paramref name="lines"/> names under <c>interfaces</c>, read as
    /// netplan reads them (<c>["eth\</c> then <c>0"]</c> is eth0): none when it has no such key, <c>null</c> when the definition or
    /// the list is in a form this reader does not understand (an explicit key among them: <c>? interfaces</c>).
    /// </summary>
    public static IReadOnlyList<string>? Members(string[] lines)
    {
        if (HasExplicitKey(lines))
        {
            return null;
        }

        var reader = new Reader(lines);
        return reader.Node((0, reader.Content[^1])) switch
        {
            null => [],
            Dictionary<string, object?> keys => reader.Value(keys, "interfaces", addUp: true) switch
            {
                null => [],
                List<object?> items when items.All(item => item is string) => [.. items.Cast<string>()],
                _ => null,
            },
            _ => null,
        };
    }

    /// <summary>
    /// Reads nodes on demand: a block mapping is read as its keys, each value read only when asked for (a definition's routes and
    /// the like are never read), a flow collection and a scalar whole.
    /// </summary>
    private sealed class Reader(string[] lines)
    {
        /// <summary>Any value this reader does not understand.</summary>
        private static readonly object Unread = new();

        public List<int> Content { get; } = [.. Enumerable.Range(0, lines.Length).Where(i => !IsBlankOrComment(lines[i]))];

        /// <summary>
        /// The value of a key of a mapping <see cref="Node"/> gave; <c>null</c> for a key it does not have or a null value. A repeated key
        /// is read as netplan reads it, each value after the other (checked on 0.106; PyYAML keeps only the last): mappings merge
        /// (<c>match: {name: eth0}</c> then <c>match: {}</c> still matches eth0), lists of members add up when <paramref name="addUp"/>
        /// (<c>interfaces: [eth0]</c> then <c>interfaces: [eth1]</c> enslaves both), any other value the last replaces; a mapping
        /// repeated as something else is <see cref="Unread"/>.
        /// </summary>
        public object? Value(Dictionary<string, object?> mapping, string key, bool addUp = false)
        {
            if (!mapping.TryGetValue(key, out var value))
            {
                return null;
            }

            var values = Occurrences(value).ToList();
            if (values.Count == 1)
            {
                return values[0];
            }

            if (values.All(v => v is Dictionary<string, object?>))
            {
                var merged = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (k, v) in values.Cast<Dictionary<string, object?>>().SelectMany(d => d))
                {
                    merged[k] = merged.TryGetValue(k, out var earlier) ? new NetplanFlowStyle.Repeated([earlier!, v!]) : v;
                }

                return merged;
            }

            return values.Contains(Unread) || values.Any(v => v is Dictionary<string, object?>) ? Unread
                : !addUp ? values[^1]
                : values.All(v => v is List<object?>) ? values.Cast<List<object?>>().SelectMany(list => list).ToList()
                : Unread;
        }

        /// <summary>Each value a key was given, in order: a block key written several times, or a flow key (<see cref="NetplanFlowStyle.Repeated"/>).</summary>
        private IEnumerable<object?> Occurrences(object? value) => value switch
        {
            Entry entry => entry.At.Select(Node),
            NetplanFlowStyle.Repeated repeated => repeated.Values.SelectMany(Occurrences),
            _ => [value],
        };

        /// <summary>
        /// The value of the key on line <paramref name="entry"/>.Line (to its last line <paramref name="entry"/>.End): a mapping (block
        /// values as <see cref="Entry"/>), a list or a string, <c>null</c> for a null, or <see cref="Unread"/>.
        /// </summary>
        public object? Node((int Line, int End) entry)
        {
            var value = BareValueOf(lines[entry.Line]);
            if (value.Length > 0)
            {
                return value[0] is '[' or '{' ? NetplanFlowStyle.Read(FlowTextOf(lines, entry)) ?? Unread
                    : value[0] == '*' ? Unread
                    : ValueOf(lines, entry);
            }

            var below = Content.Where(i => i > entry.Line && i <= entry.End).ToList();
            if (below.Count == 0)
            {
                return null;
            }

            // The value on the lines below its key: a block mapping or list, or a scalar or flow collection alone there (netplan reads either).
            var first = BareValueOf("value: " + lines[below[0]].TrimStart(' '));
            if (KeyOf(lines[below[0]]) is not null)
            {
                return NetplanFileLayout.Children(lines, below, Indent(lines[entry.Line])) is { } keys
                    ? keys.GroupBy(key => KeyOf(lines[key.Line])!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (object?)new Entry([.. g]), StringComparer.Ordinal)
                    : Unread;
            }

            // A tag or anchor alone on its line (set-name: then !!str, then eth0) is not followed here.
            return first.Length == 0 || first[0] == '*' ? Unread
                : IsItem(lines[below[0]]) ? Items(below, entry.End)
                : first[0] is '[' or '{' ? NetplanFlowStyle.Read(string.Join('\n', lines[below[0]..(entry.End + 1)])) ?? Unread
                : ValueOf(lines, entry);
        }

        /// <summary>
        /// A block list whose content lines are <paramref name="below"/> (to line <paramref name="end"/>): each item read as the value of
        /// a key in the place of its <c>-</c> (<c>- "eth\</c> then <c>0"</c> is read as <c>v: "eth\</c> then <c>0"</c>); <see cref="Unread"/>
        /// when a line at the list's indent is no item, or an item is itself a list or a mapping.
        /// </summary>
        private object Items(List<int> below, int end)
        {
            var indent = Indent(lines[below[0]]);
            var starts = below.Where(i => Indent(lines[i]) == indent).ToList();
            var items = new List<object?>();
            for (var k = 0; k < starts.Count; k++)
            {
                var item = lines[starts[k]][(indent + 1)..];
                if (!IsItem(lines[starts[k]]) || IsItem(item.TrimStart(' ')) || KeyOf(item) is not null)
                {
                    return Unread;
                }

                var moved = (string[])lines.Clone();
                moved[starts[k]] = new string(' ', indent) + "v:" + item;
                var last = k + 1 < starts.Count ? below.Last(i => i < starts[k + 1]) : end;
                items.Add(new Reader(moved).Node((starts[k], last)));
            }

            return items.Contains(Unread) ? Unread : items;
        }

        /// <summary>A key of a block mapping, its value (or values, for a key written several times) not read yet.</summary>
        private sealed record Entry(IReadOnlyList<(int Line, int End)> At);
    }
}
