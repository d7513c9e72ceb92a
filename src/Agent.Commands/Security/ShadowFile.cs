using System.Text;

namespace GuestAgent.Commands.Security;

/// <summary>
/// Reads and replaces one user's password hash in the text of a shadow (or <c>master.passwd</c>) file,
/// leaving every other byte as it was. Bytes are handled as Latin-1 so any content round-trips exactly.
/// In a shadow file the user's entry is the first of their lines glibc reads (<see cref="ShadowEntryShape"/>),
/// the one logins are checked against; where musl reads a later line (<see cref="MuslShadowReading"/>), that
/// line gets the same hash.
/// </summary>
internal static class ShadowFile
{
    /// <summary>The user's current password field in a shadow file, or an error text when the entry is missing or malformed.</summary>
    /// <param name="contents">The current file.</param>
    /// <param name="user">The account, for example <c>root</c>.</param>
    /// <param name="hash">The password field when the result is <c>null</c>.</param>
    /// <returns><c>null</c> on success, otherwise the error text.</returns>
    public static string? TryGetHash(byte[] contents, string user, out string hash)
    {
        hash = "";
        var error = TryFindEntry(Encoding.Latin1.GetString(contents), user, shadow: true, out _, out _, out var fields, out _);
        if (error is null)
        {
            hash = fields[1];
        }

        return error;
    }

    /// <summary>The new file contents, or an error text when the entry is missing or malformed.</summary>
    /// <param name="contents">The current file.</param>
    /// <param name="user">The account, for example <c>root</c>.</param>
    /// <param name="makeHash">Makes the new hash from the current password field.</param>
    /// <param name="lastChangeDays">
    /// The new "last password change" field (the third, in days since 1970; 0 or less is written
    /// empty) of a shadow file; <c>null</c>
    /// for a file whose third field means something else (FreeBSD's <c>master.passwd</c>: the uid), whose
    /// entry is then the user's first line of 3 fields or more.
    /// </param>
    /// <param name="updated">The new contents when the result is <c>null</c>.</param>
    /// <returns><c>null</c> on success, otherwise the error text.</returns>
    public static string? TryReplaceHash(byte[] contents, string user, Func<string, string> makeHash, long? lastChangeDays, out byte[] updated)
    {
        updated = [];
        var text = Encoding.Latin1.GetString(contents);
        var error = TryFindEntry(text, user, shadow: lastChangeDays is not null, out var start, out var lineEnd, out var fields, out var carriageReturn);
        if (error is not null)
        {
            return error;
        }

        var hash = makeHash(fields[1]);
        // Day 0 would mean "change it at the next login" (a guest whose clock is still at the
        // epoch): left empty, aging off, as chpasswd and passwd write it; a day before 1970 too.
        var lastChange = lastChangeDays is { } days && days > 0 ? days.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        var replaced = Replace(fields, hash, lastChangeDays is null ? null : lastChange) + (carriageReturn ? "\r" : "");
        if (lastChangeDays is null)
        {
            updated = Encoding.Latin1.GetBytes(string.Concat(text.AsSpan(0, start), replaced, text.AsSpan(lineEnd)));
            return null;
        }

        // musl cannot read a last line without a newline (chpasswd would have written one).
        var newline = lineEnd == text.Length && !text.EndsWith('\n') ? "\n" : "";
        text = string.Concat(text.AsSpan(0, start), replaced, newline, text.AsSpan(lineEnd));

        // musl passes over lines glibc reads (blanks, signs, fewer fields): its entry may be a later root line.
        var musl = MuslShadowReading.EntryStart(text, user);
        if (musl >= 0 && musl != start)
        {
            var muslEnd = text.IndexOf('\n', musl);
            text = string.Concat(text.AsSpan(0, musl), Replace(text[musl..muslEnd].Split(':'), hash, lastChange), text.AsSpan(muslEnd));
        }

        updated = Encoding.Latin1.GetBytes(text);
        return null;
    }

    /// <summary>The entry's line with <paramref name="hash"/> and, unless <c>null</c>, <paramref name="lastChange"/> as its second and third fields.</summary>
    private static string Replace(string[] fields, string hash, string? lastChange)
    {
        fields[1] = hash;
        if (lastChange is not null)
        {
            fields[2] = lastChange;
        }

        return string.Join(':', fields);
    }

    /// <summary>
    /// The user's entry: where its line is and its fields (without a trailing <c>\r</c>; the name's with
    /// any blanks before it). In a shadow file, the first of the user's lines glibc reads once its last-change
    /// day is replaced, blanks before the name skipped as glibc skips them; an unreadable one before it is
    /// left as it is, as glibc and shadow-utils leave it, and one before it that only some glibc reads
    /// (<see cref="ShadowLineReading.DependsOnGlibc"/>) leaves no entry. Elsewhere, the first line starting with <c>user:</c>.
    /// </summary>
    private static string? TryFindEntry(string text, string user, bool shadow, out int start, out int lineEnd, out string[] fields, out bool carriageReturn)
    {
        var prefix = user + ":";
        var unreadable = false;
        start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var nextLine = (end < 0 ? text.Length : end) + 1;
            // glibc reads a shadow line up to its first NUL: the rest is kept after the entry as it was.
            lineEnd = shadow ? ShadowEntryShape.ReadEnd(text, start, nextLine - 1) : nextLine - 1;
            // glibc reads a line from its first non-blank character on (" root:…" is root's entry to
            // getspnam); the blanks stay part of the name field, so they are written back as they were.
            var name = shadow ? ShadowEntryShape.SkipWhiteSpace(text, start, lineEnd) : start;
            if (string.CompareOrdinal(text, name, prefix, 0, prefix.Length) == 0)
            {
                var line = text[start..lineEnd];
                var reading = shadow ? ShadowEntryShape.ReadingWithNewLastChange(line) : ShadowLineReading.Read;
                if (reading == ShadowLineReading.DependsOnGlibc)
                {
                    // One glibc logs in with this line, another with a later one (or none): a hash
                    // written into either answers "0" while some guest's logins still check the old one.
                    unreadable = true;
                    break;
                }

                if (reading == ShadowLineReading.Unread)
                {
                    unreadable = true;
                    start = nextLine;
                    continue;
                }

                carriageReturn = line.EndsWith('\r');
                fields = (carriageReturn ? line[..^1] : line).Split(':');
                return fields.Length < 3 ? PasswordMessages.UnknownFormat : null;
            }

            start = nextLine;
        }

        lineEnd = 0;
        fields = [];
        carriageReturn = false;
        // A root line that no login reads (or only some glibc's) is a malformed file, not a missing account.
        return unreadable ? PasswordMessages.UnknownFormat : PasswordMessages.NoEntry;
    }
}
