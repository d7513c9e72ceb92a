namespace GuestAgent.Commands.Security;

/// <summary>
/// The line musl's <c>getpwnam</c> (busybox's <c>login</c> and <c>su</c> on Alpine) reads as a user's
/// <c>/etc/passwd</c> entry: the first line, read with <c>getline</c> (no length limit), whose name starts at
/// its first byte and which has seven fields, a uid and a gid of digits only (empty reads as 0, and beyond 32
/// bits wraps, where glibc passes the line over), before its first NUL. musl drops a line's last byte as its
/// newline, so a last line without one loses a byte of its shell (or the colon before an empty shell).
/// </summary>
/// <remarks>Checked with a <c>getpwnam</c> built with musl 1.2.3 (<c>MuslPasswdFieldTests</c>).</remarks>
internal static class MuslPasswdReading
{
    /// <summary>Where the line musl reads as <paramref name="user"/>'s entry starts in <paramref name="text"/>, or -1 for none.</summary>
    public static int EntryStart(string text, string user)
    {
        var prefix = user + ":";
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var next = newline < 0 ? text.Length : newline + 1;
            // The line's last byte (its newline, or whatever ends the file) is cut off; a NUL ends it too.
            var line = text.AsSpan(start, next - 1 - start);
            var nul = line.IndexOf('\0');
            if (nul >= 0)
            {
                line = line[..nul];
            }

            if (line.StartsWith(prefix, StringComparison.Ordinal) && IsEntry(line))
            {
                return start;
            }

            start = next;
        }

        return -1;
    }

    /// <summary>Whether musl's parser takes <paramref name="line"/>: seven fields or more (the shell takes the rest), ids of digits.</summary>
    private static bool IsEntry(ReadOnlySpan<char> line)
    {
        var count = 0;
        foreach (var range in line.Split(':'))
        {
            if (count is 2 or 3 && line[range].ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            count++;
        }

        return count >= 7;
    }
}
