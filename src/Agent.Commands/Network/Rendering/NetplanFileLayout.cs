using System.Collections.Immutable;
using static GuestAgent.Commands.Network.Rendering.NetplanYamlLines;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Where the device definitions of a netplan file are (<c>network: → ethernets: → eth1:</c>, and the
/// same under <c>bonds</c>, <c>bridges</c>, <c>vlans</c>…), line by line, so that some of them can be
/// taken out while every other line (comments included) stays exactly as it was. Only the block
/// layout that cloud-init, subiquity and MAAS write is understood down to the definitions; a file
/// that uses flow style, tabs, several documents or more than one <c>network:</c> at that level has no layout
/// (<see cref="TryRead"/> returns <c>null</c>).
/// </summary>
internal sealed class NetplanFileLayout
{
    private static readonly ImmutableArray<string> DeviceSections =
    [
        "ethernets", "wifis", "modems", "bridges", "bonds", "vlans", "tunnels", "vrfs",
        "dummy-devices", "virtual-ethernets", "nm-devices",
    ];

    private readonly string[] _lines;
    private readonly NetplanAliases _aliases;
    private readonly Dictionary<int, int> _sectionEnds;
    private readonly HashSet<int> _sectionsWithSettings;

    private NetplanFileLayout(string[] lines, NetplanAliases aliases, IReadOnlyList<NetplanDefinition> definitions, Dictionary<int, int> sectionEnds, IReadOnlyList<string> settings, HashSet<int> sectionsWithSettings, string? renderer = null)
    {
        _lines = lines;
        _aliases = aliases;
        Renderer = renderer;
        Definitions = definitions;
        _sectionEnds = sectionEnds;
        Settings = settings;
        _sectionsWithSettings = sectionsWithSettings;
    }

    /// <summary>Every device definition, in file order.</summary>
    public IReadOnlyList<NetplanDefinition> Definitions { get; }

    /// <summary>
    /// What the file sets besides its definitions and <c>version</c>, by key: a network-wide
    /// <c>renderer</c> (netplan takes the last one in name order for every device that names none,
    /// whatever its file), <c>openvswitch</c>, a section's own <c>renderer</c> (<c>ethernets renderer</c>,
    /// for that section's devices in this file, a definition merged from them included). Moving the
    /// file aside or emptying it would lose them.
    /// </summary>
    public IReadOnlyList<string> Settings { get; }

    /// <summary>The network-wide <c>renderer</c> (<c>network: renderer: NetworkManager</c>), or <c>null</c> when the file sets none.</summary>
    public string? Renderer { get; }

    /// <summary>
    /// Reads the layout, or <c>null</c> when the file is not in the block layout. Values are read with their
    /// aliases followed (<see cref="NetplanAliases"/>): a definition's <see cref="NetplanDefinition.Text"/>, the renderers, and the keys.
    /// </summary>
    /// <exception cref="NetplanYamlException">An alias cycle, aliases that expand beyond <see cref="NetplanAliases.MaxExpansion"/>, an alias used as a key naming a collection, or a quoted scalar or flow collection never closed.</exception>
    public static NetplanFileLayout? TryRead(string yaml)
    {
        var lines = yaml.Split('\n');
        if (FirstDocument(lines, out var more) is not { } content || more)
        {
            // Another document after the first is not edited (netplan ignores it, but whoever wrote it may not).
            return null;
        }

        var aliases = NetplanAliases.Read(lines);
        // The structure is read with aliased keys followed (*s: is the section the scalar anchored as s names); the edit keeps the lines as written.
        var original = lines;
        lines = aliases.WithKeysFollowed();
        var definitions = new List<NetplanDefinition>();
        var sectionEnds = new Dictionary<int, int>();
        var settings = new List<string>();
        var sectionsWithSettings = new HashSet<int>();
        var topLevel = TopLevel(lines, content);
        if (topLevel is null)
        {
            return null;
        }

        settings.AddRange(topLevel.Select(c => KeyOf(lines[c.Line])!).Where(key => key != "network"));
        var foreign = settings.ToArray();
        if (topLevel.Count(c => KeyOf(lines[c.Line]) == "network") > 1)
        {
            // netplan reads every network: of a file (checked on 0.106); edited as one, a definition in a later one would stay.
            return null;
        }

        var networkIndex = topLevel.FindIndex(c => KeyOf(lines[c.Line]) == "network");
        if (networkIndex < 0)
        {
            return new NetplanFileLayout(original, aliases, definitions, sectionEnds, settings, sectionsWithSettings) { ForeignKeys = foreign };
        }

        var network = topLevel[networkIndex];
        // A tag or anchor before the block (network: !!map) changes nothing to netplan (checked on 0.106).
        if (!(HasBlockValue(lines[network.Line], out var empty) || HasBlockValueAfterProperties(lines[network.Line])) || empty)
        {
            return empty ? new NetplanFileLayout(original, aliases, definitions, sectionEnds, settings, sectionsWithSettings) { ForeignKeys = foreign } : null;
        }

        var networkChildren = Children(lines, content.Where(i => i > network.Line && i <= network.End), 0);
        if (networkChildren is null)
        {
            return null;
        }

        settings.AddRange(networkChildren.Select(c => KeyOf(lines[c.Line])!).Where(key => key != "version" && !DeviceSections.Contains(key, StringComparer.Ordinal)));
        var renderer = networkChildren.Where(c => KeyOf(lines[c.Line]) == "renderer").Select(c => FollowedValueOf(lines, aliases, c)).LastOrDefault();
        foreach (var section in networkChildren.Where(c => DeviceSections.Contains(KeyOf(lines[c.Line])!, StringComparer.Ordinal)))
        {
            if (!(HasBlockValue(lines[section.Line], out empty) || HasBlockValueAfterProperties(lines[section.Line])))
            {
                return null;
            }

            var devices = empty ? [] : Children(lines, content.Where(i => i > section.Line && i <= section.End), Indent(lines[section.Line]));
            if (devices is null)
            {
                return null;
            }

            sectionEnds[section.Line] = section.End;
            var sectionName = KeyOf(lines[section.Line])!;

            // A section's renderer (ethernets: renderer: NetworkManager) is no device.
            var renderers = devices.Where(d => KeyOf(lines[d.Line]) == "renderer").ToArray();
            if (renderers.Length > 0)
            {
                settings.Add($"{sectionName} renderer");
                sectionsWithSettings.Add(section.Line);
            }

            // netplan reads a section in order: its renderer applies to the definitions after it (and only where they create the device).
            string? sectionRenderer = null;
            foreach (var device in devices)
            {
                if (renderers.Contains(device))
                {
                    sectionRenderer = FollowedValueOf(lines, aliases, device);
                    continue;
                }

                var followed = aliases.Expand(device.Line, device.End);
                var followedLines = followed.Split('\n');
                definitions.Add(new NetplanDefinition(sectionName, KeyOf(lines[device.Line])!, device.Line, device.End, YamlQuotedScalar.DecodeAll(followed))
                {
                    SectionRenderer = sectionRenderer,
                    OwnRenderer = OwnRenderer(followedLines),
                    Identity = NetplanIdentity.Read(followedLines),
                    Members = NetplanIdentity.Members(followedLines),
                });
            }
        }

        return new NetplanFileLayout(original, aliases, definitions, sectionEnds, settings, sectionsWithSettings, renderer) { ForeignKeys = foreign };
    }

    /// <summary>
    /// The network-wide <c>renderer</c> of a file that has no layout (<see cref="TryRead"/> gives
    /// <c>null</c>), which netplan honours all the same: <c>network: {version: 2, renderer: NetworkManager}</c>
    /// in flow style (<see cref="NetplanFlowStyle"/>), or a block <c>network:</c> whose sections
    /// use flow style, or the first of several documents (the only one netplan reads). <c>null</c> when it
    /// sets none, or cannot be read that far (tab indentation).
    /// </summary>
    /// <exception cref="NetplanYamlException">An alias cycle, aliases that expand beyond <see cref="NetplanAliases.MaxExpansion"/>, or a quoted scalar or flow collection never closed.</exception>
    public static string? RendererOfUnlaidOut(string yaml)
    {
        // Read with its aliases followed: network: {renderer: *r}.
        var lines = NetplanAliases.ExpandAll(yaml).Split('\n');
        if (FirstDocument(lines, out _) is not { } content || TopLevel(lines, content) is not { } topLevel)
        {
            return null;
        }

        // netplan reads every network: of the file in turn (checked on 0.106), so the last renderer of any of them counts.
        return topLevel.Where(c => KeyOf(lines[c.Line]) == "network").Select(network => NetworkRenderer(lines, content, network)).LastOrDefault(renderer => renderer is not null);
    }

    /// <summary>The renderer a <c>network:</c> entry sets, block or flow style; <c>null</c> when it sets none or cannot be read.</summary>
    private static string? NetworkRenderer(string[] lines, List<int> content, (int Line, int End) network)
    {
        // A tag or anchor before the block (network: &n) changes nothing to netplan (checked on 0.106).
        var block = HasBlockValue(lines[network.Line], out _) || HasBlockValueAfterProperties(lines[network.Line]);
        if (block && Children(lines, content.Where(i => i > network.Line && i <= network.End), 0) is { } networkChildren)
        {
            return networkChildren.Where(c => KeyOf(lines[c.Line]) == "renderer").Select(c => ValueOf(lines, c)).LastOrDefault();
        }

        // Flow style from network: on, over one line or several (a mapping that starts on the next line too), its
        // comments included (the flow reader skips them, not a # inside a quoted scalar).
        var flow = string.Join('\n', lines[network.Line..(network.End + 1)]);
        return NetplanFlowStyle.NetworkRenderer(flow[(flow.IndexOf(':', StringComparison.Ordinal) + 1)..]);
    }

    /// <summary>
    /// The name of an alias outside the <paramref name="removed"/> definitions whose anchored node is in
    /// <paramref name="definition"/>: taking them out would break it (netplan fails on it: "aliases are not supported", or
    /// reads a shorter node). <c>null</c> when none is.
    /// </summary>
    public string? AliasInto(NetplanDefinition definition, IEnumerable<NetplanDefinition> removed) =>
        _aliases.AliasedFrom(LinesOf([definition]), LinesOf(removed));

    private static HashSet<int> LinesOf(IEnumerable<NetplanDefinition> definitions) =>
        definitions.SelectMany(d => Enumerable.Range(d.FirstLine, d.LastLine - d.FirstLine + 1)).ToHashSet();

    /// <summary>A key's value (<see cref="ValueOf"/>) with its aliases followed: <c>renderer: *r</c> is the renderer anchored as <c>r</c>.</summary>
    private static string FollowedValueOf(string[] lines, NetplanAliases aliases, (int Line, int End) entry)
    {
        if (!aliases.Any)
        {
            return ValueOf(lines, entry);
        }

        var followed = aliases.Expand(entry.Line, entry.End).Split('\n');
        return ValueOf(followed, (0, followed.Length - 1));
    }

    /// <summary>Top-level keys other than <c>network</c>: netplan fails on a file with one ("unknown key", checked on 0.106).</summary>
    public IReadOnlyList<string> ForeignKeys { get; private init; } = [];

    /// <summary>
    /// The file without the given definitions: each is replaced by a comment naming
    /// <paramref name="replacement"/>, followed by an empty definition (<c>eth0: {}</c>) for those to
    /// be left empty, and a section left without definitions loses its header (netplan refuses an
    /// empty <c>ethernets:</c>) unless it keeps a setting of its own (its <c>renderer</c>).
    /// </summary>
    public string Without(IReadOnlyCollection<(NetplanDefinition Definition, bool LeaveEmpty)> removals, string replacement)
    {
        var dropped = new HashSet<int>();
        var inserted = new Dictionary<int, string>();
        foreach (var (definition, leaveEmpty) in removals)
        {
            var line = _lines[definition.FirstLine];
            var indent = line[..Indent(line)];
            inserted[definition.FirstLine] = $"{indent}# {definition.Id}: {replacement}" + (leaveEmpty ? $"\n{indent}{definition.Id}: {{}}" : "");
            for (var i = definition.FirstLine; i <= definition.LastLine; i++)
            {
                dropped.Add(i);
            }
        }

        var gone = removals.Where(r => !r.LeaveEmpty).Select(r => r.Definition).ToHashSet();
        foreach (var (header, end) in _sectionEnds)
        {
            var inSection = Definitions.Where(d => d.FirstLine > header && d.LastLine <= end).ToArray();
            if (inSection.Length > 0 && inSection.All(gone.Contains) && !_sectionsWithSettings.Contains(header))
            {
                dropped.Add(header);
            }
        }

        var kept = new List<string>();
        for (var i = 0; i < _lines.Length; i++)
        {
            if (inserted.TryGetValue(i, out var replacementLines))
            {
                kept.Add(replacementLines);
            }

            if (!dropped.Contains(i))
            {
                kept.Add(_lines[i]);
            }
        }

        return string.Join('\n', kept);
    }

    /// <summary>
    /// The entries of a block mapping whose lines are <paramref name="content"/> (comment and blank
    /// lines excluded): each entry's key line and its last line. <c>null</c> when the lines are
    /// not a block mapping indented deeper than <paramref name="parentIndent"/>.
    /// </summary>
    internal static List<(int Line, int End)>? Children(string[] lines, IEnumerable<int> content, int parentIndent) =>
        Entries(lines, content, parentIndent, out var unclosed) is { } entries && unclosed is null ? entries : null;

    /// <summary>
    /// <see cref="Children"/>, and a node left open to the end of the file, if any: its line, and the line of the key or dash whose value it is.
    /// </summary>
    private static List<(int Line, int End)>? Entries(string[] lines, IEnumerable<int> content, int parentIndent, out (int Line, int Owner)? unclosed)
    {
        unclosed = null;
        var entries = new List<(int Line, int End)>();
        var indent = -1;
        (int Line, string Start, int Owner)? open = null;
        int? blockScalar = null;
        int? awaitedBy = null;
        foreach (var i in content)
        {
            if (open is { } node && entries.Count > 0)
            {
                // A quoted scalar or flow collection left open on an earlier line goes on here, whatever the indent: libyaml reads
                // hostname: "x then match: {}" at the key's indent as one scalar, "x match: {}" (checked on 0.106), not as a match: key.
                // Unless a line left out of content closed it (# y" is no comment there, it ends "x): this line starts afresh.
                open = IsOpen(Joined(lines, node, i)) ? node : null;
                if (open is not null)
                {
                    entries[^1] = (entries[^1].Line, i);
                    open = IsOpen(Joined(lines, node, i + 1)) ? node : null;
                    continue;
                }
            }

            var current = Indent(lines[i]);
            if (blockScalar is not { } scalarKey || current <= scalarKey)
            {
                // A block scalar's lines (deeper than its key) are text: a quote or bracket starting one of them opens nothing.
                // A node alone on the line below a key or dash left empty (hostname: then "x) starts there, as on the key's line;
                // a plain scalar's continuation line does not (hostname: x then "y is its text).
                var starts = awaitedBy is not null && KeyOf(lines[i]) is null && !IsItem(lines[i]);
                var value = starts ? NodeStart(lines[i]) : ValueStart(lines[i]);
                var owner = starts ? awaitedBy!.Value : i;
                blockScalar = value.StartsWith('|') || value.StartsWith('>') ? InnerEntry(lines[owner]).Column : null;
                open = IsOpen(value) ? (i, value, owner) : null;
                // Nothing yet but tags, anchors or a comment: the node is on a line below.
                awaitedBy = (value.Length == 0 || value[0] == '#') && (starts || KeyOf(lines[i]) is not null || IsItem(lines[i])) ? owner : null;
            }

            if (indent < 0)
            {
                indent = current;
            }

            if (current == indent && indent > parentIndent && KeyOf(lines[i]) is not null)
            {
                entries.Add((i, i));
            }
            else if (entries.Count > 0 && (current > indent || (current == indent && IsItem(lines[i]) && BareValueOf(lines[entries[^1].Line]).Length == 0)))
            {
                // A deeper line, or an item of a block list at its key's indent (interfaces: then - eth0 below it, as PyYAML writes it).
                entries[^1] = (entries[^1].Line, i);
            }
            else
            {
                return null;
            }
        }

        // Never closed, to the end of the file: libyaml fails on it ("found unexpected end of stream"), and so does netplan.
        unclosed = open is { } start && IsOpen(Joined(lines, start, lines.Length)) ? (start.Line, start.Owner) : null;
        return entries;
    }

    /// <summary>
    /// The entries of the file's top-level mapping (<see cref="Children"/>). One whose own value is never closed
    /// (<c>network: {version: 2</c> to the end, or from the line below) is kept as before: a file in flow style, which has no layout.
    /// </summary>
    /// <exception cref="NetplanYamlException">A quoted scalar or flow collection never closed, inside the block layout.</exception>
    private static List<(int Line, int End)>? TopLevel(string[] lines, IEnumerable<int> content)
    {
        var entries = Entries(lines, content, -1, out var unclosed);
        return unclosed is { } node && entries?.Any(e => e.Line == node.Owner) != true
            ? throw new NetplanYamlException($"has a quoted scalar or flow collection on line {node.Line + 1} that is never closed", "found unexpected end of stream")
            : entries;
    }

    /// <summary>The node that starts on line <paramref name="node"/>.Line (as <paramref name="node"/>.Start) with the lines after it up to <paramref name="end"/> (excluded).</summary>
    private static string Joined(string[] lines, (int Line, string Start, int Owner) node, int end) => string.Join('\n', lines[(node.Line + 1)..end].Prepend(node.Start));

    /// <summary>
    /// A definition's own <c>renderer</c> (<c>eth0: renderer: NetworkManager</c>), a key of its block, from the
    /// definition's lines with their aliases followed (<c>eth1: *base</c> has the renderer of <c>base</c>); <c>null</c> when it sets none.
    /// </summary>
    private static string? OwnRenderer(string[] definition) =>
        Children(definition, Enumerable.Range(1, definition.Length - 1).Where(i => !IsBlankOrComment(definition[i])), Indent(definition[0])) is { } keys
            ? keys.Where(k => KeyOf(definition[k.Line]) == "renderer").Select(k => ValueOf(definition, k)).LastOrDefault()
            : null;
}
