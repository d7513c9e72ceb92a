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
    /// no scalar, a flow collection it cannot read).
    /// </summary>
    public static NetplanIdentity? Read(string[] lines)
    {
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
        string?[] values = [.. new[] { reader.Value(keys, "set-name"), reader.Value(matched, "name"), reader.Value(matched, "macaddress"), reader.Value(keys, "macaddress") }
            .Where(value => value is null or string).Cast<string?>()];
        return match is null or Dictionary<string, object?> && values.Length == 4 ? new NetplanIdentity(values[0], values[1], values[2], values[3]) : null;
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

        /// <summary>The value of a key of a mapping <see cref="Node"/> gave; <c>null</c> for a key it does not have or a null value.</summary>
        public object? Value(Dictionary<string, object?> mapping, string key) =>
            mapping.GetValueOrDefault(key) is Entry entry ? Node(entry.At) : mapping.GetValueOrDefault(key);

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

            // The value on the lines below its key: a block mapping, or a scalar or flow collection alone there (netplan reads either).
            var first = BareValueOf("value: " + lines[below[0]].TrimStart(' '));
            if (KeyOf(lines[below[0]]) is not null)
            {
                return NetplanFileLayout.Children(lines, below, Indent(lines[entry.Line])) is { } keys
                    ? keys.GroupBy(key => KeyOf(lines[key.Line])!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (object?)new Entry(g.Last()), StringComparer.Ordinal)
                    : Unread;
            }

            return first[0] is '[' or '{' ? NetplanFlowStyle.Read(string.Join('\n', lines[below[0]..(entry.End + 1)])) ?? Unread
                : first.Length == 0 || first[0] is '*' or '-' ? Unread
                : ValueOf(lines, entry);
        }

        /// <summary>A key of a block mapping, its value not read yet.</summary>
        private sealed record Entry((int Line, int End) At);
    }
}
