using System.Collections.Frozen;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// What a shell word is, as bash reads it before running anything: a reserved word, an assignment
/// (and to which name), a name; and whether a text names a variable at all, which is how the readers
/// decide that a command they do not follow may change it.
/// </summary>
internal static class ShellWords
{
    private static readonly FrozenSet<string> Keywords = FrozenSet.Create(
        StringComparer.Ordinal,
        "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "select",
        "function", "in", "{", "}", "!", "[[", "]]", "time", "coproc");

    /// <summary>
    /// Commands that reach variables by a name they are given as a value, or run code the file does not
    /// hold (a sourced file), which may read or set any variable (<see cref="ReachesByName"/>).
    /// </summary>
    private static readonly FrozenSet<string> IndirectCommands = FrozenSet.Create(
        StringComparer.Ordinal, "eval", "declare", "typeset", "local", "let", ".", "source");

    /// <summary>Commands that show every variable, or any one they are given: they read each without setting any.</summary>
    private static readonly FrozenSet<string> ListingCommands = FrozenSet.Create(StringComparer.Ordinal, "env", "printenv", "compgen");

    /// <summary>
    /// Whether a word assigns: <c>null</c> when it is not an assignment, <c>true</c> when it
    /// assigns <paramref name="key"/>, <c>false</c> when another variable. An assignment before a
    /// command's name is written unquoted up to its <c>=</c>; an argument of <c>export</c> may be
    /// quoted (<paramref name="exported"/>), as export reads the word after quote removal.
    /// </summary>
    internal static bool? Assignment(ShellToken word, string key, bool exported = false) =>
        AssignedName(word, exported) is { } name ? name == key : null;

    /// <summary>The variable a word assigns (see <see cref="Assignment"/>), or <c>null</c> when it is no assignment.</summary>
    internal static string? AssignedName(ShellToken word, bool exported)
    {
        var equals = word.Text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || (!exported && !NameUnquoted(word, equals)) || (!word.IsKnown && word.UnknownFrom <= equals))
        {
            return null;
        }

