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
    /// The text with every character <see cref="Printable"/> would hide shown as an escape
    /// (<c>\x01</c>, <c>\u00e9</c>), for a name that must stay recognisable: the kernel lets an
    /// interface name hold control characters, which a terminal showing the answer would obey.
    /// </summary>
    public static string Escaped(string text)
    {
        var escaped = new StringBuilder();
        foreach (var c in text.Take(MaxLength))
        {
            escaped.Append(c is >= ' ' and <= '~' and not '\'' and not '"' and not '\\' ? c.ToString()
                : c < 0x80 ? "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture) : "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }

        return text.Length > MaxLength ? escaped + "..." : escaped.ToString();
    }
}
