using System.Text;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>A here-document an operator opened, whose body starts after the next newline that ends a command's line.</summary>
/// <param name="Delimiter">The line that ends the body, after quote removal.</param>
/// <param name="StripTabs"><c>&lt;&lt;-</c>: leading tabs are taken off each line, the delimiter's too.</param>
/// <param name="Expands">The delimiter is unquoted: the body's <c>$KEY</c>, <c>${…}</c>, <c>$(…)</c>, <c>$((…))</c> and backquotes expand, and a backslash-newline joins its lines.</param>
internal readonly record struct ShellHereDocument(string Delimiter, bool StripTabs, bool Expands);

/// <summary>Where a here-document's body lies in the text (its lines, without the delimiter's).</summary>
/// <param name="Start">Where the body starts.</param>
/// <param name="End">Where it ends: the delimiter line's start, or the text's end when no line ends it.</param>
/// <param name="Expands">Whether its expansions run (<see cref="ShellHereDocument.Expands"/>).</param>
/// <param name="Splits">
/// Where the body ends is not the same to bash, dash and a line added at the end (<see cref="ShellHereDocuments.Skip"/>).
/// </param>
internal readonly record struct ShellHereDocumentBody(int Start, int End, bool Expands, bool Splits);

/// <summary>
/// bash's here-documents, as it and dash read them (checked by sourcing): <c>&lt;&lt;WORD</c> takes the
/// lines after the command's line up to one that is exactly WORD as text given to the command, not as
/// commands; <c>&lt;&lt;-WORD</c> takes leading tabs off each; a quoted WORD (<c>'EOF'</c>, <c>"EOF"</c>,
/// <c>\EOF</c>, <c>E"O"F</c>) leaves the body as written, an unquoted one expands it as a double-quoted
/// word (<c>$((KEY=3))</c> or <c>${KEY:=5}</c> there set KEY when the command is a builtin). Several on one
/// line take their bodies in turn. A body with no line that ends it runs to the file's end. A <c>$</c> in a
/// delimiter is text, as in both shells (<c>&lt;&lt;$X</c> ends at a line <c>$X</c>, and its body expands). A delimiter holding
/// a command substitution, a backquote, <c>${…}</c>, <c>$'…'</c> or a quoted newline is not read as one here:
/// its lines stay commands to the readers, which only makes more keys count, and the editor refuses the file.
/// </summary>
internal static class ShellHereDocuments
{
    /// <summary>The here-document an operator at <paramref name="at"/> (its first <c>&lt;</c>) opens, or <c>null</c> (<c>&lt;&lt;&lt;</c>, a delimiter not read).</summary>
    public static ShellHereDocument? Opened(string text, int at) => Opened(text, at, out _);

    /// <summary>Whether a here-document's operator, <c>&lt;&lt;</c> (no here-string's <c>&lt;&lt;&lt;</c>), starts at <paramref name="at"/>, whatever its delimiter.</summary>
    public static bool IsOperator(string text, int at) =>
        at + 2 < text.Length && text[at + 1] == '<' && text[at + 2] != '<' && (at == 0 || text[at - 1] != '<');

