using static GuestAgent.Commands.Network.Rendering.NetplanYamlLines;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// The scan that finds the anchors and aliases: YAML's node properties can only stand where a node starts
/// (a line's start, after <c>- </c>, after a key's colon, inside a flow collection after <c>[</c>, <c>{</c>,
/// <c>,</c> or <c>:</c>), so the scan walks those places and passes over scalars and comments, where a
/// <c>*</c> or <c>&amp;</c> is just a character (<c>description: a *b</c>, <c>"*m"</c>, <c># *m</c>).
/// </summary>
internal sealed partial class NetplanAliases
{
    private void Scan()
    {
        var line = 0;
        while (line < _lines.Length)
        {
            var text = _lines[line];
            if (IsBlankOrComment(text) || text.StartsWith('%'))
            {
                // A directive (%YAML 1.1) changes nothing here.
                line++;
                continue;
            }

            if (IsDocumentMarker(text))
            {
                _valueBelow = null;
                // Anchors are of one document: an alias in the next cannot name them.
                _document++;
                line = text[0] == '-' ? Node(line, 3, -1) : line + 1;
                continue;
            }

            // A node alone on its line below a key or "-" (a:, then the line) is that key's value: libyaml's indent is then the
            // key's, so a plain scalar there continues on the lines deeper than the key, not only on those deeper than itself.
            var column = Indent(text);
            var owner = _valueBelow is { } parent && parent < column ? parent : column;
            _valueBelow = null;
            while (column < text.Length && text[column] is '-' or '?' && (column + 1 == text.Length || IsBlank(text[column + 1])))
            {
                owner = column;
                column = SkipBlanks(text, column + 1);
            }

            line = Node(line, column, owner);
        }

        _anchors.Sort((a, b) => a.At.CompareTo(b.At));
        _aliases.Sort((a, b) => a.At.CompareTo(b.At));
        foreach (var anchor in _anchors)
        {
            if (!_anchorsByName.TryGetValue(anchor.Name, out var named))
            {
                _anchorsByName[anchor.Name] = named = [];
            }

            named.Add(anchor);
        }
    }

    /// <summary>
    /// The block node starting at <paramref name="column"/>, the value of what stands at <paramref name="owner"/>; returns the next
    /// line to scan. <paramref name="keys"/> counts the keys before it on the line: YAML allows one, so past a few
    /// (<c>a: a: a: …</c>, which netplan refuses) the rest of the line is passed over rather than recursed into.
    /// </summary>
    private int Node(int line, int column, int owner, int keys = 0)
    {
        var text = _lines[line];
        if (keys > MaxKeysOnLine)
        {
            return line + 1;
        }

        column = SkipBlanks(text, column);
        var nodeColumn = column;
        var anchors = new List<(string Name, Position At)>();
        while (column < text.Length && text[column] is '!' or '&')
        {
            var end = column;
            while (end < text.Length && !IsBlank(text[end]))
            {
                end++;
            }

            if (text[column] == '&')
            {
                anchors.Add((text[(column + 1)..end], new Position(line, column)));
            }

            column = SkipBlanks(text, end);
        }

        if (column >= text.Length || text[column] == '#')
        {
            // The node is the block below (or nothing: a null).
            _valueBelow = owner;
            var (first, last) = BlockBelow(line, owner);
            foreach (var (name, at) in anchors)
            {
                _anchors.Add(first <= last
                    ? new Anchor(name, _document, at, new Position(first, 0), new Position(last, _lines[last].Length), Block: true)
                    : new Anchor(name, _document, at, new Position(line, column), new Position(line, column), Block: false));
            }

            return line + 1;
        }

        if (text[column] == '*')
        {
            var end = NameEnd(text, column + 1);
            var rest = text[end..].TrimStart();
            var colon = SkipBlanks(text, end);
            var key = colon < text.Length && text[colon] == ':';
            _aliases.Add(new Alias(text[(column + 1)..end], _document, new Position(line, column), owner, rest.Length == 0 || rest.StartsWith('#')) { Key = key });
            return key ? Node(line, colon + 1, nodeColumn, keys + 1) : line + 1;
        }

        var start = new Position(line, column);
        var next = line + 1;
        Position stop;
        if (text[column] is '[' or '{')
        {
            stop = Flow(start, 0);
        }
        else if (text[column] is '"' or '\'')
        {
            stop = Quoted(start);
        }
        else if (text[column] is '|' or '>')
        {
            // A block scalar: its lines below are text, not nodes.
            var (_, last) = BlockBelow(line, owner);
            stop = last > line ? new Position(last, _lines[last].Length) : new Position(line, text.Length);
            next = Math.Max(next, last + 1);
        }
        else
        {
            var colon = KeyColon(text, column);
            stop = colon >= 0 ? new Position(line, text[..colon].TrimEnd().Length) : PlainStop(line, column, owner);
        }

        foreach (var (name, at) in anchors)
        {
            _anchors.Add(new Anchor(name, _document, at, start, InFile(stop), Block: false) { Folded = stop.Line > line && text[column] is not ('[' or '{' or '"' or '\'' or '|' or '>') });
        }

        if (stop.Line == line)
        {
            // A key: its value follows the colon.
            var colon = SkipBlanks(text, stop.Column);
            if (colon < text.Length && text[colon] == ':' && (colon + 1 == text.Length || IsBlank(text[colon + 1]) || text[column] is '"' or '\''))
            {
                return Node(line, colon + 1, nodeColumn, keys + 1);
            }
        }

        return Math.Max(next, stop.Line + 1);
    }

