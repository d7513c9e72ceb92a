using System.Text;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>A generated shell-style file and whether the reader may call KEY's value unknown.</summary>
/// <param name="Text">The file.</param>
/// <param name="MayBeUnknown">
/// It holds a form the reader documents as unknowable for KEY: an unquoted <c>~</c>, a <c>$'…'</c>
/// escape that is no character, an array, an assignment to KEY before <c>export</c>/<c>unset</c>, a
/// brace expansion in an argument of <c>export</c>, or KEY named in a pipeline's last command.
/// </param>
internal sealed record GeneratedShellFile(string Text, bool MayBeUnknown);

/// <summary>
/// Random shell-style files made only of the static forms <c>ShellValueReader</c> claims to read:
/// assignments (several to a command) with mixed quoting and escapes, <c>$'…'</c>, <c>$"…"</c>,
/// comments, <c>;</c>, lists and pipelines (<c>&amp;&amp;</c>, <c>||</c>, <c>|</c>, <c>|&amp;</c>, with
/// a newline after them or not) and a list in the background (<c>&amp;</c>), <c>+=</c>,
/// <c>export</c>, <c>unset</c>, <c>return</c>, arrays, blank lines, CRLF, backslash-newline,
/// constructs it does not follow (<c>if</c>, <c>while</c>, braces, a subshell, a function), and
/// syntax errors (a quote left open at the end, a lone <c>;</c>, a closing reserved word out of its
/// place, a redirection with no word after it, a construct left open at the end).
/// </summary>
/// <remarks>
/// The files are sourced by a real bash, so nothing generated may run a command: every command is
/// assignments, <c>export</c>, <c>unset</c> or <c>return</c> (joined in lists and pipelines only
/// when none is a <c>return</c> or an array, whose status the reader does not take as known); no text anywhere holds a
/// backtick, <c>$(</c> or a <c>$</c> followed by a name or brace (a <c>$</c> is only the last
/// character of a value, of a double-quoted string, or inside single quotes followed by a blank);
/// every quote is closed with pieces that cannot reopen it; no word starts with <c>-</c> (no option);
/// and a carriage return only follows a word or a comment, never stands alone as a command's name
/// (nor after an array's <c>)</c>, <c>return</c> or <c>&amp;</c>, where it would make one).
/// </remarks>
internal sealed class ShellFileGenerator(Random random)
{
    private const string Safe = "abcXYZ019_.,:/@%-+=";
    private static readonly string[] Names = ["KEY", "KEY", "OTHER", "KEY_2"];
    private readonly StringBuilder text = new();
    private bool mayBeUnknown;
    private bool inExport;

    // The file may hold constructs (if, while, braces, a subshell, a function) and the syntax errors
    // of their nesting (a stray fi, one left open at the end); it then holds no return, after which a
    // construct naming KEY would make the editor refuse the file.
    private bool constructs;

    // The line ends in a reserved word or a parenthesis, where a carriage return would make it another word.
    private bool noCarriageReturn;

    // Where the first construct the reader does not follow starts, or -1.
    private int firstConstruct;

    /// <summary>One file of one to five lines.</summary>
    public GeneratedShellFile Next()
    {
        text.Clear();
        mayBeUnknown = false;
        constructs = random.Next(3) == 0;
        firstConstruct = -1;
        var lines = random.Next(1, 6);
        for (var i = 0; i < lines; i++)
        {
            noCarriageReturn = false;
            if (constructs && random.Next(3) == 0)
            {
                Construct();
            }
            else
            {
                Line();
            }

            var last = i == lines - 1;
            if (last && random.Next(6) == 0)
            {
                break;
            }

            text.Append(random.Next(8) == 0 && !noCarriageReturn && text.Length > 0 && text[^1] is not (' ' or '\t' or ';' or '\n' or ')' or '&') && !text.ToString().EndsWith("return", StringComparison.Ordinal) ? "\r\n" : "\n");
        }

        if (random.Next(15) == 0)
        {
            // A quote left open: bash stops at the syntax error, what ran before its line stands. It starts
            // a line of its own, where its first word is an assignment or export.
            text.Append(text.Length == 0 || text[^1] == '\n' ? "" : "\n").Append(Pick("KEY=", "OTHER=", "export KEY=")).Append(Pick("'", "\"", "$'", "$\"")).Append(Unquoted(0, 4, tilde: false));
        }

        else if (constructs && random.Next(4) == 0)
        {
            // A construct left open: bash stops at the end of the file, and nothing from the construct's line on runs.
            text.Append(text.Length == 0 || text[^1] == '\n' ? "" : "\n").Append(Pick("if true; then ", "{ ", "while false; do ", "( ", "if true\nthen\n  ", "{\n  ", "OTHER=w && { "));
            Command(plainOnly: true);
            text.Append(Pick("", ";", "\n"));
        }

        // The reader calls KEY unknown when anything from a construct on names it.
        mayBeUnknown |= firstConstruct >= 0 && NamesKey(text.ToString(firstConstruct, text.Length - firstConstruct));
        return new GeneratedShellFile(text.ToString(), mayBeUnknown);
    }

