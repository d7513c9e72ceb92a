namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// The scan's walk through flow collections (<c>[eth0, *m]</c>, <c>{name: &amp;n eth0}</c>), over several lines
/// too: a node may start after <c>[</c>, <c>{</c>, <c>,</c>, <c>?</c> or <c>:</c>, and a plain scalar ends at a flow indicator.
/// </summary>
internal sealed partial class NetplanAliases
{
    /// <summary>A flow collection from its bracket at <paramref name="at"/>; returns the place after its closing bracket (the file's end if it has none).</summary>
    private Position Flow(Position at, int depth)
    {
        if (depth >= MaxFlowDepth)
        {
            throw new NetplanYamlException($"nests flow collections deeper than {MaxFlowDepth}, which resetnetwork does not read");
        }

        var position = new Position(at.Line, at.Column + 1);
        while (true)
        {
            position = SkipFlowBlanks(position);
            if (position.Line >= _lines.Length)
            {
                return position;
            }

            var c = _lines[position.Line][position.Column];
            if (c is ']' or '}')
            {
                return position with { Column = position.Column + 1 };
            }

            position = c is ',' or ':' or '?' ? position with { Column = position.Column + 1 } : FlowNode(position, depth);
        }
    }

    /// <summary>A node inside a flow collection; returns the place after it.</summary>
    private Position FlowNode(Position position, int depth)
    {
        var anchors = new List<(string Name, Position At)>();
        while (_lines[position.Line][position.Column] is '!' or '&')
        {
            var text = _lines[position.Line];
            var end = position.Column;
            while (end < text.Length && !IsBlank(text[end]) && text[end] is not (',' or '[' or ']' or '{' or '}'))
            {
                end++;
            }

            if (text[position.Column] == '&')
            {
                anchors.Add((text[(position.Column + 1)..end], position));
            }

            position = SkipFlowBlanks(position with { Column = end });
            if (position.Line >= _lines.Length)
            {
                return position;
            }
        }

        var line = _lines[position.Line];
        if (line[position.Column] == '*')
        {
            var end = NameEnd(line, position.Column + 1);
            _aliases.Add(new Alias(line[(position.Column + 1)..end], _document, position, -1, EndsBlockValue: false) { InFlow = true });
            return position with { Column = Math.Max(end, position.Column + 1) };
        }

        var stop = line[position.Column] switch
        {
            '[' or '{' => Flow(position, depth + 1),
            '"' or '\'' => Quoted(position),
            _ => FlowPlainStop(position),
        };
        foreach (var (name, at) in anchors)
        {
            _anchors.Add(new Anchor(name, _document, at, position, InFile(stop), Block: false) { Folded = stop.Line > position.Line && line[position.Column] is not ('[' or '{' or '"' or '\'') });
        }

        return stop;
    }

    /// <summary>The next place in a flow collection that is not blank, a line's end or a comment; past the file's end when there is none.</summary>
    private Position SkipFlowBlanks(Position position)
    {
        for (var line = position.Line; line < _lines.Length; line++)
        {
            var text = _lines[line];
            var column = SkipBlanks(text, line == position.Line ? position.Column : 0);
            if (column < text.Length && text[column] != '#')
            {
                return new Position(line, column);
            }
        }

        return new Position(_lines.Length, 0);
    }

    /// <summary>
    /// Where a plain scalar in a flow collection ends: libyaml continues one that reaches its line's end on the lines below
    /// (<c>[a</c>, then <c>*b]</c> is the one scalar <c>a *b</c>) until a flow indicator, a <c>: </c> or a comment.
    /// </summary>
    private Position FlowPlainStop(Position start)
    {
        var text = _lines[start.Line];
        var stop = start with { Column = Math.Max(FlowPlainEnd(text, start.Column), start.Column + 1) };
        while (text[stop.Column..].Trim().Length == 0)
        {
            var next = SkipFlowBlanks(new Position(stop.Line + 1, 0));
            if (next.Line >= _lines.Length || next.Line > stop.Line + 1 && _lines[(stop.Line + 1)..next.Line].Any(l => l.TrimStart().StartsWith('#')))
            {
                // The file's end, or a comment line, which ends the scalar.
                break;
            }

            text = _lines[next.Line];
            var end = FlowPlainEnd(text, next.Column);
            if (end <= next.Column)
            {
                // A flow indicator (, ] }) or a key's colon: the scalar ended with the line above.
                break;
            }

            stop = next with { Column = end };
        }

        return stop;
    }

    /// <summary>Where a plain scalar ends in flow context: at <c>,[]{}</c>, a <c>:</c> before a blank or one of them, a comment or the line's end.</summary>
    private static int FlowPlainEnd(string text, int column)
    {
        var i = column;
        for (; i < text.Length; i++)
        {
            if (text[i] is ',' or '[' or ']' or '{' or '}'
                || (text[i] == ':' && (i + 1 == text.Length || IsBlank(text[i + 1]) || text[i + 1] is ',' or '[' or ']' or '{' or '}'))
                || (text[i] == '#' && i > column && IsBlank(text[i - 1])))
            {
                break;
            }
        }

        return text[..i].TrimEnd().Length;
    }
}
