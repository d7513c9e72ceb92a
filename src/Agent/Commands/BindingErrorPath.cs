namespace GuestAgent.Commands;

/// <summary>
/// Shortens System.Text.Json's <c>JsonException.Path</c> to what a binding error may show. The
/// path is not only names from the code: a <c>Dictionary&lt;string, T&gt;</c> member or
/// <c>[JsonExtensionData]</c> puts the keys the host sent into it (<c>$.files['/root/.ssh/key']</c>),
/// and its length is limited only by the request's. The error is answered to the host and logged,
/// so only plain segments are kept: <c>.name</c> made of ASCII letters, digits, <c>_</c> and
/// <c>-</c>, and numeric indices <c>[2]</c>, up to the first segment that is anything else (a
/// bracketed name, which is how System.Text.Json writes a key or name with <c>/</c>, <c>.</c>,
/// <c>'</c>, a space and the like), and at most <see cref="MaxLength"/> characters.
/// </summary>
/// <remarks>
/// A dictionary key made only of plain characters is written by System.Text.Json exactly as a
/// member name is (<c>$.env.HOME</c>), and nothing in the path tells the two apart, so such a key
/// can still show, bounded by the length limit. What is kept is printable ASCII without
/// <c>'</c>, <c>"</c> or <c>\</c>, so it goes on the escape-free wire unchanged.
/// </remarks>
internal static class BindingErrorPath
{
    /// <summary>The longest path shown, <c>...</c> included.</summary>
    public const int MaxLength = 64;

    private const string Cut = "...";

    /// <summary>The shown part of <paramref name="path"/>: <c>$</c> when nothing after the root can be shown.</summary>
    public static string Shorten(string path)
    {
        if (path.Length == 0 || path[0] != '$')
        {
            return "$";
        }

        // The plain prefix, walked no further than it can be shown; and where it last left room for the cut mark.
        var plain = 1;
        var roomForCut = 1;
        while (plain < path.Length && plain <= MaxLength)
        {
            var end = SegmentEnd(path, plain);
            if (end < 0)
            {
                break;
            }

            if (end <= MaxLength - Cut.Length)
            {
                roomForCut = end;
            }

            plain = end;
        }

        return plain <= MaxLength ? path[..plain] : string.Concat(path.AsSpan(0, roomForCut), Cut);
    }

    /// <summary>Where the plain segment starting at <paramref name="start"/> ends, or -1 when it is not plain.</summary>
    private static int SegmentEnd(string path, int start)
    {
        switch (path[start])
        {
            case '.':
                var name = start + 1;
                while (name < path.Length && IsNameCharacter(path[name]))
                {
                    name++;
                }

                // The name must end where the next segment starts, or it had a character not shown.
                return name > start + 1 && (name == path.Length || path[name] is '.' or '[') ? name : -1;
            case '[':
                var digit = start + 1;
                while (digit < path.Length && char.IsAsciiDigit(path[digit]))
                {
                    digit++;
                }

                return digit > start + 1 && digit < path.Length && path[digit] == ']' ? digit + 1 : -1;
            default:
                return -1;
        }
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
