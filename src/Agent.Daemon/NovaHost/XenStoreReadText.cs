using System.Text;

namespace GuestAgent.Daemon.NovaHost;

/// <summary>
/// A XenStore value as the plain <c>xenstore-read</c> (libxenstore's <c>sanitise_value</c>, no
/// <c>-R</c>) prints it, which is how Nova's dom0 plugin reads an answer (nova-agent-protocol.md
/// §2.4): printable ASCII other than the backslash as it is, the backslash doubled, tab, line feed
/// and carriage return as <c>\t</c>, <c>\n</c>, <c>\r</c>, the bytes 0–7 as three octal digits
/// (<c>\001</c>) and every other byte as <c>\x</c> and two lower-case hex digits (<c>\x1b</c>,
/// <c>\xc3</c>). So an answer holding a JSON escape or any byte outside printable ASCII reaches Nova
/// as a different text, or as one that is not JSON at all.
/// </summary>
internal static class XenStoreReadText
{
    /// <summary>The text <c>xenstore-read</c> prints for <paramref name="value"/> (without its final line break).</summary>
    public static string Of(ReadOnlySpan<byte> value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var b in value)
        {
            _ = b switch
            {
                (byte)'\\' => text.Append(@"\\"),
                >= (byte)' ' and <= (byte)'~' => text.Append((char)b),
                (byte)'\t' => text.Append(@"\t"),
                (byte)'\n' => text.Append(@"\n"),
                (byte)'\r' => text.Append(@"\r"),
                < 8 => text.Append('\\').Append((char)('0' + (b >> 6))).Append((char)('0' + ((b >> 3) & 7))).Append((char)('0' + (b & 7))),
                _ => text.Append(@"\x").Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]),
            };
        }

        return text.ToString();
    }

    private const string HexDigits = "0123456789abcdef";
}
