using static GuestAgent.Commands.Network.Rendering.NetplanYamlLines;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// A block node (a list or mapping over indented lines) written in flow style, for an alias that names it from inside a
/// flow collection (<c>interfaces: [*m]</c>, <c>{match: *m}</c>), where libyaml puts the node itself: the same entries in
/// order, scalars and one-line flow values as written, a plain scalar continued on deeper lines folded into one quoted line as
/// libyaml folds it, tags and anchors dropped (netplan never reads them; an empty value they tag, <c>x: !!str</c>, is the empty
/// string <c>""</c>), comments dropped. Only the forms a netplan file uses are converted: a node holding a block scalar
/// (<c>|</c>), a quoted value over several lines, an empty list item or a complex key (<c>?</c>) gives <c>null</c>, and the alias
/// is then left as written.
/// </summary>
internal static class NetplanBlockFlow
{
    /// <summary>The block node's lines (with their aliases followed) in flow style, or <c>null</c> for a form not converted.</summary>
    public static string? Convert(string block)
    {
        var lines = new List<(int Indent, string Text)>();
        // The plain scalar that ends the last line (where it starts, and the column of its key or "-"), the line as written and the
        // scalar's lines so far, and the column of a key whose value is below it (a:, then the lines).
        (int Start, int Owner)? plain = null;
        var written = "";
        var pieces = new List<string>();
        int? valueBelow = null;
        foreach (var line in block.Split('\n'))
        {
            if (IsBlankOrComment(line))
            {
                // A blank line inside a plain scalar is a line break of it; a comment line ends it.
                plain = line.Trim().Length == 0 ? plain : null;
                pieces.Add("");
                continue;
            }

            var indent = Indent(line);
            if (line[indent] == '\t' || WithoutComment(line[indent..]) is not { } text)
            {
                return null;
            }

            if (plain is { } scalar && indent > scalar.Owner)
            {
                // A plain scalar continued on a deeper line (libyaml's rule, as NetplanAliases' scan reads it): folded into one, quoted.
                pieces.Add(text);
                lines[^1] = (lines[^1].Indent, written[..scalar.Start] + YamlQuotedScalar.Quote(NetplanAliases.Fold(string.Join('\n', pieces))));
                continue;
            }

            plain = PlainOnLine(indent, text, ref valueBelow);
            written = text;
            pieces = plain is { } started ? [text[started.Start..]] : [];
            lines.Add((indent, text));
        }

        // A line no entry took (one deeper than the entry before it: a value continued over lines) stops every level above it.
        var index = 0;
        var flow = lines.Count > 0 ? Node(lines, ref index) : null;
        return index == lines.Count ? flow : null;
    }

    /// <summary>
    /// Where the plain scalar that ends a line starts (in <paramref name="text"/>, the line from its indent on), and the column of
    /// the key or <c>-</c> it is the value of, which its continuation lines are deeper than; <c>null</c> when the line ends in no
    /// plain scalar. <paramref name="valueBelow"/> carries the column of a key whose value is on the lines below (<c>a:</c>).
    /// </summary>
    private static (int Start, int Owner)? PlainOnLine(int indent, string text, ref int? valueBelow)
    {
        var owner = valueBelow ?? indent - 1;
        valueBelow = null;
        var start = 0;
        while (start < text.Length && IsItem(text[start..]))
        {
            owner = indent + start;
            start = SkipProperties(text, start + 1);
        }

        start = SkipProperties(text, start);
        if (start < text.Length && KeyColon(text[start..]) is var colon and >= 0)
        {
            owner = indent + start;
            start = SkipProperties(text, start + colon + 1);
            if (start == text.Length)
            {
                valueBelow = owner;
                return null;
            }
        }

        return start < text.Length && text[start] is not ('"' or '\'' or '[' or '{' or '|' or '>' or '*') ? (start, owner) : null;
    }

    /// <summary>The place after the blanks, tags and anchors from <paramref name="start"/> on.</summary>
    private static int SkipProperties(string text, int start) => text.Length - WithoutProperties(text[start..]).Length;

    /// <summary>The node starting at line <paramref name="index"/>; moves past its lines.</summary>
    private static string? Node(List<(int Indent, string Text)> lines, ref int index)
    {
        var (indent, text) = lines[index];
        if (IsItem(text))
        {
            return Sequence(lines, ref index, indent);
        }

        if (KeyColon(text) >= 0)
        {
            return Mapping(lines, ref index, indent);
        }

        // A scalar or flow value alone on its line.
        index++;
        return Scalar(text);
    }

    private static string? Sequence(List<(int Indent, string Text)> lines, ref int index, int indent)
    {
        var items = new List<string>();
        while (index < lines.Count && lines[index].Indent == indent && IsItem(lines[index].Text))
        {
            var text = lines[index].Text;
            var rest = WithoutProperties(text[1..]);
            if (rest.Length == 0)
            {
                // The item's node is the block below; an empty item (a null) has no flow form in a list, a tagged one is an empty string.
                if (++index == lines.Count || lines[index].Indent <= indent)
                {
                    if (EmptyValue(text[1..]) is not ['"', ..] empty)
                    {
                        return null;
                    }

                    items.Add(empty);
                    continue;
                }
            }
            else
            {
                // "- a: 1" then "  b: 2": the item's node starts where its text does, as if the "- " were blanks.
                lines[index] = (indent + text.Length - rest.Length, rest);
            }

            if (Node(lines, ref index) is not { } item)
            {
                return null;
            }

            items.Add(item);
        }

        return "[" + string.Join(", ", items) + "]";
    }

