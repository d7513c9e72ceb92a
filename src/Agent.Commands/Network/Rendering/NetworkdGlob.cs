namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Whether an interface name (or a driver name) matches a pattern as systemd-networkd matches
/// <c>Name=</c> and <c>Driver=</c>: glibc's <c>fnmatch</c> with no flags (<c>*</c>, <c>?</c>,
/// <c>[...]</c> with <c>!</c> or <c>^</c> negation, ranges and <c>[:class:]</c>, a backslash quoting
/// the next character), over a whitespace-separated list whose leading <c>!</c> inverts it. netplan
/// writes a <c>match:</c>'s <c>name</c> and <c>driver</c> into those keys as they are, so this says
/// which interfaces its definition configures.
/// </summary>
internal static class NetworkdGlob
{
    /// <summary>Whether <paramref name="name"/> matches the list <paramref name="value"/> (<c>eth*</c>, <c>en? wl*</c>, <c>!lo</c>).</summary>
    public static bool MatchesList(string value, string name)
    {
        var invert = value.StartsWith('!');
        var patterns = (invert ? value[1..] : value).Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return patterns.Any(pattern => Matches(pattern, name)) != invert;
    }

    /// <summary>Whether <paramref name="text"/> matches one fnmatch pattern.</summary>
    public static bool Matches(string pattern, string text) => Matches(pattern, 0, text, 0);

    /// <summary>Whether a pattern holds anything but literal characters, so that it can match other names than its own text.</summary>
    public static bool IsPattern(string value) => value.IndexOfAny(['*', '?', '[', '\\', ' ', '\t']) >= 0 || value.StartsWith('!');

    private static bool Matches(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length)
        {
            var c = pattern[p];
            if (c == '*')
            {
                // A star matches any run, '/' and a leading '.' included (no flags).
                for (var start = t; start <= text.Length; start++)
                {
                    if (Matches(pattern, p + 1, text, start))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (t >= text.Length)
            {
                return false;
            }

            if (c == '?')
            {
                p++;
            }
            else if (c == '[' && Bracket(pattern, p, text[t]) is { } bracket)
            {
                if (!bracket.Matched)
                {
                    return false;
                }

                p = bracket.Next;
            }
            else
            {
                // A backslash quotes the next character; one at the end stands for itself. An unclosed '[' is literal.
                if (c == '\\' && p + 1 < pattern.Length)
                {
                    c = pattern[++p];
                }

                if (c != text[t])
                {
                    return false;
                }

                p++;
            }

            t++;
        }

        return t == text.Length;
    }

    /// <summary>A bracket expression at <paramref name="open"/>: whether it matches <paramref name="c"/> and where the pattern goes on; null when it is not closed (then '[' is literal).</summary>
    private static (bool Matched, int Next)? Bracket(string pattern, int open, char c)
    {
        var i = open + 1;
        var negate = i < pattern.Length && pattern[i] is '!' or '^';
        if (negate)
        {
            i++;
        }

        var matched = false;
        var first = true;
        while (i < pattern.Length && (pattern[i] != ']' || first))
        {
            first = false;
            if (pattern[i] == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':'
                && pattern.IndexOf(":]", i + 2, StringComparison.Ordinal) is var end and > 0)
            {
                matched |= InClass(pattern[(i + 2)..end], c);
                i = end + 2;
                continue;
            }

            var low = pattern[i];
            if (low == '\\' && i + 1 < pattern.Length)
            {
                low = pattern[++i];
            }

            i++;
            var high = low;
            if (i + 1 < pattern.Length && pattern[i] == '-' && pattern[i + 1] != ']')
            {
                high = pattern[i + 1];
                if (high == '\\' && i + 2 < pattern.Length)
                {
                    high = pattern[++i + 1];
                }

                i += 2;
            }

            matched |= c >= low && c <= high;
        }

        return i < pattern.Length ? (matched != negate, i + 1) : null;
    }

    private static bool InClass(string name, char c) => name switch
    {
        "alpha" => char.IsAsciiLetter(c),
        "digit" => char.IsAsciiDigit(c),
        "alnum" => char.IsAsciiLetterOrDigit(c),
        "upper" => char.IsAsciiLetterUpper(c),
        "lower" => char.IsAsciiLetterLower(c),
        "xdigit" => char.IsAsciiHexDigit(c),
        "space" => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v',
        "blank" => c is ' ' or '\t',
        "punct" => c is > ' ' and < '\x7f' && !char.IsAsciiLetterOrDigit(c),
        "print" => c is >= ' ' and < '\x7f',
        "graph" => c is > ' ' and < '\x7f',
        "cntrl" => c is < ' ' or '\x7f',
        _ => false,
    };
}
