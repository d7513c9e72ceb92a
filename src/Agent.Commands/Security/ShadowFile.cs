using System.Text;

namespace GuestAgent.Commands.Security;

/// <summary>
/// Replaces one user's password hash in the text of a shadow file, leaving every other byte as it
/// was. Bytes are handled as Latin-1 so any content round-trips exactly.
/// </summary>
internal static class ShadowFile
{
    /// <summary>The new file contents, or an error text when the entry is missing or malformed.</summary>
    /// <param name="contents">The current file.</param>
    /// <param name="user">The account, for example <c>root</c>.</param>
    /// <param name="makeHash">Makes the new hash from the current password field.</param>
    /// <param name="daysSinceEpoch">The new "last password change" field.</param>
    /// <param name="updated">The new contents when the result is <c>null</c>.</param>
    /// <returns><c>null</c> on success, otherwise the error text.</returns>
    public static string? TryReplaceHash(byte[] contents, string user, Func<string, string> makeHash, long daysSinceEpoch, out byte[] updated)
    {
        updated = [];
        var text = Encoding.Latin1.GetString(contents);
        var prefix = user + ":";
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var lineEnd = end < 0 ? text.Length : end;
            if (string.CompareOrdinal(text, start, prefix, 0, prefix.Length) == 0)
            {
                var line = text[start..lineEnd];
                var carriageReturn = line.EndsWith('\r');
                var fields = (carriageReturn ? line[..^1] : line).Split(':');
                if (fields.Length < 3)
                {
                    return ShadowMessages.UnknownFormat;
                }

                fields[1] = makeHash(fields[1]);
                fields[2] = daysSinceEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var replaced = string.Join(':', fields) + (carriageReturn ? "\r" : "");
                updated = Encoding.Latin1.GetBytes(string.Concat(text.AsSpan(0, start), replaced, text.AsSpan(lineEnd)));
                return null;
            }

            start = lineEnd + 1;
        }

        return ShadowMessages.NoEntry;
    }
}