    private static string? Mapping(List<(int Indent, string Text)> lines, ref int index, int indent)
    {
        var entries = new List<string>();
        while (index < lines.Count && lines[index].Indent == indent && !IsItem(lines[index].Text))
        {
            var text = lines[index].Text;
            var colon = KeyColon(text);
            if (colon < 0 || text.StartsWith('?') || Scalar(WithoutProperties(text[..colon])) is not { } key)
            {
                return null;
            }

            var rest = WithoutProperties(text[(colon + 1)..]);
            index++;
            // The value on the key's line, or the block below (deeper, or a list at the key's indent), or none: a null, which
            // a flow mapping writes as nothing after the colon.
            var value = rest.Length > 0 ? Scalar(rest)
                : index < lines.Count && (lines[index].Indent > indent || (lines[index].Indent == indent && IsItem(lines[index].Text))) ? Node(lines, ref index)
                : EmptyValue(text[(colon + 1)..]);

            if (value is null)
            {
                return null;
            }

            entries.Add(key + ": " + value);
        }

        return "{" + string.Join(", ", entries) + "}";
    }

    /// <summary>A one-line scalar or flow collection as it may stand in a flow collection; <c>null</c> for a block scalar or an alias left unfollowed.</summary>
    private static string? Scalar(string text)
    {
        if (text.Length == 0 || text[0] is '|' or '>' or '*' || (text[0] is '?' or '-' && (text.Length == 1 || text[1] is ' ' or '\t')))
        {
            return null;
        }

        if (text[0] is '[' or '{' or '"' or '\'')
        {
            return text;
        }

        // A plain scalar holding a flow indicator would end early in a flow collection: the same string, quoted.
        return text.IndexOfAny([',', '[', ']', '{', '}']) >= 0 ? YamlQuotedScalar.Quote(text) : text;
    }

    /// <summary>
    /// An empty value as a flow collection writes it: nothing (a null), or <c>""</c> where a tag stands before it (<c>x: !!str</c>, an
    /// empty string to libyaml; only <c>!!null</c> keeps it null).
    /// </summary>
    private static string EmptyValue(string properties) =>
        properties.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Any(property => property[0] == '!' && property != "!!null") ? "\"\"" : "";

    private static bool IsItem(string text) => text[0] == '-' && (text.Length == 1 || text[1] is ' ' or '\t');

    /// <summary>Where a key's colon is: after a quoted key, or the first <c>:</c> followed by a blank or the line's end; -1 for none.</summary>
    private static int KeyColon(string text)
    {
        var start = text[0] is '"' or '\'' ? QuoteEnd(text, 0) : 0;
        if (start < 0)
        {
            return -1;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == ':' && (i + 1 == text.Length || text[i + 1] is ' ' or '\t'))
            {
                return i;
            }

            if (text[i] is '[' or '{' or '"' or '\'' && i == start && start == 0)
            {
                // A flow collection or quoted scalar alone: a value, not a key (a quoted key was passed over above).
                return -1;
            }
        }

        return -1;
    }

    /// <summary>The text without the tags and anchors before it (<c>&amp;m !!str eth0</c> is <c>eth0</c>), trimmed.</summary>
    private static string WithoutProperties(string text)
    {
        text = text.Trim(' ', '\t');
        while (text.Length > 0 && text[0] is '!' or '&')
        {
            var end = text.IndexOfAny([' ', '\t']);
            text = end < 0 ? "" : text[end..].TrimStart(' ', '\t');
        }

        return text;
    }

    /// <summary>A line's text without its comment and trailing blanks; <c>null</c> when a quoted scalar on it is not closed there.</summary>
    private static string? WithoutComment(string text)
    {
        // A quote opens a quoted scalar only where a node starts (the line's start, after "- ", "? ", a key's colon, a tag or anchor,
        // or a flow indicator); inside a plain scalar it is text: "x: a "b # c"" is the scalar a "b and a comment (libyaml).
        var nodeStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var blankAfter = i + 1 == text.Length || text[i + 1] is ' ' or '\t';
            if (c is ' ' or '\t')
            {
                continue;
            }

            if (c == '#' && (i == 0 || text[i - 1] is ' ' or '\t'))
            {
                text = text[..i];
                break;
            }

            if (c is '"' or '\'' && nodeStart)
            {
                i = QuoteEnd(text, i) - 1;
                if (i < 0)
                {
                    return null;
                }

                nodeStart = false;
            }
            else if (c is '&' or '!' && nodeStart)
            {
                while (i + 1 < text.Length && text[i + 1] is not (' ' or '\t'))
                {
                    i++;
                }
            }
            else
            {
                nodeStart = c is '[' or '{' or ',' || (c is '-' or '?' && blankAfter && nodeStart) || (c == ':' && (blankAfter || (i > 0 && text[i - 1] is '"' or '\'')));
            }
        }

        return text.TrimEnd(' ', '\t', '\r');
    }

    /// <summary>The place after the quoted scalar starting at <paramref name="start"/> on this text, or -1 when it is not closed there.</summary>
    private static int QuoteEnd(string text, int start)
    {
        var quote = text[start];
        for (var i = start + 1; i < text.Length; i++)
        {
            if (quote == '"' && text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote && quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i + 1;
            }
        }

        return -1;
    }
}
