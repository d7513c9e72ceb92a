using System.Text;
using static GuestAgent.Commands.Network.Rendering.NetplanYamlLines;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// The YAML anchors (<c>&amp;m</c>) and aliases (<c>*m</c>) of a netplan file, and its text with each alias
/// replaced by the node its anchor names, so that whatever reads a value reads what netplan reads:
/// libyaml (netplan's YAML reader) resolves an alias to the last node anchored by that name before it in the
/// same document, and netplan takes that node as if written in the alias's place (checked on 0.106: a bond's
/// <c>interfaces: *m</c> enslaves the interfaces of the list anchored as <c>m</c>, <c>renderer: *r</c> sets the
/// renderer anchored as <c>r</c>). A node written in block style (<c>search: &amp;m</c> and the list below it)
/// replaces an alias that ends a block value (<c>interfaces: *m</c>) as the same lines re-indented below it, and
/// one inside a flow collection (<c>[*m]</c>) in flow style (<see cref="NetplanBlockFlow"/>). A plain scalar over several
/// lines replaces an alias as the one line libyaml folds it into, quoted; an alias used as a key is followed by
/// <see cref="WithKeysFollowed"/>.
/// An alias inside the node its anchor names (<c>&amp;m [eth0, *m]</c>, a cycle, which netplan refuses as
/// "expected scalar") and an expansion beyond <see cref="MaxExpansion"/> characters ("billion laughs": a few
/// lines of anchors can stand for gigabytes) throw <see cref="NetplanYamlException"/>: never a hang nor a
/// runaway allocation.
/// </summary>
internal sealed partial class NetplanAliases
{
    /// <summary>
    /// The most characters the expansions of one file may produce, all of its stretches together (a layout expands
    /// each definition: a budget per stretch would let a file of many definitions, each aliasing a node just under
    /// the cap, hold that much per definition). A netplan file is a few kilobytes; a mebibyte leaves room for any
    /// real use of aliases and bounds the work of a hostile one. Each alias followed counts its own text too, so
    /// aliases of an empty node are not followed for free.
    /// </summary>
    public const int MaxExpansion = 1 << 20;

    /// <summary>How deep flow collections may nest in a file read for aliases (the scan recurses on them).</summary>
    private const int MaxFlowDepth = 256;

    /// <summary>How deep aliases may lead into nodes holding aliases (the expansion recurses on them); a real file needs a few.</summary>
    private const int MaxAliasDepth = 64;

    /// <summary>How many keys one line may chain (<c>a: b: c</c>) before the scan, which recurses on them, passes over the rest.</summary>
    private const int MaxKeysOnLine = 16;

    private readonly string[] _lines;
    private readonly List<Anchor> _anchors = [];
    private readonly List<Alias> _aliases = [];
    private readonly Dictionary<string, List<Anchor>> _anchorsByName = new(StringComparer.Ordinal);
    private long _budget = (long)MaxExpansion;
    private int _document;

    /// <summary>The column of the key or <c>-</c> whose value is the block below the line just scanned (<c>a:</c>), else <c>null</c>.</summary>
    private int? _valueBelow;

    private NetplanAliases(string[] lines) => _lines = lines;

    /// <summary>Whether the file has an alias at all: without one every text reads as written.</summary>
    public bool Any => _aliases.Count > 0;

    /// <summary>Finds the anchors and aliases of every document of a file, split into lines.</summary>
    /// <exception cref="NetplanYamlException">Flow collections nested deeper than this reader follows.</exception>
    public static NetplanAliases Read(string[] lines)
    {
        var aliases = new NetplanAliases(lines);
        if (lines.Any(line => line.Contains('*', StringComparison.Ordinal)))
        {
            aliases.Scan();
        }

        return aliases;
    }

    /// <summary>A whole file's text with its aliases followed (a file without a block layout, searched as netplan reads it).</summary>
    /// <exception cref="NetplanYamlException">An alias cycle, or an expansion beyond <see cref="MaxExpansion"/>.</exception>
    public static string ExpandAll(string yaml)
    {
        var lines = yaml.Split('\n');
        var aliases = Read(lines);
        return aliases.Any ? aliases.Expand(0, lines.Length - 1) : yaml;
    }

    /// <summary>Lines <paramref name="first"/> to <paramref name="last"/> of the file, each alias in them replaced by its node.</summary>
    /// <exception cref="NetplanYamlException">An alias cycle, or an expansion beyond <see cref="MaxExpansion"/>.</exception>
    public string Expand(int first, int last)
    {
        if (!Any)
        {
            return string.Join('\n', _lines[first..(last + 1)]);
        }

        return Expand(new Position(first, 0), new Position(last, _lines[last].Length), []);
    }

