using System.Collections.Frozen;
using static GuestAgent.Commands.Network.Rendering.Common.ShellWords;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// Whether shell text reaches a variable by a name only running it tells, runs code it does not hold, or
/// observes every variable (<see cref="ReachesByName"/>): what makes any key one the text may read or set.
/// </summary>
internal static class ShellNameReach
{
    /// <summary>
    /// Commands that reach variables by a name they are given as a value, or run code the file does not
    /// hold (a sourced file), which may read or set any variable (<see cref="ReachesByName"/>).
    /// </summary>
    private static readonly FrozenSet<string> IndirectCommands = FrozenSet.Create(
        StringComparer.Ordinal, "eval", "declare", "typeset", "local", "let", ".", "source");

    /// <summary>Commands that show every variable, or any one they are given: they read each without setting any.</summary>
    private static readonly FrozenSet<string> ListingCommands = FrozenSet.Create(StringComparer.Ordinal, "env", "printenv", "compgen");

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
    /// <c>wait -p "$P"</c>, <c>read</c>, <c>mapfile</c>, <c>readarray</c>, <c>getopts</c>, <c>readonly</c>). With <paramref name="observing"/>, also what reads
    /// every variable, or one it is given by name, without setting any: <c>[ -v KEY ]</c>
    /// (<c>test</c>, <c>[[</c>), <c>set</c>, <c>export</c> and <c>readonly</c> with no names (or
    /// <c>-p</c>), <c>env</c>, <c>printenv</c>, <c>compgen</c>. A command counts where it starts a
    /// command, also quoted (<c>"eval"</c> is still eval) or in a command substitution; an expansion
    /// counts anywhere in a word, also quoted or escaped, which only makes more keys count, and in an
    /// unquoted here-document's body (a quoted one's lines are text). Nothing else
    /// runs a command (<c>dhcpd_conf=/usr/local/etc</c>, <c># let DHCP set it</c>, a redirection's file).
    /// </summary>
    internal static bool ReachesByName(string text, bool observing = false)
    {
        var lexer = new ShellWordLexer(text);
        var walk = new Walk(text, observing);
        var bodies = 0;
        for (var token = lexer.Next(); token.Kind is not (ShellTokenKind.End or ShellTokenKind.Unterminated); token = lexer.Next())
        {
            if (token.Kind != ShellTokenKind.Word ? walk.Operator(token) : walk.Word(token))
            {
                return true;
            }

            // An unquoted here-document's expansions run as a word's do.
            for (; bodies < lexer.Bodies.Count; bodies++)
            {
                if (lexer.ExpansionTexts(lexer.Bodies[bodies]).Any(expansion => WordReaches(expansion, observing)))
                {
                    return true;
                }
            }
        }

        return walk.End();
    }

    /// <summary>
    /// Whether a word's expansions, as written, reach a variable by a computed name: <c>${!ref}</c>,
    /// arithmetic (<c>$((…))</c>, <c>$[…]</c>, subscripts and offsets), or a command substitution's commands.
    /// </summary>
    internal static bool WordReaches(string written, bool observing = false) =>
        written.Contains("${!", StringComparison.Ordinal) || written.Contains("$((", StringComparison.Ordinal) || written.Contains("$[", StringComparison.Ordinal)
            || Subscripted(written) || ReachesByName(Substituted(written), observing);

    /// <summary>Where the walk through a text's commands is: whether a command's name comes next, and which command's words these are.</summary>
    private sealed class Walk(string text, bool observing)
    {
        private bool commandStart = true;
        private bool redirected;
        private string? command;
        private bool listing;
        private bool afterV;

        /// <summary>An operator: whether it reaches by name (a listing it ends, an arithmetic command).</summary>
        public bool Operator(ShellToken token)
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
            return false;
        }

        /// <summary>A word: whether its expansions, or the command it names or is an argument of, reach by name.</summary>
        public bool Word(ShellToken token)
        {
            var written = text[token.Start..token.End];
            if (WordReaches(written, observing)
                || (observing && token is { IsPlain: true, Text: "-v" or "-R" } && command is not ("unset" or "command")))
            {
                return true;
            }

            var reaches = false;
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
            else
            {
                reaches = commandStart ? Name(token) : Argument(token);
            }

            afterV = token is { IsPlain: true, Text: "-v" } || (command is "wait" && token is { IsPlain: true, Text: ['-', .., 'p'] });
            return reaches;
        }

        /// <summary>Whether the text's last command is a listing (<c>set</c>, <c>export -p</c>).</summary>
        public bool End() => observing && listing;

        /// <summary>A command's name: whether it is one that reaches by name, or an expansion (any code).</summary>
        private bool Name(ShellToken token)
        {
            if (token.UnknownFrom == 0 || IndirectCommands.Contains(token.Text) || (observing && ListingCommands.Contains(token.Text)))
            {
                return true;
            }

            (commandStart, command, listing) = (false, token.Text, token.Text is "set" or "export" or "readonly");
            return false;
        }

        /// <summary>An argument: whether it is a name an expansion gives to a command that sets the names it is given.</summary>
        private bool Argument(ShellToken token)
        {
            // read, mapfile, readarray, getopts and readonly set the names they are given, printf the one
            // after -v and wait the one after -p: a name an expansion gives may be any (printf -v "$P" x, readonly "${P}EY=b").
            if (token.UnknownFrom == 0 && (command is "read" or "mapfile" or "readarray" or "getopts" or "readonly" || (afterV && command is "printf" or "wait")))
            {
                return true;
            }

            // set, export and readonly list every variable when given no name (export -p, readonly -p too).
            listing = listing && token.Text == "-p";
            return false;
        }
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
}