        var name = word.Text[..(word.Text[equals - 1] == '+' ? equals - 1 : equals)];
        return IsName(name) ? name : null;
    }

    /// <summary>Whether a command's name, written plainly, is a keyword (<c>if</c>, <c>{</c>, <c>function</c>…): a construct the readers do not follow.</summary>
    internal static bool IsKeyword(string name) => Keywords.Contains(name);

    /// <summary>Whether an assignment's name and <c>=</c> are written unquoted, as bash needs to read the word as one.</summary>
    internal static bool NameUnquoted(ShellToken word, int equals) => Enumerable.Range(0, equals + 1).All(word.IsUnquoted);

    /// <summary>Whether the word holds one of <paramref name="characters"/> written unquoted and unescaped.</summary>
    internal static bool HasUnquoted(ShellToken word, string characters) =>
        Enumerable.Range(0, word.Text.Length).Any(i => word.IsUnquoted(i) && characters.Contains(word.Text[i], StringComparison.Ordinal));

    /// <summary>Whether <paramref name="text"/> holds <paramref name="key"/> as a whole name, also where quoting splits it (<see cref="WithoutQuoting"/>).</summary>
    internal static bool Names(string text, string key) => Occurs(WithoutQuoting(text), key, StartsName);

    /// <summary>
    /// Whether commands (<paramref name="text"/>, from a command's start) may read or change
    /// <paramref name="key"/>: they name it (<see cref="Names"/>), or may set a variable by a name only
    /// running them tells or run code the text does not hold (<see cref="ReachesByName"/>).
    /// </summary>
    internal static bool MayReach(string text, string key) => ReachesByName(text) || Names(text, key);

    /// <summary>
    /// Whether <paramref name="text"/> may expand <paramref name="key"/>'s value: <c>$KEY</c>,
    /// <c>${KEY}</c>, <c>${KEY:-x}</c>, <c>${#KEY}</c>, <c>${!KEY}</c> (also quoted, escaped or split by
    /// quoting: only more keys count), or any form that reads a variable by a name only running the
    /// file tells or observes every variable (<see cref="ReachesByName"/> with <c>observing</c>:
    /// <c>eval</c>, <c>${!ref}</c>, arithmetic, a sourced file, <c>[ -v KEY ]</c>, <c>set</c>).
    /// </summary>
    internal static bool Expands(string? text, string key) =>
        text is not null && (ReachesByName(text, observing: true) || Occurs(WithoutQuoting(text), key, Expanded));

    /// <summary>
    /// Whether <paramref name="name"/> occurs in a text with its quoting taken out, not followed by a
    /// name's character, where <paramref name="stands"/> accepts what comes before it (given the
    /// text and where the name starts in it).
    /// </summary>
    private static bool Occurs(string unquoted, string name, Func<string, int, bool> stands)
    {
        for (var at = unquoted.IndexOf(name, StringComparison.Ordinal); at >= 0; at = unquoted.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var end = at + name.Length;
            if ((end == unquoted.Length || !IsNameChar(unquoted[end])) && stands(unquoted, at))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsName(string text, int at) => at == 0 || !IsNameChar(text[at - 1]);

    /// <summary>Whether the name at <paramref name="at"/> is expanded: <c>$</c> before it, or <c>${</c>, <c>${#</c>, <c>${!</c>.</summary>
    private static bool Expanded(string text, int at)
    {
        var start = at > 0 && text[at - 1] is '#' or '!' ? at - 1 : at;
        start = start > 0 && text[start - 1] == '{' ? start - 1 : start;
        return start > 0 && text[start - 1] == '$';
    }

    /// <summary>
    /// Whether <paramref name="text"/> runs a form that reads or sets a variable by a name it
    /// computes or holds as a value, so that any variable may be the one: <c>eval</c>
    /// (<c>eval "OTHER=\$${P}EY"</c>), indirect expansion and name listing (<c>${!ref}</c>,
    /// <c>${!K*}</c>), <c>declare</c>, <c>typeset</c> and <c>local</c> (a name reference,
    /// <c>declare -n ref=$P</c>; the integer attribute, under which an assignment is arithmetic), and
    /// arithmetic, which reads a name a variable holds as that variable (<c>((</c>, <c>$((</c>,
    /// <c>$[</c>, <c>let</c>, an array's subscript, <c>${a[KEY]}</c> or <c>a[KEY]=x</c>, a substring's
    /// offset and length, <c>${X:KEY}</c>; not <c>[[ x -eq y ]]</c>, a construct the readers do not follow,
    /// which leaves its keys unknown and a file that needs a line after it refused); or runs code the
    /// file does not hold: a sourced file (<c>.</c>, <c>source</c>), a command named by an expansion
    /// (<c>$CMD</c>, <c>"${X}"</c>, <c>$(cmd)</c>); or sets a name an expansion gives (<c>printf -v "$P"</c>,
    /// <c>read</c>, <c>mapfile</c>, <c>readarray</c>, <c>getopts</c>, <c>readonly</c>). With <paramref name="observing"/>, also what reads
    /// every variable, or one it is given by name, without setting any: <c>[ -v KEY ]</c>
    /// (<c>test</c>, <c>[[</c>), <c>set</c>, <c>export</c> and <c>readonly</c> with no names (or
    /// <c>-p</c>), <c>env</c>, <c>printenv</c>, <c>compgen</c>. A command counts where it starts a
    /// command, also quoted (<c>"eval"</c> is still eval) or in a command substitution; an expansion
    /// counts anywhere in a word, also quoted or escaped, which only makes more keys count. Nothing else
    /// runs a command (<c>dhcpd_conf=/usr/local/etc</c>, <c># let DHCP set it</c>, a redirection's file).
    /// </summary>
    internal static bool ReachesByName(string text, bool observing = false)
    {
        var lexer = new ShellWordLexer(text);
        var commandStart = true;
        var redirected = false;
        string? command = null;
        var listing = false;
        var afterV = false;
        for (var token = lexer.Next(); token.Kind is not (ShellTokenKind.End or ShellTokenKind.Unterminated); token = lexer.Next())
        {
            if (token.Kind != ShellTokenKind.Word)
            {
                // An arithmetic command, ((x)), is two parentheses with nothing between.
                if (text[token.Start] == '(' && token.End < text.Length && text[token.End] == '(')
                {
                    return true;
                }

                // A redirection's word is a file, and the command goes on after it (set >f lists).
                redirected = token.Kind == ShellTokenKind.Opaque && text[token.Start] is '<' or '>' or '&';
                if (!redirected && observing && listing)
                {
                    return true;
                }

                (commandStart, command, listing) = redirected ? (commandStart, command, listing) : (true, null, false);
                continue;
            }

            var written = text[token.Start..token.End];
            if (written.Contains("${!", StringComparison.Ordinal) || written.Contains("$((", StringComparison.Ordinal) || written.Contains("$[", StringComparison.Ordinal)
                || Subscripted(written) || ReachesByName(Substituted(written), observing)
                || (observing && token is { IsPlain: true, Text: "-v" or "-R" } && command is not ("unset" or "command")))
            {
                return true;
            }

            if (redirected || (token.IsPlain && token.Text.All(char.IsAsciiDigit) && token.End < text.Length && text[token.End] is '<' or '>'))
            {
                // A redirection's file, or the descriptor it redirects (2>/dev/null).
                redirected = false;
            }
            else if (commandStart && (AssignedName(token, exported: false) is not null || ElementAssigned(written) > 0))
            {
                // Assignments come before the command's name.
            }
            else if ((commandStart || token.Text == "{") && token.IsPlain && (IsKeyword(token.Text) || token.Text is "builtin" or "command"))
            {
                // The command's name comes after a reserved word (then, do, !, a function's {) or builtin and
                // command; what follows case, for, select, [[ and function is a word, a name or a test.
                (commandStart, command) = (token.Text is not ("case" or "for" or "select" or "[[" or "function"), token.Text);
            }
            else if (commandStart)
            {
                if (token.UnknownFrom == 0 || IndirectCommands.Contains(token.Text) || (observing && ListingCommands.Contains(token.Text)))
                {
                    return true;
                }

                (commandStart, command, listing) = (false, token.Text, token.Text is "set" or "export" or "readonly");
            }
            else
            {
                // read, mapfile, readarray, getopts and readonly set the names they are given, printf the one
                // after -v: a name an expansion gives may be any (printf -v "$P" x, readonly "${P}EY=b").
                if (token.UnknownFrom == 0 && (command is "read" or "mapfile" or "readarray" or "getopts" or "readonly" || (afterV && command is "printf")))
                {
                    return true;
                }

                // set, export and readonly list every variable when given no name (export -p, readonly -p too).
                listing = listing && token.Text == "-p";
            }

            afterV = token is { IsPlain: true, Text: "-v" };
        }

        return observing && listing;
    }

    /// <summary>
    /// Whether a word holds an arithmetic subscript or offset that may name a variable: <c>${a[i]}</c>,
    /// <c>${#a[i]}</c>, <c>${X:i}</c>, <c>${X:0:n}</c>, or an array element's assignment at its start,
    /// <c>a[i]=x</c>. Only digits, <c>@</c>, <c>*</c>, blanks and signs name none (<c>${a[0]}</c>,
    /// <c>${a[@]}</c>, <c>${X: -1}</c>); <c>${X:-d}</c>, <c>${X:=d}</c>, <c>${X:?m}</c> and <c>${X:+a}</c>
    /// are no offsets.
    /// </summary>
    private static bool Subscripted(string written)
    {
        if (ElementAssigned(written) is var close and > 0 && NamesAny(written[written.IndexOf('[')..close]))
        {
            return true;
        }

        for (var at = written.IndexOf("${", StringComparison.Ordinal); at >= 0; at = written.IndexOf("${", at + 1, StringComparison.Ordinal))
        {
            var end = at + 2 < written.Length && written[at + 2] == '#' ? at + 3 : at + 2;
            var start = end;
            while (end < written.Length && IsNameChar(written[end]))
            {
                end++;
            }

            if (end > start && end + 1 < written.Length
                && (written[end] == '[' || (written[end] == ':' && written[end + 1] is not ('-' or '=' or '?' or '+')))
                && NamesAny(written[(end + 1)..(written.IndexOfAny(['}', ']'], end + 1) is var stop and >= 0 ? stop : written.Length)]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where the subscript of an array element's assignment at the word's start (<c>a[i]=x</c>, <c>a[i]+=x</c>) closes, or -1.</summary>
    private static int ElementAssigned(string written)
    {
        var open = 0;
        while (open < written.Length && IsNameChar(written[open]))
        {
            open++;
        }

        var close = open > 0 && open < written.Length && written[open] == '[' ? written.IndexOf(']', open) : -1;
        return close > 0 && written[(close + 1)..] is var rest && (rest.StartsWith('=') || rest.StartsWith("+=", StringComparison.Ordinal)) ? close : -1;
    }

    /// <summary>Whether an arithmetic text may name a variable: a name's character other than a digit, or an expansion.</summary>
    private static bool NamesAny(string arithmetic) => arithmetic.Any(c => char.IsAsciiLetter(c) || c is '_' or '$' or '`');

    /// <summary>
    /// What follows a word's first command substitution's opening (<c>$(</c>, a backquote), or
    /// nothing: the commands it runs and the rest of the word, whose own substitutions the next
    /// reading finds (reading from each opening instead would read a word of many again and again).
    /// </summary>
    private static string Substituted(string written)
    {
        for (var i = 0; i < written.Length; i++)
        {
            if (written[i] == '`' || (written[i] == '$' && i + 1 < written.Length && written[i + 1] == '('))
            {
                return written[(written[i] == '`' ? i + 1 : i + 2)..];
            }
        }

        return "";
    }

    /// <summary>
    /// A text with its backslash-newlines, backslashes and quote characters taken out, so that a name
    /// quoting splits is whole again: <c>export K\EY=1</c>, <c>"K"EY=1</c> as export's argument, or
    /// <c>K\⏎EY=1</c> assign KEY. Names it joins that bash keeps apart only make more values unknown.
    /// </summary>
    internal static string WithoutQuoting(string text) =>
        text.Replace("\\\n", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal)
            .Replace("'", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="name"/> is a shell variable name (letters, digits and <c>_</c>, not starting with a digit).</summary>
    internal static bool IsName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(IsNameChar);

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
