using static GuestAgent.Commands.Network.Rendering.NetplanYamlLines;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// A block node (a list or mapping over indented lines) written in flow style, for an alias that names it from inside a
/// flow collection (<c>interfaces: [*m]</c>, <c>{match: *m}</c>), where libyaml puts the node itself: the same entries in
/// order, scalars and one-line flow values as written, tags and anchors dropped (netplan never reads them), comments
/// dropped. Only the forms a netplan file uses are converted: a node holding a block scalar (<c>|</c>), a value over several
/// lines, an empty list item or a complex key (<c>?</c>) gives <c>null</c>, and the alias is then left as written.
/// </summary>
internal static class NetplanBlockFlow
{
    /// <summary>The block node's lines (with their aliases followed) in flow style, or <c>null</c> for a form not converted.</summary>
    public static string? Convert(string block)
    {
        var lines = new List<(int Indent, string Text)>();
        foreach (var line in block.Split('\n'))
        {
            if (IsBlankOrComment(line))
            {
                continue;
            }

            var indent = Indent(line);
            if (line[indent] == '\t' || WithoutComment(line[indent..]) is not { } text)
            {
                return null;
            }

            lines.Add((indent, text));
        }

        // A line no entry took (one deeper than the entry before it: a value continued over lines) stops every level above it.
        var index = 0;
        var flow = lines.Count > 0 ? Node(lines, ref index) : null;
        return index == lines.Count ? flow : null;
    }

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
                // The item's node is the block below; an empty item (a null) has no flow form in a list.
                if (++index == lines.Count || lines[index].Indent <= indent)
                {
                    return null;
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
                : "";

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