    /// <summary>
    /// The name of an alias outside <paramref name="removed"/> whose anchored node lies in <paramref name="lines"/>,
    /// wholly or in part: taking the removed lines out of the file would leave the alias without its node (netplan
    /// then fails on the file: "aliases are not supported", its words for an alias that names no anchor), or give it a shorter one. <c>null</c> when there is none.
    /// </summary>
    public string? AliasedFrom(IReadOnlySet<int> lines, IReadOnlySet<int> removed)
    {
        // Once per anchor: many aliases of one long node would otherwise walk its lines each.
        var inLines = new Dictionary<Anchor, bool>();
        foreach (var alias in _aliases.Where(a => !removed.Contains(a.At.Line)))
        {
            if (Resolve(alias) is not { } anchor)
            {
                continue;
            }

            if (!inLines.TryGetValue(anchor, out var named))
            {
                named = inLines[anchor] = lines.Any(line => line >= anchor.At.Line && line <= anchor.End.Line);
            }

            if (named)
            {
                return alias.Name;
            }
        }

        return null;
    }

    private string Expand(Position start, Position end, List<Anchor> expanding)
    {
        var text = new StringBuilder();
        var cursor = start;
        // The aliases are sorted: the stretch's are found by a search, not by a pass over every alias of the file for each node followed.
        for (var index = FirstAliasAt(start); index < _aliases.Count && _aliases[index].At.CompareTo(end) < 0; index++)
        {
            var alias = _aliases[index];
            if (alias.At.CompareTo(cursor) < 0)
            {
                // Dropped with the rest of a line an alias to a block node ended.
                continue;
            }

            var anchor = Resolve(alias);
            if (anchor is null || (anchor.Block && !alias.EndsBlockValue && !alias.InFlow))
            {
                // An undefined alias (netplan fails on the file), or a block node as a key (netplan fails: "expected scalar"): as written.
                continue;
            }

            if (expanding.Contains(anchor))
            {
                throw new NetplanYamlException($"has the YAML alias *{alias.Name} inside the node its anchor &{alias.Name} names, a cycle", "expected scalar");
            }

            if (expanding.Count >= MaxAliasDepth)
            {
                throw new NetplanYamlException($"has YAML aliases nested deeper than {MaxAliasDepth} (an alias in a node an alias names, and so on), which resetnetwork does not follow");
            }

            // Before a block node's lines the key ends its line (c: then the lines), no blank after it.
            Charge(alias.Name.Length + 1);
            var before = Text(cursor, alias.At);
            var asLines = anchor.Block && !alias.InFlow;
            Append(text, asLines ? before.TrimEnd(' ', '\t') : before);
            expanding.Add(anchor);
            var node = Expand(anchor.Start, anchor.End, expanding);
            expanding.RemoveAt(expanding.Count - 1);
            if (asLines)
            {
                // The block's lines below the alias's key, deeper than it; the rest of the alias's line is a comment at most.
                Append(text, Reindent(node, alias.Owner + 2));
                cursor = new Position(alias.At.Line, _lines[alias.At.Line].Length);
            }
            else
            {
                // In a flow collection a block node stands in flow style (left as written where it holds a form not converted).
                Append(text, anchor.Block ? NetplanBlockFlow.Convert(node) ?? "*" + alias.Name : anchor.Folded ? YamlQuotedScalar.Quote(Fold(node)) : node);
                cursor = new Position(alias.At.Line, alias.At.Column + alias.Name.Length + 1);
            }
        }

        Append(text, Text(cursor, end));
        return text.ToString();
    }

    /// <summary>
    /// The file's lines with each alias used as a key (<c>*k: value</c>, <c>*k : value</c>) replaced by the scalar its anchor names,
    /// as libyaml reads the key: netplan 0.106 reads <c>*s:</c> as the section, and <c>*n:</c> as the interface, that the scalar names
    /// (checked). The same lines when no alias is a key; one whose anchor is undefined or names a null stays as written (netplan fails on it).
    /// </summary>
    /// <exception cref="NetplanYamlException">An alias used as a key names a collection (netplan fails on it: "expected scalar").</exception>
    public string[] WithKeysFollowed()
    {
        var keys = _aliases.Where(a => a.Key).ToArray();
        if (keys.Length == 0)
        {
            return _lines;
        }

        var lines = (string[])_lines.Clone();
        // From the last: a key replaced does not move the places of those before it.
        foreach (var alias in keys.Reverse())
        {
            if (Resolve(alias) is not { } anchor || anchor.Start == anchor.End)
            {
                continue;
            }

            var scalar = Text(anchor.Start, anchor.End);
            if (anchor.Block || scalar[0] is '[' or '{')
            {
                throw new NetplanYamlException($"uses the YAML alias *{alias.Name} as a key, naming a collection", "expected scalar");
            }

            // A scalar over several lines goes on the key's line as the one line libyaml folds it into.
            var key = !scalar.Contains('\n', StringComparison.Ordinal) ? scalar
                : anchor.Folded ? YamlQuotedScalar.Quote(Fold(scalar))
                : YamlQuotedScalar.Decode(scalar) is { } value ? YamlQuotedScalar.Quote(value) : scalar.ReplaceLineEndings(" ");
            Charge(key.Length);
            var line = lines[alias.At.Line];
            lines[alias.At.Line] = line[..alias.At.Column] + key + line[(alias.At.Column + alias.Name.Length + 1)..];
        }

        return lines;
    }

