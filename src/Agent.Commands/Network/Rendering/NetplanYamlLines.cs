using System.Text.RegularExpressions;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// How the lines of a netplan file in the block layout read as YAML, as far as <see cref="NetplanFileLayout"/>
/// needs them: a line's key and its scalar value as netplan's YAML reader (libyaml) takes them, which
/// lines are content, and where the first document, the only one netplan reads, ends.
/// </summary>
internal static partial class NetplanYamlLines
{
    /// <summary>
    /// The content lines (neither blank nor a comment) of the file's first document, the only one netplan
    /// reads (checked on 0.106: a document after <c>---</c> is ignored, and <c>...</c> ends the first);
    /// <paramref name="more"/> when another document follows. <c>null</c> when a line is indented with a
    /// tab (netplan fails on it) or a document marker carries content (<c>--- {network: …}</c>).
    /// </summary>
    public static List<int>? FirstDocument(string[] lines, out bool more)
    {
        more = false;
        var started = false;
        var content = new List<int>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (IsBlankOrComment(lines[i]))
            {
                continue;
            }

            if (content.Count == 0 && !started && lines[i].StartsWith('%'))
            {
                // A directive (%YAML 1.1, %TAG) before the first document: libyaml checks it, netplan reads the document after it.
                continue;
            }

            if (lines[i].StartsWith("---", StringComparison.Ordinal) || lines[i].StartsWith("...", StringComparison.Ordinal))
            {
                // A tag or anchor on the document's root (--- !!map) does not change it (checked on netplan 0.106).
                var rest = Properties().Replace(lines[i][3..].Trim() + " ", "").Trim();
                if (rest.Length > 0 && !(rest.StartsWith('#') && lines[i][3] is ' ' or '\t'))
                {
                    return null;
                }

                started = true;

                if (content.Count == 0 && lines[i][0] == '-')
                {
                    // The start of the first document.
                    continue;
                }

                more = lines.Skip(i + 1).Any(line => !IsBlankOrComment(line) && line.TrimEnd() is not ("---" or "..."));
                break;
            }

            if (lines[i].TrimStart(' ').StartsWith('\t'))
            {
                return null;
            }

            content.Add(i);
        }

