using System.Globalization;
using System.Text;

namespace GuestAgent.Commands.Network.Parsing;

/// <summary>Host-supplied text quoted in an answer or a log: printable ASCII only, no quotes, and short.</summary>
internal static class MessageText
{
    /// <summary>The longest excerpt quoted.</summary>
    public const int MaxLength = 64;

    /// <summary>The text made safe to quote.</summary>
    public static string Printable(string text)
    {
        var cleaned = new string(text.Take(MaxLength).Select(c => c is >= ' ' and <= '~' and not '\'' and not '"' and not '\\' ? c : '?').ToArray());
        return text.Length > MaxLength ? cleaned + "..." : cleaned;
    }

    /// <summary>
    /// The text with every character <see cref="Printable"/> would hide, and <c>%</c> itself, shown
    /// as <c>%</c> and two hex digits per UTF-8 byte (<c>%01</c>, <c>%C3%A9</c>), for a name that
    /// must stay recognisable: the kernel lets an interface name hold control characters, which a
    /// terminal showing the answer would obey. Not a backslash escape: the response writer turns
    /// every backslash into <c>/</c> (Nova's xenstore-read would double it), so <c>\x01</c> would
    /// reach the host as <c>/x01</c>.
    /// </summary>
    public static string Escaped(string text)
    {
        var escaped = new StringBuilder();
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in text.Take(MaxLength).ToArray().AsSpan().EnumerateRunes())
        {
            if (rune.Value is >= ' ' and <= '~' and not '\'' and not '"' and not '\\' and not '%')
            {
                escaped.Append((char)rune.Value);
                continue;
            }

            foreach (var b in bytes[..rune.EncodeToUtf8(bytes)])
            {
                escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.Length > MaxLength ? escaped + "..." : escaped.ToString();
    }
}
