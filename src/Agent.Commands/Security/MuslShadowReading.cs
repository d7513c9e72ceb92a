namespace GuestAgent.Commands.Security;

/// <summary>
/// The line musl's <c>getspnam</c> (Alpine's <c>login</c>, <c>su</c>, <c>passwd</c>) reads as a user's shadow
/// entry. musl reads stricter than glibc (<see cref="ShadowEntryShape"/>): the name from the line's first byte,
/// exactly nine fields, numbers of digits only (or empty), a newline ending the line; it passes over any other
/// line of the name. So where glibc takes a line musl passes over, musl may take a later one, whose hash must
/// change too.
/// </summary>
/// <remarks>
/// musl reads the file with <c>fgets</c> into a 256-byte buffer and looks at each piece as a C string: a line
/// of the name that does not end within it (too long, a NUL before its newline, or the file's last line
/// without one) ends the search with <c>ERANGE</c>, a piece of another line marks the next piece as that
/// line's rest, and a piece that starts with a NUL ends the search. Checked with a <c>getspnam</c> built with
/// musl 1.2.3 (<c>MuslShadowEntryTests</c>).
/// </remarks>
internal static class MuslShadowReading
{
    /// <summary>The bytes <c>fgets</c> reads at most into musl's 256-byte line buffer.</summary>
    private const int PieceMax = 255;

    /// <summary>Where the line musl reads as <paramref name="user"/>'s entry starts in <paramref name="text"/>, or -1 for none.</summary>
    public static int EntryStart(string text, string user)
    {
        var prefix = user + ":";
        var restOfLine = false;
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start, Math.Min(PieceMax, text.Length - start));
            var end = newline < 0 ? Math.Min(start + PieceMax, text.Length) : newline + 1;
            var nul = text.IndexOf('\0', start, end - start);
            var piece = text.AsSpan(start, (nul < 0 ? end : nul) - start);
            if (piece.IsEmpty)
            {
                return -1;
            }

            if (restOfLine || !piece.StartsWith(prefix, StringComparison.Ordinal))
            {
                restOfLine = piece[^1] != '\n';
                start = end;
                continue;
            }

            if (piece[^1] != '\n')
            {
                return -1;
            }

            if (IsEntry(piece[prefix.Length..^1]))
            {
                return start;
            }

            start = end;
        }

        return -1;
    }

    /// <summary>Whether musl's parser takes the fields after the name (no newline): a password and seven numbers.</summary>
    private static bool IsEntry(ReadOnlySpan<char> fields)
    {
        var count = 0;
        foreach (var range in fields.Split(':'))
        {
            var field = fields[range];
            if (count > 0 && field.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            count++;
        }

        return count == 8;
    }
}
