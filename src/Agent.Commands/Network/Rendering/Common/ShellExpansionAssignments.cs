namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// Whether a word's expansions set a variable as they expand, which bash and dash do in the sourcing shell
/// itself for an assignment's value, <c>export</c>'s arguments and a command's words (checked by sourcing):
/// an arithmetic assignment (<c>$((KEY = 3))</c>, <c>$((KEY++))</c>, <c>$((KEY += 1))</c>, <c>$[KEY=3]</c>),
/// also in an array's subscript or a substring's offset (<c>${b[KEY=7]}</c>, <c>${X:KEY=1}</c>), and a
/// default's assignment (<c>${KEY:=5}</c>, <c>${KEY=5}</c>).
/// </summary>
/// <remarks>
/// Arithmetic that assigns counts for a key it names, and for every key when an expansion inside it
/// computes the name it assigns (<c>$(( ${P}EY = 3 ))</c>, <c>$(( $N = 3 ))</c>, <c>$(( $N++ ))</c>,
/// <c>$(( $a[1] = 3 ))</c>: <see cref="AssignsComputedName"/>), as does an indirect default (<c>${!P:=9}</c>).
/// Arithmetic that only reads (<c>KEY + 1</c>, <c>KEY == 1</c>, <c>KEY &lt;= 1</c>, <c>X = $Y</c>, <c>a[$i] = 3</c>'s
/// subscript) sets nothing here, though bash evaluates a variable's value as an expression in turn
/// (<c>X='K=3'; Y=$((X))</c> sets K, and so does <c>Y='K=3'; Z=$(( X = $Y ))</c>, whose <c>$Y</c> is expanded
/// as text first): following that would need every variable's value, and the readers leave it, as they do
/// for such reads elsewhere.
/// </remarks>
internal static class ShellExpansionAssignments
{
    /// <summary>Whether the word, as written, may set <paramref name="key"/> as it expands.</summary>
    public static bool MaySet(string written, string key)
    {
        for (var i = 0; i + 1 < written.Length; i++)
        {
            if (written[i] != '$')
            {
                continue;
            }

            var arithmetic = written[i + 1] switch
            {
                '(' when i + 2 < written.Length && written[i + 2] == '(' => Bracketed(written, i + 1),
                '[' => Bracketed(written, i + 1),
                '{' => Parameter(written, i + 2),
                _ => null,
            };
            if ((written[i + 1] == '{' && Assigned(written, i + 2, key))
                || (arithmetic is not null && Assigns(arithmetic) && (AssignsComputedName(arithmetic) || ShellWords.Names(arithmetic, key))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A parameter expansion's arithmetic: its subscript (<c>${b[i]}</c>, <c>${#b[i]}</c>), or offset and length (<c>${X:i:n}</c>), or <c>null</c>.</summary>
    private static string? Parameter(string written, int start)
    {
        var end = start < written.Length && written[start] is '!' or '#' ? start + 1 : start;
        while (end < written.Length && ShellWords.IsNameChar(written[end]))
        {
            end++;
        }

        var rest = written[end..];
        return rest.StartsWith('[') ? Bracketed(written, end)
            : rest.StartsWith(':') && rest.Length > 1 && rest[1] is not ('-' or '=' or '?' or '+') ? rest[1..Brace(rest)]
            : null;
    }

    /// <summary>Where the <c>}</c> that closes the parameter expansion <paramref name="rest"/> is part of is, past those of inner ones (<c>${X:${N}=1}</c>), or its length.</summary>
    private static int Brace(string rest)
    {
        var depth = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            depth += rest[i] == '{' ? 1 : rest[i] == '}' ? -1 : 0;
            if (depth < 0)
            {
                return i;
            }
        }

        return rest.Length;
    }

    /// <summary>Whether the parameter expansion starting at <paramref name="start"/> assigns a default to <paramref name="key"/>, or to a name a variable holds (<c>${!P:=9}</c>).</summary>
    private static bool Assigned(string written, int start, string key)
    {
        var indirect = start < written.Length && written[start] == '!';
        var nameStart = indirect ? start + 1 : start;
        var end = nameStart;
        while (end < written.Length && ShellWords.IsNameChar(written[end]))
        {
            end++;
        }

        var rest = written[end..];
        return (rest.StartsWith('=') || rest.StartsWith(":=", StringComparison.Ordinal)) && (indirect || written[nameStart..end] == key);
    }

    /// <summary>What an opening bracket at <paramref name="open"/> holds up to the one that closes it (or the word's end).</summary>
    private static string Bracketed(string written, int open)
    {
        var close = written[open] switch { '(' => ')', '{' => '}', _ => ']' };
        var depth = 0;
        for (var i = open; i < written.Length; i++)
        {
            depth += written[i] == written[open] ? 1 : written[i] == close ? -1 : 0;
            if (depth == 0)
            {
                return written[(open + 1)..i];
            }
        }

        return written[(open + 1)..];
    }

    /// <summary>
    /// Whether an assignment in arithmetic assigns a name an expansion gives: an operand holding an expansion outside
    /// its subscript (<c>$N</c>, <c>${P}EY</c>, <c>K$X</c>, <c>$a[1]</c>, <c>`echo K`</c>), followed by an assignment's
    /// operator or next to <c>++</c> or <c>--</c>. bash expands it as text before it evaluates, so the name is its value.
    /// </summary>
    private static bool AssignsComputedName(string written)
    {
        // bash removes double quotes in arithmetic before it evaluates: $(( "$N" = 4 )) assigns the name N holds.
        var arithmetic = written.Replace("\"", "", StringComparison.Ordinal);
        var before = "";
        for (var i = 0; i < arithmetic.Length;)
        {
            var c = arithmetic[i];
            if (!(ShellWords.IsNameChar(c) || c is '$' or '`' or '['))
            {
                // An operator's character; blanks between operands are no part of one.
                before = c is ' ' or '\t' or '\n' ? before : before + c;
                i++;
                continue;
            }

            var computed = false;
            while (i < arithmetic.Length && (ShellWords.IsNameChar(arithmetic[i]) || arithmetic[i] is '$' or '`' or '['))
            {
                var end = arithmetic[i] switch
                {
                    '$' or '`' => ExpansionEnd(arithmetic, i),
                    '[' => Bracketed(arithmetic, i).Length + i + 2,
                    _ => i + 1,
                };
                computed |= arithmetic[i] is '$' or '`';
                i = Math.Min(end, arithmetic.Length);
            }

            if (computed && (before.EndsWith("++", StringComparison.Ordinal) || before.EndsWith("--", StringComparison.Ordinal) || AssignedBy(arithmetic[i..].TrimStart())))
            {
                return true;
            }

            before = "";
        }

        return false;
    }

    /// <summary>Whether the operator that starts <paramref name="rest"/> assigns the operand before it: <c>=</c>, <c>+=</c>, <c>&lt;&lt;=</c>, <c>++</c>, <c>--</c>; not <c>==</c>, <c>!=</c>, <c>&lt;=</c>, <c>&gt;=</c>.</summary>
    private static bool AssignedBy(string rest)
    {
        var length = 0;
        while (length < rest.Length && rest[length] is '+' or '-' or '*' or '/' or '%' or '<' or '>' or '=' or '!' or '&' or '|' or '^')
        {
            length++;
        }

        var run = rest[..length];
        var equals = run.IndexOf('=', StringComparison.Ordinal);
        return run.StartsWith("++", StringComparison.Ordinal) || run.StartsWith("--", StringComparison.Ordinal)
            || (equals >= 0 && !run[equals..].StartsWith("==", StringComparison.Ordinal) && !(equals == 1 && run[0] is '!' or '<' or '>'));
    }

    /// <summary>Where the expansion at <paramref name="at"/> (<c>$N</c>, <c>${…}</c>, <c>$(…)</c>, <c>$[…]</c>, a backquoted command) ends.</summary>
    private static int ExpansionEnd(string arithmetic, int at)
    {
        if (arithmetic[at] == '`')
        {
            return ShellBracketScan.BackquoteClosing(arithmetic, at + 1) is var close and >= 0 ? close + 1 : arithmetic.Length;
        }

        var next = at + 1 < arithmetic.Length ? arithmetic[at + 1] : ' ';
        if (next is '{' or '(' or '[')
        {
            return Bracketed(arithmetic, at + 1).Length + at + 3;
        }

        var end = at + 1;
        while (end < arithmetic.Length && ShellWords.IsNameChar(arithmetic[end]) && !(end > at + 1 && char.IsAsciiDigit(arithmetic[at + 1])))
        {
            end++;
        }

        return end;
    }

    /// <summary>
    /// Whether arithmetic holds an assignment: <c>=</c> that is no comparison (<c>==</c>, <c>!=</c>,
    /// <c>&lt;=</c>, <c>&gt;=</c>; <c>&lt;&lt;=</c> and <c>&gt;&gt;=</c> assign), an operator's (<c>+=</c>, <c>*=</c>), or <c>++</c>, <c>--</c>.
    /// </summary>
    private static bool Assigns(string arithmetic)
    {
        for (var i = 0; i < arithmetic.Length; i++)
        {
            var c = arithmetic[i];
            if (c is '+' or '-' && i + 1 < arithmetic.Length && arithmetic[i + 1] == c)
            {
                return true;
            }

            if (c != '=')
            {
                continue;
            }

            if (i + 1 < arithmetic.Length && arithmetic[i + 1] == '=')
            {
                // ==: a comparison, both characters.
                i++;
                continue;
            }

            var before = i > 0 ? arithmetic[i - 1] : ' ';
            if (before is not ('!' or '<' or '>') || (i > 1 && arithmetic[i - 2] == before))
            {
                return true;
            }
        }

        return false;
    }
}