    /// <summary>
    /// The lines of the block node below a line whose value it is: deeper than <paramref name="owner"/>, or, for a key, a list at its indent
    /// (<c>a:</c> then <c>- x</c>). An item's (<c>- &amp;m</c> then <c>- x</c>) is only deeper lines: the list at its indent is its own next items.
    /// </summary>
    private (int First, int Last) BlockBelow(int line, int owner)
    {
        int first = -1, last = -1;
        var listAtOwner = false;
        var ownerText = _lines[line];
        var ownerIsItem = owner >= 0 && owner < ownerText.Length && ownerText[owner] is '-' or '?' && (owner + 1 == ownerText.Length || IsBlank(ownerText[owner + 1]));
        for (var i = line + 1; i < _lines.Length; i++)
        {
            var text = _lines[i];
            if (IsBlankOrComment(text))
            {
                continue;
            }

            var indent = Indent(text);
            var item = text[indent] == '-' && (indent + 1 == text.Length || IsBlank(text[indent + 1]));
            if (first < 0)
            {
                listAtOwner = !ownerIsItem && indent == owner && item;
            }

            if (IsDocumentMarker(text) || !(indent > owner || (listAtOwner && indent == owner && item)))
            {
                break;
            }

            first = first < 0 ? i : first;
            last = i;
        }

        return first < 0 ? (line + 1, line) : (first, last);
    }

    /// <summary>A quoted scalar from its quote at <paramref name="at"/>, over lines too; returns the place after its closing quote.</summary>
    private Position Quoted(Position at)
    {
        var quote = _lines[at.Line][at.Column];
        var column = at.Column + 1;
        for (var line = at.Line; line < _lines.Length; line++, column = 0)
        {
            var text = _lines[line];
            for (; column < text.Length; column++)
            {
                if (quote == '"' && text[column] == '\\')
                {
                    column++;
                }
                else if (text[column] == quote && quote == '\'' && column + 1 < text.Length && text[column + 1] == '\'')
                {
                    column++;
                }
                else if (text[column] == quote)
                {
                    return new Position(line, column + 1);
                }
            }
        }

        return new Position(_lines.Length, 0);
    }

    /// <summary>
    /// Where a plain value in block context ends: libyaml continues it on the lines below that are deeper than its
    /// <paramref name="owner"/> (the key's or <c>-</c>'s column), over blank lines, until a comment, a line not deeper or a
    /// document marker; a <c>*</c> or <c>&amp;</c> starting such a line is the scalar's text (<c>description: a</c>, then <c>*b</c>).
    /// </summary>
    private Position PlainStop(int line, int column, int owner)
    {
        var text = _lines[line];
        var stop = new Position(line, PlainEnd(text, column));
        for (var i = line + 1; stop.Column == _lines[stop.Line].TrimEnd().Length && i < _lines.Length; i++)
        {
            var next = _lines[i];
            var start = SkipBlanks(next, 0);
            if (start == next.Length)
            {
                continue;
            }

            if (start <= owner || next[start] == '#' || IsDocumentMarker(next))
            {
                break;
            }

            stop = new Position(i, PlainEnd(next, start));
        }

        return stop;
    }

    /// <summary>Where a plain key's colon is (a <c>:</c> followed by a blank or the line's end, before any comment); -1 for a value.</summary>
    private static int KeyColon(string text, int column)
    {
        for (var i = column; i < text.Length; i++)
        {
            if (text[i] == '#' && IsBlank(text[i - 1]))
            {
                return -1;
            }

            if (text[i] == ':' && (i + 1 == text.Length || IsBlank(text[i + 1])))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Where a plain value ends in block context: before a comment or the line's end, trailing blanks off.</summary>
    private static int PlainEnd(string text, int column)
    {
        var end = text.Length;
        for (var i = column + 1; i < text.Length; i++)
        {
            if (text[i] == '#' && IsBlank(text[i - 1]))
            {
                end = i;
                break;
            }
        }

        return text[..end].TrimEnd().Length;
    }

    /// <summary>The end of an anchor's or alias's name: libyaml takes letters, digits, <c>_</c> and <c>-</c>.</summary>
    private static int NameEnd(string text, int column)
    {
        while (column < text.Length && (char.IsAsciiLetterOrDigit(text[column]) || text[column] is '_' or '-'))
        {
            column++;
        }

        return column;
    }

    /// <summary>A node's end, or the file's end for a node left open (an unclosed quote or bracket, which netplan refuses anyway).</summary>
    private Position InFile(Position end) => end.Line < _lines.Length ? end : new Position(_lines.Length - 1, _lines[^1].Length);

    private static int SkipBlanks(string text, int column)
    {
        while (column < text.Length && IsBlank(text[column]))
        {
            column++;
        }

        return column;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\r';

    private static bool IsDocumentMarker(string text) =>
        (text.StartsWith("---", StringComparison.Ordinal) || text.StartsWith("...", StringComparison.Ordinal)) && (text.Length == 3 || IsBlank(text[3]));
}