    /// <summary>
    /// As <see cref="Opened(string, int)"/>; <paramref name="unread"/> tells a delimiter bash and dash read differently,
    /// so no editor may trust its lines: one whose quotes hold a newline (<c>&lt;&lt;'E⏎F'</c>, ended differently), or that
    /// holds a command substitution, a backquote, <c>${…}</c> or <c>$'…'</c> (<c>&lt;&lt;$(echo E)</c> is a syntax error to dash).
    /// </summary>
    public static ShellHereDocument? Opened(string text, int at, out bool unread)
    {
        unread = false;
        if (!IsOperator(text, at))
        {
            return null;
        }

        var index = at + 2;
        var strip = text[index] == '-';
        index += strip ? 1 : 0;
        while (index < text.Length && text[index] is ' ' or '\t')
        {
            index++;
        }

        var delimiter = new StringBuilder();
        var quoted = false;
        for (; index < text.Length && text[index] is not (' ' or '\t' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>'); index++)
        {
            var c = text[index];
            if (c == '`' || (c == '$' && index + 1 < text.Length && text[index + 1] is '(' or '{' or '\'' or '"'))
            {
                unread = true;
                return null;
            }

            if (c == '\\' && index + 1 == text.Length)
            {
                return null;
            }

            if (c == '\\' && text[index + 1] == '\n')
            {
                // A backslash-newline joins the lines before the word is read (E\⏎OF is EOF, in bash and dash).
                index++;
            }
            else if (c == '\\')
            {
                delimiter.Append(text[++index]);
                quoted = true;
            }
            else if (c is '\'' or '"')
            {
                var close = Closing(text, index);
                if (close < 0)
                {
                    return null;
                }

                delimiter.Append(Unquoted(text[(index + 1)..close], c));
                (index, quoted) = (close, true);
            }
            else
            {
                delimiter.Append(c);
            }
        }

        // A delimiter spanning lines is no line of the body: not read as one. A quoted empty one ('') ends at an empty line.
        unread = delimiter.ToString().Contains('\n', StringComparison.Ordinal);
        return (delimiter.Length == 0 && !quoted) || unread ? null : new ShellHereDocument(delimiter.ToString(), strip, !quoted);
    }

    /// <summary>
    /// Moves past a body that starts at <paramref name="start"/> (after a newline): where the next one
    /// starts (after the delimiter's line), and the body.
    /// </summary>
    public static int Skip(string text, int start, ShellHereDocument document, out ShellHereDocumentBody body)
    {
        var index = Lines(text, start, document, out var end, out var splits);
        body = new ShellHereDocumentBody(start, end, document.Expands, splits || end == text.Length || NestsHereDocument(text, start, end, document));
        return index;
    }

    /// <summary>
    /// Where the text after the delimiter's line of the body from <paramref name="start"/> starts, and where the body ends
    /// (<paramref name="end"/>: the delimiter line's start, or the text's end); <paramref name="splits"/> tells a line before it that ends the body to bash
    /// only: inside a $(…) bash ends the body at a line that starts with the delimiter and holds a ) anywhere after it, and
    /// parses the rest of the line (checked: X=$(cat &lt;&lt;'E'⏎text⏎E) reads on; E ), Ex), E;x), E ')' and E"") end
    /// the body too, E x does not); dash takes the line as text and goes on looking.
    /// </summary>
    private static int Lines(string text, int start, ShellHereDocument document, out int end, out bool splits)
    {
        var index = start;
        splits = false;
        while (index < text.Length)
        {
            var lineStart = index;
            var line = new StringBuilder();
            for (; index < text.Length && text[index] != '\n'; index++)
            {
                // In an expanded body a backslash escapes the next character, and a backslash-newline joins the lines.
                if (document.Expands && text[index] == '\\' && index + 1 < text.Length)
                {
                    if (text[++index] != '\n')
                    {
                        line.Append('\\').Append(text[index]);
                    }

                    continue;
                }

                line.Append(text[index]);
            }

            index = Math.Min(index + 1, text.Length);
            var read = document.StripTabs ? line.ToString().TrimStart('\t') : line.ToString();
            if (read == document.Delimiter)
            {
                end = lineStart;
                return index;
            }

            splits |= read.StartsWith(document.Delimiter, StringComparison.Ordinal) && read.AsSpan(document.Delimiter.Length).Contains(')');
        }

        // No line ends it: the body runs to the end, where a line the editor appended would be text too.
        end = text.Length;
        return text.Length;
    }

    /// <summary>
    /// Whether an expanded body opens a here-document (in a substitution) that no line inside the body ends: dash parses a
    /// body's <c>$(…)</c> and backquotes as it reads the body, so such a nested here-document takes the lines after the body
    /// (its delimiter's line too), while bash finds the body's end line by line first (checked: <c>: &lt;&lt;E⏎$(cat
    /// &lt;&lt;E⏎text⏎E⏎)⏎E</c>: bash stops at the <c>)</c>, dash reads on). Any <c>&lt;&lt;</c> in a body with a substitution
    /// counts (an arithmetic shift too), on the safe side.
    /// </summary>
    private static bool NestsHereDocument(string text, int start, int end, ShellHereDocument document)
    {
        var body = text.AsSpan(start, end - start);
        if (!document.Expands || !(body.Contains("$(", StringComparison.Ordinal) || body.Contains('`')))
        {
            return false;
        }

        for (var at = text.IndexOf("<<", start, end - start, StringComparison.Ordinal); at >= 0 && at < end; at = text.IndexOf("<<", at + 2, end - at - 2, StringComparison.Ordinal))
        {
            var newline = text.IndexOf('\n', at, end - at);
            // Past the body's end (the line after its delimiter's) is where a nested body no line inside ends takes dash.
            if (newline < 0 || Opened(text, at, out var unread) is not { } nested || unread || Lines(text, newline + 1, nested, out _, out _) > end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The text with each here-document's body replaced by what runs of it (the expansions of an
    /// unquoted one, a line each; nothing of a quoted one): what a search for a variable's name in
    /// commands may look at. A text with no <c>&lt;&lt;</c> is returned as it is.
    /// </summary>
    public static string WithoutBodies(string text)
    {
        if (!text.Contains("<<", StringComparison.Ordinal))
        {
            return text;
        }

        var memo = new ShellScanMemo();
        var lexer = new ShellWordLexer(text, memo);
        for (var token = lexer.Next(); token.Kind is not (ShellTokenKind.End or ShellTokenKind.Unterminated); token = lexer.Next())
        {
        }

        var result = new StringBuilder();
        var from = 0;
        foreach (var body in lexer.Bodies)
        {
            result.Append(text, from, body.Start - from);
            foreach (var (start, end) in ShellWordLexer.Expansions(text, body, memo))
            {
                result.Append(text, start, end - start).Append('\n');
            }

            from = body.End;
        }

        return result.Append(text, from, text.Length - from).ToString();
    }

    /// <summary>Where the quote opened at <paramref name="open"/> closes (a double quote's after its escapes), or -1.</summary>
    private static int Closing(string text, int open)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[open] == '"' && text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == text[open])
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A quoted part of a delimiter after quote removal: in double quotes a backslash escapes only <c>$</c>, a backquote, <c>"</c> and itself.</summary>
    private static string Unquoted(string quoted, char quote)
    {
        if (quote == '\'')
        {
            return quoted;
        }

        var result = new StringBuilder();
        for (var i = 0; i < quoted.Length; i++)
        {
            result.Append(quoted[i] == '\\' && i + 1 < quoted.Length && quoted[i + 1] is '$' or '`' or '"' or '\\' ? quoted[++i] : quoted[i]);
        }

        return result.ToString();
    }
}