    /// <summary>
    /// A construct the reader does not follow (KEY unknown if it names it), or a closing reserved word
    /// out of its place, alone or after a command or a construct on its line: bash stops there.
    /// </summary>
    private void Construct()
    {
        noCarriageReturn = true;
        var stray = random.Next(3);
        if (stray != 1)
        {
            var start = text.Length;
            firstConstruct = firstConstruct < 0 ? start : firstConstruct;
            var (open, close) = random.Next(6) switch
            {
                0 => ("{ ", "; }"),
                1 => ("if true; then ", "; fi"),
                2 => ("while false; do ", "; done"),
                3 => ("( ", " )"),
                4 => ("if true\nthen\n  ", "\nfi"),
                _ => ("f() { ", "; }"),
            };
            text.Append(open);
            for (var i = random.Next(1, 3); i > 0; i--)
            {
                Command(plainOnly: true);
                text.Append(i > 1 ? "; " : "");
            }

            text.Append(close);
            if (stray == 0)
            {
                return;
            }

            text.Append(Pick("; ", "\n"));
        }
        else if (random.Next(2) == 0)
        {
            Command(plainOnly: true);
            if (random.Next(4) == 0)
            {
                // A redirection with no word after it: bash stops there too.
                text.Append(Pick(" >", " 2>", " <", ">>", " >&", " >|", " &>", " > ;", " <&&"));
                return;
            }

            text.Append(Pick("; ", " && ", " || ", " | ", "\n"));
        }

        text.Append(Pick("fi", "done", "}", "then", "else", "elif", "do", "esac", ")", "in"));
    }

    private void Line()
    {
        switch (random.Next(10))
        {
            case 0:
                text.Append(Pick("", " ", "\t"));
                return;
            case 1:
                text.Append(Pick("", "  ")).Append('#').Append(Unquoted(0, 6, tilde: false));
                return;
            case 2 when random.Next(10) == 0:
                // No command before the separator: a syntax error.
                text.Append(';');
                return;
        }

        text.Append(Pick("", "", "", " ", "\t"));
        var commands = random.Next(1, 4);
        var plain = Command(plainOnly: false);
        for (var i = 1; i < commands; i++)
        {
            // A list or pipeline joins only commands whose status is known (no return, no array).
            var connector = plain && random.Next(3) == 0 ? Pick("&&", " && ", " || ", "||", " | ", "|", " |& ", " &&\n", " ||\n  ", " |\n") : null;
            text.Append(connector ?? Pick(";", "; ", " ; ", " ;"));
            var start = text.Length;
            plain = Command(plainOnly: connector is not null);

            // The last command of a pipeline may run in the shell itself (shopt -s lastpipe): the reader calls KEY unknown if it names it.
            mayBeUnknown |= connector is not null && connector.Trim() is "|" or "|&" && NamesKey(text.ToString(start, text.Length - start));
        }

        text.Append(plain && random.Next(6) == 0 ? Pick(" &", "&", " & ") : Pick("", "", "", ";", " ", "\t"));
        if (random.Next(5) == 0)
        {
            text.Append(text[^1] is ' ' or '\t' ? "" : " ").Append('#').Append(Unquoted(0, 6, tilde: false));
        }
    }

    /// <summary>One command; <c>true</c> when it is one of assignments, <c>export</c> or <c>unset</c> (its status 0).</summary>
    private bool Command(bool plainOnly)
    {
        var kind = random.Next(plainOnly ? 17 : constructs ? 19 : 20);
        switch (kind)
        {
            case < 11:
                Words(random.Next(1, 4), Assignment);
                break;
            case < 15:
                Prefix();
                text.Append("export");
                inExport = true;
                Words(random.Next(1, 4), ExportArgument, leadingBlank: true);
                inExport = false;
                break;
            case < 17:
                Prefix();
                text.Append("unset");
                Words(random.Next(1, 3), () => text.Append(Quoted(Pick(Names))), leadingBlank: true);
                break;
            case < 19:
                Array();
                break;
            default:
                text.Append("return");
                    break;
        }

        return kind < 17;
    }

    // With its quoting taken out, as the reader looks for names (K\EY in export's argument is KEY).
    private static bool NamesKey(string command) =>
        System.Text.RegularExpressions.Regex.IsMatch(command.Replace("\\\n", "").Replace("\\", "").Replace("'", "").Replace("\"", ""), "(?<![A-Za-z0-9_])KEY(?![A-Za-z0-9_])");

    /// <summary>Assignments before export or unset, which are then that builtin's own.</summary>
    private void Prefix()
    {
        if (random.Next(6) == 0)
        {
            var start = text.Length;
            Assignment();
            mayBeUnknown |= text.ToString(start, 3) == "KEY" && text[start + 3] != '_';
            text.Append(' ');
        }
    }

    private void Words(int count, Action word, bool leadingBlank = false)
    {
        for (var i = 0; i < count; i++)
        {
            if (i > 0 || leadingBlank)
            {
                text.Append(Pick(" ", " ", "\t", "  ", " \\\n", "\\\n "));
            }

            word();
        }
    }

