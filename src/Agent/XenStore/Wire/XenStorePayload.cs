using System.Text;

namespace GuestAgent.XenStore.Wire;

/// <summary>
/// Payload encodings: NUL-terminated strings, WRITE's path plus an unterminated value, and the
/// one-argument rule (exactly one NUL, as the last byte).
/// </summary>
internal static class XenStorePayload
{
    /// <summary>
    /// Encodes strings, each followed by a NUL. A string holding a NUL is refused
    /// (<see cref="ArgumentException"/>): the server would read it as two strings, so a path would
    /// name another node (see <see cref="PathAndValue"/>).
    /// </summary>
    public static byte[] Strings(params ReadOnlySpan<string> values)
    {
        var length = 0;
        foreach (var value in values)
        {
            RefuseNul(value);
            length += Encoding.UTF8.GetByteCount(value) + 1;
        }

        var payload = new byte[length];
        var offset = 0;
        foreach (var value in values)
        {
            offset += Encoding.UTF8.GetBytes(value, payload.AsSpan(offset));
            payload[offset++] = 0;
        }

        return payload;
    }

    /// <summary>
    /// Encodes a WRITE payload: the path, a NUL, then the raw value with no terminator. A path holding
    /// a NUL is refused (<see cref="ArgumentException"/>): the server ends the path at the first NUL,
    /// so "/a\0b" would write "/a" with the rest of the path in its value. The value may hold NULs.
    /// </summary>
    public static byte[] PathAndValue(string path, ReadOnlySpan<byte> value)
    {
        RefuseNul(path);
        var pathLength = Encoding.UTF8.GetByteCount(path);
        var payload = new byte[pathLength + 1 + value.Length];
        Encoding.UTF8.GetBytes(path, payload);
        value.CopyTo(payload.AsSpan(pathLength + 1));
        return payload;
    }

    // The message names no value: a path or token may be host-chosen text.
    private static void RefuseNul(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A XenStore path, token or permission entry cannot hold a NUL byte: the server would read it as two strings, naming another node.");
        }
    }

    /// <summary>
    /// Splits a payload of NUL-terminated strings. Bytes after the last NUL, if any, form a final
    /// string. Strings are decoded as Latin-1 so any byte sequence round-trips.
    /// </summary>
    public static List<string> Split(ReadOnlySpan<byte> payload)
    {
        var strings = new List<string>();
        while (!payload.IsEmpty)
        {
            var end = payload.IndexOf((byte)0);
            if (end < 0)
            {
                strings.Add(Encoding.Latin1.GetString(payload));
                break;
            }

            strings.Add(Encoding.Latin1.GetString(payload[..end]));
            payload = payload[(end + 1)..];
        }

        return strings;
    }

    /// <summary>
    /// The NUL-terminated strings of a multi-string request, as C xenstored counts them
    /// (<c>get_strings</c>, <c>xs_count_strings</c>: one per NUL): bytes after the last NUL are not a
    /// string and are ignored.
    /// </summary>
    public static List<string> TerminatedStrings(ReadOnlySpan<byte> payload)
    {
        var last = payload.LastIndexOf((byte)0);
        return last < 0 ? [] : Split(payload[..(last + 1)]);
    }

    /// <summary>
    /// Reads the single argument of a one-argument request: the payload must hold exactly one NUL,
    /// as its last byte (xenstored's <c>onearg()</c>).
    /// </summary>
    public static bool TryOneArgument(ReadOnlySpan<byte> payload, out string argument)
    {
        var nul = payload.IndexOf((byte)0);
        if (nul < 0 || nul != payload.Length - 1)
        {
            argument = string.Empty;
            return false;
        }

        argument = Encoding.Latin1.GetString(payload[..nul]);
        return true;
    }

    /// <summary>Reads a reply that is a single NUL-terminated string (the terminator is optional).</summary>
    public static string SingleString(ReadOnlySpan<byte> payload)
    {
        var nul = payload.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul < 0 ? payload : payload[..nul]);
    }
}
