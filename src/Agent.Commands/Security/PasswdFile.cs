using System.Text;

namespace GuestAgent.Commands.Security;

/// <summary>
/// Root's password field in <c>/etc/passwd</c>. <c>pam_unix</c> checks a login against
/// <c>/etc/shadow</c> only when that field is exactly <c>x</c> (or <c>##root</c>); any other value (a
/// hash, <c>*</c>, <c>!</c>, empty) is itself the password it checks. So a new hash goes into that
/// field too, as shadow-utils' <c>chpasswd</c> writes it, or the answer would be "0" while the new
/// password logged no one in. Bytes are handled as Latin-1 so any content round-trips exactly.
/// </summary>
/// <remarks>
/// The entry is the first of the user's lines glibc reads (<c>_nss_files_parse_pwent</c>, behind the
/// <c>getpwnam</c> <c>pam_unix</c> calls), each shape checked with <c>getent passwd root</c> (glibc 2.36):
/// C white space before the name skipped; a uid and a gid field that are numbers, as
/// <c>strtoul</c> reads them (optional leading white space and sign, digits, nothing else; a value that
/// fits in 32 bits once a negative one is negated modulo 2^64: <c>-0</c>, or 20 digits from
/// <c>-18446744069414584321</c>); the rest of the line (even with more colons)
/// is the gecos, home and shell. Any other line of the name is passed over, as glibc passes over it.
/// musl's <c>getpwnam</c> (busybox's <c>login</c> and <c>su</c>) may read another root line
/// (<see cref="MuslPasswdReading"/>), which gets the hash too.
/// </remarks>
internal static class PasswdFile
{
    /// <summary>The field that sends <c>pam_unix</c> to the shadow file (shadow-utils' <c>SHADOW_PASSWD_STRING</c>).</summary>
    public const string Shadowed = "x";

    /// <summary>The field busybox (<c>login</c>, <c>su</c>) also sends to the shadow file, besides <see cref="Shadowed"/>.</summary>
    public const string BusyboxShadowed = "*";

    /// <summary>
    /// The file with <paramref name="user"/>'s password field replaced by <paramref name="hash"/> where a
    /// login checks it, or <c>null</c> when nothing changes. glibc's entry (<c>pam_unix</c>) gets it unless
    /// its field is <c>x</c> or <c>##user</c>; where musl's <c>getpwnam</c> (busybox's <c>login</c> and
    /// <c>su</c>) reads another line (<see cref="MuslPasswdReading"/>), that line gets it too unless its field
    /// is <c>x</c> or <c>*</c>, which busybox sends to the shadow file. A written root line that ends the file
    /// gets a newline, as <c>chpasswd</c> writes every line: musl drops a last line's final byte.
    /// </summary>
    /// <param name="contents">The file.</param>
    /// <param name="user">The account.</param>
    /// <param name="hash">The new field.</param>
    /// <param name="replaced">The field the new hash replaces (glibc's entry's first), when the answer is not <c>null</c>; otherwise empty.</param>
    public static byte[]? WithHash(byte[] contents, string user, string hash, out string replaced)
    {
        replaced = "";
        var text = Encoding.Latin1.GetString(contents);
        var changed = false;
        var glibc = GlibcEntryStart(text, user, out var name);
        if (glibc >= 0 && Replace(ref text, name, user, hash, glibcField => glibcField == Shadowed || glibcField == "##" + user, ref replaced))
        {
            changed = true;
            if (text.IndexOf('\n', glibc) < 0)
            {
                text += "\n";
            }
        }

        var musl = MuslPasswdReading.EntryStart(text, user);
        if (musl >= 0 && musl != glibc && Replace(ref text, musl, user, hash, muslField => muslField is Shadowed or BusyboxShadowed, ref replaced))
        {
            changed = true;
        }

        return changed ? Encoding.Latin1.GetBytes(text) : null;
    }

    /// <summary>
    /// Replaces the password field of the entry whose name starts at <paramref name="name"/> unless the reader
    /// sends that field to the shadow file (<paramref name="shadowed"/>); the field replaced goes into <paramref name="replaced"/> if that is still empty.
    /// </summary>
    private static bool Replace(ref string text, int name, string user, string hash, Func<string, bool> shadowed, ref string replaced)
    {
        var field = name + user.Length + 1;
        var fieldEnd = text.IndexOf(':', field);
        var current = text[field..fieldEnd];
        if (shadowed(current))
        {
            return false;
        }

        replaced = replaced.Length == 0 ? current : replaced;
        text = string.Concat(text.AsSpan(0, field), hash, text.AsSpan(fieldEnd));
        return true;
    }

    /// <summary>Where the line glibc reads as <paramref name="user"/>'s entry starts, or -1; <paramref name="name"/> is where its name starts.</summary>
    private static int GlibcEntryStart(string text, string user, out int name)
    {
        var prefix = user + ":";
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var nextLine = (end < 0 ? text.Length : end) + 1;
            // glibc reads a line up to its first NUL; what follows it is kept as it was.
            var lineEnd = ShadowEntryShape.ReadEnd(text, start, nextLine - 1);
            // glibc reads a line from its first non-blank character on; the blanks are kept as they were.
            name = ShadowEntryShape.SkipWhiteSpace(text, start, lineEnd);
            if (string.CompareOrdinal(text, name, prefix, 0, prefix.Length) == 0 && IsReadable(text[name..lineEnd]))
            {
                return start;
            }

            start = nextLine;
        }

        name = -1;
        return -1;
    }

    /// <summary>Whether glibc reads <paramref name="entry"/> (from its name on, no <c>\n</c>) as a passwd entry.</summary>
    private static bool IsReadable(string entry)
    {
        // Name, password, uid, gid; what follows is optional and not looked at.
        var fields = entry.Split(':', 5);
        return fields.Length >= 4 && IsId(fields[2]) && IsId(fields[3]);
    }

    /// <summary>What glibc's <c>INT_FIELD</c> takes: <c>strtoul</c> reading the whole field, the value within 32 bits.</summary>
    private static bool IsId(string field)
    {
        var digits = field.AsSpan().TrimStart(ShadowEntryShape.WhiteSpace);
        var negative = digits.Length > 0 && digits[0] == '-';
        if (digits.Length > 0 && digits[0] is '+' or '-')
        {
            digits = digits[1..];
        }

        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        // strtoul negates a "-" value modulo 2^64: -0, and -18446744073709551615 (uid 1) up to
        // -18446744069414584321 (4294967295), stay within 32 bits.
        return ShadowEntryShape.IsWithin32Bits(digits, negative);
    }
}
