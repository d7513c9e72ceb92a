namespace GuestAgent.Daemon.NovaHost;

/// <summary>
/// What the plain <c>xenstore-write</c> (libxenstore's <c>unsanitise_value</c>, no <c>-R</c>) stores
/// for its argument, which is how Nova's dom0 plugin writes a request (nova-agent-protocol.md §2.4):
/// the tool un-escapes it. After a backslash: <c>\\</c>, <c>t</c>, <c>n</c>, <c>r</c> give a backslash,
/// tab, line feed and carriage return; <c>x</c> reads a number as <c>sscanf("%2x")</c> does (white
/// space skipped first, then at most two characters: an optional sign, hex digits, or <c>0x</c> read as 0), and leaves the <c>x</c> alone when
/// there is none; an octal digit starts up to three of them (<c>sscanf("%3o")</c>, the value cut to a
/// byte); a backslash at the very end stores a NUL; before any other byte the backslash is dropped.
/// So a JSON escape such as <c>\"</c> or <c>\u00e9</c> reaches the agent as <c>"</c> or <c>u00e9</c>.
/// </summary>
internal static class XenStoreWriteText
{
    /// <summary>The bytes <c>xenstore-write</c> stores for the argument <paramref name="argument"/>.</summary>
    public static byte[] Of(ReadOnlySpan<byte> argument)
    {
        var stored = new List<byte>(argument.Length);
        var i = 0;
        while (i < argument.Length)
        {
            var b = argument[i++];
            if (b != (byte)'\\')
            {
                stored.Add(b);
                continue;
            }

            if (i == argument.Length)
            {
                // The C loop stores the string's terminating NUL before it sees the end.
                stored.Add(0);
                break;
            }

            var escaped = argument[i++];
            switch (escaped)
            {
                case (byte)'t': stored.Add((byte)'\t'); break;
                case (byte)'n': stored.Add((byte)'\n'); break;
                case (byte)'r': stored.Add((byte)'\r'); break;
                case (byte)'x':
                    var (hex, hexLength) = ScanHex(argument[i..]);
                    stored.Add(hexLength == 0 ? (byte)'x' : hex);
                    i += hexLength;
                    break;
                case >= (byte)'0' and <= (byte)'7':
                    var (octal, octalLength) = ScanOctal(argument[(i - 1)..]);
                    stored.Add(octal);
                    i += octalLength - 1;
                    break;
                default: stored.Add(escaped); break;
            }
        }

        return [.. stored];
    }

    /// <summary><c>sscanf(text, "%2x%n")</c>: the value's low byte and the characters read; 0 read when it fails.</summary>
    private static (byte Value, int Length) ScanHex(ReadOnlySpan<byte> text)
    {
        var i = 0;
        while (i < text.Length && IsSpace(text[i]))
        {
            i++;
        }

        // The width counts the sign, not the white space before it.
        var end = Math.Min(text.Length, i + 2);
        var negative = false;
        if (i < end && text[i] is (byte)'+' or (byte)'-')
        {
            negative = text[i] == (byte)'-';
            i++;
        }

        if (i + 1 < end && text[i] == (byte)'0' && text[i + 1] is (byte)'x' or (byte)'X')
        {
            // %x takes a 0x prefix; here it fills the width, so it reads as the number 0.
            return (0, i + 2);
        }

        var value = 0;
        var start = i;
        while (i < end && HexValue(text[i]) is >= 0 and var digit)
        {
            value = (value * 16) + digit;
            i++;
        }

        return i == start ? (default, 0) : ((byte)(negative ? -value : value), i);
    }

    /// <summary><c>sscanf(text, "%3o%n")</c> where <paramref name="text"/> starts with an octal digit.</summary>
    private static (byte Value, int Length) ScanOctal(ReadOnlySpan<byte> text)
    {
        var value = 0;
        var i = 0;
        while (i < Math.Min(text.Length, 3) && text[i] is >= (byte)'0' and <= (byte)'7')
        {
            value = (value * 8) + (text[i] - '0');
            i++;
        }

        return ((byte)value, i);
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (>= (byte)'\t' and <= (byte)'\r');

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