        return content;
    }

    /// <summary>
    /// A key's scalar value as netplan reads it: without a trailing comment or a tag or anchor
    /// (<c>renderer: !!str NetworkManager</c>), a quoted one decoded (over several lines too), a block scalar
    /// (<c>renderer: >-</c> and its lines) folded, a plain one continued on deeper lines folded as libyaml folds it, and a value
    /// alone on the lines below its key read as the key's. An alias (<c>*name</c>) stays as written: it is not followed.
    /// </summary>
    public static string ValueOf(string[] lines, (int Line, int End) entry)
    {
        var raw = Properties().Replace(RawValueOf(lines[entry.Line]), "");
        if ((raw.Length == 0 || PropertiesOnly().IsMatch(raw)) && entry.End > entry.Line)
        {
            // The value alone on the lines below its key (renderer: then NetworkManager deeper), which netplan reads as the key's
            // value (checked on 0.106): read as if it stood on the key's line.
            var below = Enumerable.Range(entry.Line + 1, entry.End - entry.Line).First(i => !IsBlankOrComment(lines[i]));
            var moved = (string[])lines.Clone();
            moved[below] = "value: " + lines[below].TrimStart(' ');
            return ValueOf(moved, (below, entry.End));
        }

        if (raw.Length > 0 && raw[0] is not ('"' or '\'' or '*' or '[' or '{' or '|' or '>') && entry.End > entry.Line)
        {
            // A plain value continued on the deeper lines below, folded as libyaml folds it (up to a comment line, which ends it).
            return NetplanAliases.Fold(string.Join('\n', lines[(entry.Line + 1)..(entry.End + 1)].TakeWhile(line => !line.TrimStart().StartsWith('#')).Select(PlainPart).Prepend(raw)));
        }

        if (BlockScalarHeader().Match(raw) is { Success: true } header)
        {
            var body = lines[(entry.Line + 1)..(entry.End + 1)].Select(line => line.Trim()).ToArray();
            var text = string.Join(header.Groups["style"].Value == ">" ? " " : "\n", body.Where(line => line.Length > 0));
            return header.Groups["chomp"].Value == "-" ? text : text + "\n";
        }

        if (raw.Length > 0 && raw[0] is '"' or '\'' && YamlQuotedScalar.Decode(raw) is null && entry.End > entry.Line)
        {
            // A quoted scalar continued on the lines below, which libyaml folds.
            var value = Properties().Replace(KeyLine().Match(lines[entry.Line]).Groups["value"].Value.Trim(), "");
            var spanning = QuotedScalar().Match(string.Join('\n', lines[(entry.Line + 1)..(entry.End + 1)].Prepend(value)));
            raw = spanning.Success ? spanning.Value : raw;
        }

        return YamlQuotedScalar.Decode(raw) ?? raw.Trim('"', '\'');
    }

    /// <summary>A key line's value as written, without a trailing comment nor the tags and anchors before it (<c>!!str {a: b}</c> is <c>{a: b}</c>).</summary>
    public static string BareValueOf(string line) => Properties().Replace(RawValueOf(line) + " ", "").TrimEnd();

    /// <summary>The text of an entry after its key's colon, over its lines: a flow collection's, comments and all.</summary>
    public static string FlowTextOf(string[] lines, (int Line, int End) entry) =>
        string.Join('\n', lines[(entry.Line + 1)..(entry.End + 1)].Prepend(KeyLine().Match(lines[entry.Line]).Groups["value"].Value));

    /// <summary>A plain scalar's continuation line without its trailing comment (a <c>#</c> after a space or tab).</summary>
    private static string PlainPart(string line)
    {
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '#' && line[i - 1] is ' ' or '\t')
            {
                return line[..i];
            }
        }

        return line;
    }

    /// <summary>A key line's value as written, without a trailing comment (a <c>#</c> after a space or tab, outside a quoted scalar).</summary>
    private static string RawValueOf(string line)
    {
        var value = KeyLine().Match(line).Groups["value"].Value.Trim();
        var quoted = QuotedScalar().Match(value);
        for (var i = quoted.Success ? quoted.Length : 0; i < value.Length; i++)
        {
            if (value[i] == '#' && (i == 0 || value[i - 1] is ' ' or '\t'))
            {
                return value[..i].Trim();
            }
        }

        return value;
    }

    /// <summary>Whether a key line's value is a nested block (<c>ethernets:</c>); <paramref name="empty"/> for <c>ethernets: {}</c>.</summary>
    public static bool HasBlockValue(string line, out bool empty)
    {
        var value = RawValueOf(line);
        empty = value == "{}";
        return value.Length == 0 || empty;
    }

    /// <summary>
    /// Whether a key line's value is a nested block behind a tag or anchor (<c>network: &amp;n</c>,
    /// <c>network: !!map</c>): netplan reads the block as if they were not there (checked on 0.106).
    /// </summary>
    public static bool HasBlockValueAfterProperties(string line) => PropertiesOnly().IsMatch(RawValueOf(line));

    /// <summary>
    /// The key of a <c>key: value</c> line as netplan reads it (<c>"eth\x30"</c> is <c>eth0</c>); <c>null</c>
    /// for anything else (a list item). A quoted key netplan's YAML reader refuses stays as written,
    /// without its quotes: netplan fails on that file whatever is done with it.
    /// </summary>
    public static string? KeyOf(string line)
    {
        var match = KeyLine().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var key = match.Groups["key"].Value;
        return YamlQuotedScalar.Decode(key) ?? key.Trim('"', '\'');
    }

    /// <summary>
    /// The node a line starts: a key line's value or a list item's, without its tags and anchors; empty when there is none. An item
    /// holding a key (<c>- label: "x</c>) starts that key's value, as the key on a line of its own would.
    /// </summary>
    public static string ValueStart(string line)
    {
        var entry = InnerEntry(line).Text;
        return NodeStart(KeyLine().Match(entry) is { Success: true } key ? key.Groups["value"].Value : IsItem(entry) ? entry[1..] : "");
    }

    /// <summary>
    /// A line from the key or item its node belongs to, past the dashes of the items that hold it (<c>- - a: "x</c> from <c>a: "x</c>),
    /// and the column that starts at: the indent a block scalar's lines must go deeper than.
    /// </summary>
    public static (string Text, int Column) InnerEntry(string line)
    {
        var column = Indent(line);
        while (IsItem(line[column..]) && line[(column + 1)..].TrimStart(' ', '\t') is { Length: > 0 } rest && (KeyLine().IsMatch(rest) || IsItem(rest)))
        {
            column = line.Length - rest.Length;
        }

        return (line[column..], column);
    }

    /// <summary>
    /// The node a text starts, without its tags and anchors: a key's or dash's value, or a line alone below a key or dash left empty
    /// (<c>hostname:</c> then <c>"x</c>), which libyaml reads as that key's value just as if it stood on the key's line (checked on 0.106).
    /// </summary>
    public static string NodeStart(string text) => Properties().Replace(text.Trim() + " ", "").TrimEnd();

    /// <summary>
    /// Whether <paramref name="text"/>, a node from its start, opens a quoted scalar or a flow collection that it does not close: libyaml
    /// reads the lines after it as its text, whatever their indent (<c>#</c> after a blank starts a comment only outside quotes).
    /// </summary>
    public static bool IsOpen(string text)
    {
        if (text.Length == 0 || text[0] is not ('"' or '\'' or '[' or '{'))
        {
            return false;
        }

        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'' && (i == 0 || text[..i].TrimEnd() is [.., '{' or '[' or ',' or ':']))
            {
                if (QuotedScalar().Match(text[i..]) is not { Success: true } quoted)
                {
                    return true;
                }

                i += quoted.Length - 1;
            }
            else if (c == '#' && i > 0 && char.IsWhiteSpace(text[i - 1]))
            {
                i = text.IndexOf('\n', i) is var end and >= 0 ? end : text.Length;
            }
            else
            {
                depth += c is '{' or '[' ? 1 : c is '}' or ']' ? -1 : 0;
            }

            if (depth == 0)
            {
                return false;
            }
        }

        return true;
    }

    public static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    /// <summary>Whether a line is a block list's item (<c>- eth0</c>, or <c>-</c> alone with its node below).</summary>
    public static bool IsItem(string line) => line.TrimStart(' ') is "-" or ['-', ' ' or '\t', ..];

    public static bool IsBlankOrComment(string line) => line.Trim().Length == 0 || line.TrimStart().StartsWith('#');

    /// <summary>
    /// Whether a line outside comments writes an explicit key (<c>? match</c> then <c>: {name: "eth*"}</c>, or <c>{? match : …}</c>),
    /// which netplan reads as the key (checked on 0.106) and these readers do not; one inside a quoted scalar counts too (refusing is safe).
    /// </summary>
    public static bool HasExplicitKey(IEnumerable<string> lines) => lines.Any(line => !IsBlankOrComment(line) && ExplicitKey().IsMatch(line));

    /// <summary>
    /// A quoted scalar, as a pattern: <c>"…"</c> with backslash escapes, or <c>'…'</c> with <c>''</c> for a quote inside it, so that a
    /// <c>'</c> followed by another closes nothing (<c>'it''s</c>, never closed, is not the closed <c>'it'</c> and text after it). It may go
    /// on over several lines; <see cref="QuotedScalarInLinePattern"/> is the same scalar within one line.
    /// </summary>
    public const string QuotedScalarPattern = """(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'(?!'))""";

    /// <summary>
    /// <see cref="QuotedScalarPattern"/> within a line, for a search of text (<see cref="NetplanCatchAll"/>): a quote left open at a line's end
    /// (in a comment, say) then takes no later line into a scalar, so a key written after it is still found.
    /// </summary>
    public const string QuotedScalarInLinePattern = """(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'(?!'))""";

    /// <summary>A quoted scalar at the start of the text, over several lines or one (<c>'it''s</c> is none: <c>''</c> is a quote inside it).</summary>
    [GeneratedRegex("^" + QuotedScalarPattern, RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex QuotedScalar();

    /// <summary>The <c>?</c> indicator of an explicit key: at a line's start (after list dashes) or after <c>{</c>, <c>[</c> or <c>,</c>, a blank or the end after it.</summary>
    [GeneratedRegex(@"(?:^|[{\[,])[ \t]*(?:-[ \t]+)*\?(?:[ \t]|$)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ExplicitKey();

    /// <summary>A value's tag and anchor (<c>!!str</c>, <c>&amp;name</c>), which do not change the scalar netplan reads.</summary>
    [GeneratedRegex(@"^(?:[!&]\S*[ \t]+)+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Properties();

    /// <summary>A value that is only tags and anchors, the block it stands for on the lines below.</summary>
    [GeneratedRegex(@"^[!&]\S*(?:[ \t]+[!&]\S*)*$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PropertiesOnly();

    /// <summary>A block scalar's header (<c>|</c>, <c>>-</c>, <c>|2+</c>): its style and chomping.</summary>
    [GeneratedRegex(@"^(?<style>[|>])(?:[1-9]?(?<chomp>[-+]?)|(?<chomp>[-+])[1-9])$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BlockScalarHeader();

    /// <summary>
    /// A <c>key: value</c> line; a tag or anchor before the key (<c>!!str eth0:</c>) does not change it (libyaml keeps it apart, netplan
    /// reads the key). A plain key may hold a <c>#</c> that no blank precedes (<c>a#b:</c>, an id netplan 0.106 accepts), which starts no comment.
    /// </summary>
    [GeneratedRegex("""^ *(?:[!&][^\s:]*[ \t]+)*(?<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\-\[\{&*!](?:[^:#\s]|#|[ \t]+(?![ \t#]))*?) *:(?<value>(?:\s.*)?)$""", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex KeyLine();
}