    private void Assignment()
    {
        text.Append(Pick(Names)).Append(Pick("=", "=", "=", "+="));
        Value();
    }

    private void ExportArgument()
    {
        var name = Pick(Names);
        switch (random.Next(8))
        {
            case 0:
                text.Append(Quoted(name));
                break;
            case 1:
                // The whole argument quoted: export still assigns.
                text.Append('"').Append(name).Append(Pick("=", "+=")).Append(DoubleQuotedBody()).Append('"');
                break;
            case 2:
                text.Append(Pick($"'{name}'", $"\"{name}\"", $"{name[0]}\\{name[1..]}")).Append('=');
                Value();
                break;
            default:
                text.Append(name).Append(Pick("=", "=", "+="));
                Value();
                break;
        }
    }

    private void Array()
    {
        var name = Pick(Names);
        mayBeUnknown |= name == "KEY";
        text.Append(name).Append(Pick("=(", "=(", "+=("));
        var elements = random.Next(0, 4);
        for (var i = 0; i < elements; i++)
        {
            text.Append(Pick(" ", "\n  ", " # " + Unquoted(0, 4, tilde: false) + "\n"));
            text.Append(random.Next(3) == 0 ? "'" + Unquoted(0, 4, tilde: false) + " x'" : Unquoted(1, 4, tilde: false));
        }

        text.Append(Pick("", " ", "\n")).Append(')');
    }

    /// <summary>An assigned value: pieces that each leave the word unquoted where they end.</summary>
    private void Value()
    {
        var pieces = random.Next(0, 5);
        for (var i = 0; i < pieces; i++)
        {
            switch (random.Next(16))
            {
                case < 4:
                    text.Append(Unquoted(1, 4, tilde: true));
                    break;
                case < 6:
                    text.Append('\\').Append(Pick(" ", ";", "|", "&", "(", ")", "<", ">", "#", "$", "`", "\"", "'", "\\", "~", "*", "a", "n"));
                    break;
                case < 8:
                    text.Append('\'').Append(SingleQuotedBody()).Append('\'');
                    break;
                case < 11:
                    text.Append('"').Append(DoubleQuotedBody()).Append('"');
                    break;
                case < 13:
                    AnsiC();
                    break;
                case 13:
                    text.Append("$\"").Append(DoubleQuotedBody()).Append('"');
                    break;
                case 14:
                    text.Append("\\\n");
                    break;
                default:
                    text.Append(Pick("{a,b}", "*", "?", "[a]", "#", "=", "a:~"));
                    mayBeUnknown |= text[^1] == '~' || (inExport && text[^1] == '}');
                    break;
            }
        }

        if (random.Next(12) == 0)
        {
            // A dollar sign that ends the word is no expansion.
            text.Append('$');
        }
    }

    private string Unquoted(int min, int max, bool tilde)
    {
        var length = random.Next(min, max + 1);
        var piece = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            piece.Append(tilde && random.Next(12) == 0 ? '~' : Safe[random.Next(Safe.Length)]);
        }

        mayBeUnknown |= piece.ToString().Contains('~', StringComparison.Ordinal);
        return piece.ToString();
    }

    private string SingleQuotedBody()
    {
        var body = new StringBuilder();
        for (var i = random.Next(0, 5); i > 0; i--)
        {
            body.Append(Pick("a", "b c", "\\", "\"", "$ ", "#", ";", "\n", "\t", "~", "(", ")", "\r"));
        }

        return body.ToString();
    }

    private string DoubleQuotedBody()
    {
        var body = new StringBuilder();
        for (var i = random.Next(0, 5); i > 0; i--)
        {
            body.Append(Pick("a", "b c", "\\\"", "\\\\", "\\$", "\\`", "\\n", "\\'", "'", "#", ";", "|&", "\n", "\\\n", "~", "\r", "\t"));
        }

        if (random.Next(8) == 0)
        {
            body.Append('$');
        }

        return body.ToString();
    }

    private void AnsiC()
    {
        text.Append("$'");
        for (var i = random.Next(0, 5); i > 0; i--)
        {
            var piece = Pick("a", "b c", "\\n", "\\t", "\\x41", "\\x4", "\\x4g", "\\101", "\\7", "\\0", "\\u0042", "\\U00000043", "\\cA",
                "\\c?", "\\c\\\\", "\\ca", "\\c[", "\\'", "\\\"", "\\\\", "\\q", "\\e", "\\E", "\\?", "\\a", "\\x", "\\u", "\"",
                "\\u00e9", "\\x80", "\\377", "\\401", "\\556", "\\400", "$", "`", "\n");
            mayBeUnknown |= piece is "\\u00e9" or "\\x80" or "\\377";
            text.Append(piece);
        }

        text.Append('\'');
    }

    /// <summary>A name as it is, or quoted or escaped: as an argument it is the same name.</summary>
    private string Quoted(string name) => Pick(name, name, $"'{name}'", $"\"{name}\"", $"\\{name}");

    private string Pick(params string[] choices) => choices[random.Next(choices.Length)];
}