    /// <summary>A plain scalar's lines folded as libyaml folds them: the break between two lines is a space, and n blank lines n line breaks.</summary>
    internal static string Fold(string scalar)
    {
        var folded = new StringBuilder();
        var breaks = 0;
        foreach (var line in scalar.Split('\n').Select(line => line.Trim(' ', '\t', '\r')))
        {
            if (line.Length == 0)
            {
                breaks++;
                continue;
            }

            folded.Append(folded.Length == 0 ? "" : breaks == 0 ? " " : new string('\n', breaks)).Append(line);
            breaks = 0;
        }

        return folded.ToString();
    }

    private void Append(StringBuilder text, string piece)
    {
        Charge(piece.Length);
        text.Append(piece);
    }

    private void Charge(int characters)
    {
        _budget -= characters;
        if (_budget < 0)
        {
            throw new NetplanYamlException($"has YAML aliases that expand to more than {MaxExpansion} characters, which resetnetwork does not follow (a \"billion laughs\")");
        }
    }

    /// <summary>The index of the first alias at or after <paramref name="start"/> (the count when there is none).</summary>
    private int FirstAliasAt(Position start)
    {
        int low = 0, high = _aliases.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_aliases[middle].At.CompareTo(start) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>A block node's lines as the value of a key (or item) at <paramref name="indent"/> - 2: a line break, then each line moved to that indent.</summary>
    private static string Reindent(string node, int indent)
    {
        var lines = node.Split('\n');
        var least = lines.Where(line => !IsBlankOrComment(line)).Select(Indent).DefaultIfEmpty(0).Min();
        var prefix = new string(' ', indent);
        return string.Concat(lines.Select(line => "\n" + (line.Trim().Length == 0 ? "" : prefix + line[Math.Min(least, Indent(line))..])));
    }

    /// <summary>The anchor an alias names: the last one of that name before it in its document (libyaml's rule).</summary>
    private Anchor? Resolve(Alias alias)
    {
        if (!_anchorsByName.TryGetValue(alias.Name, out var named))
        {
            return null;
        }

        // The anchors of a name are sorted: the last before the alias by a search (a pass per alias was quadratic in a file of many).
        int low = 0, high = named.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (named[middle].At.CompareTo(alias.At) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        // Documents follow one another: when the last before is in an earlier document, none is in the alias's.
        return low > 0 && named[low - 1].Document == alias.Document ? named[low - 1] : null;
    }

    private string Text(Position from, Position to)
    {
        if (from.Line == to.Line)
        {
            return _lines[from.Line][Math.Min(from.Column, to.Column)..to.Column];
        }

        var text = new StringBuilder(_lines[from.Line][from.Column..]);
        for (var line = from.Line + 1; line < to.Line; line++)
        {
            text.Append('\n').Append(_lines[line]);
        }

        return text.Append('\n').Append(_lines[to.Line][..to.Column]).ToString();
    }

    /// <summary>A place in the file: a line and a column, both from 0.</summary>
    private readonly record struct Position(int Line, int Column) : IComparable<Position>
    {
        public int CompareTo(Position other) => Line != other.Line ? Line.CompareTo(other.Line) : Column.CompareTo(other.Column);
    }

    /// <summary>
    /// An anchor at <see cref="At"/> and the node it names, from <see cref="Start"/> to <see cref="End"/>
    /// (exclusive): a scalar or flow collection in place, or, <see cref="Block"/>, whole lines below.
    /// </summary>
    private sealed record Anchor(string Name, int Document, Position At, Position Start, Position End, bool Block)
    {
        /// <summary>A plain scalar over several lines, which libyaml folds into one (the line breaks are spaces).</summary>
        public bool Folded { get; init; }
    }

    /// <summary>
    /// An alias at <see cref="At"/>; <see cref="Owner"/> is the column of the key or <c>-</c> whose value it is, and
    /// <see cref="EndsBlockValue"/> says it is a block value with nothing but a comment after it.
    /// </summary>
    private sealed record Alias(string Name, int Document, Position At, int Owner, bool EndsBlockValue)
    {
        /// <summary>Inside a flow collection (<c>[*m]</c>): a block node stands there in flow style.</summary>
        public bool InFlow { get; init; }

        /// <summary>A key (<c>*k: value</c>): the scalar its anchor names is the key.</summary>
        public bool Key { get; init; }
    }
}
