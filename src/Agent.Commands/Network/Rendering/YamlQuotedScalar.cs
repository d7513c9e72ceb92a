using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// A quoted YAML scalar as netplan's YAML reader (libyaml) takes it: <c>'…'</c> with <c>''</c> for a
/// quote, <c>"…"</c> with backslash escapes. Another netplan file's <c>"eth\x30":</c> is netplan's
/// <c>eth0</c> (checked with netplan 0.106: it writes <c>10-netplan-eth0.network</c> for it), so its
/// keys and values are compared by what netplan reads, not as they are written.
/// </summary>
internal static partial class YamlQuotedScalar
{
    /// <summary>
    /// The scalar <paramref name="token"/> stands for: a quoted one decoded, any other as it is; <c>null</c>
    /// for a quoted one that is not closed where it ends or holds an escape libyaml refuses
    /// ("found unknown escape character", <c>"eth\'0"</c>: netplan fails on such a file).
    /// </summary>
    public static string? Decode(string token)
    {
        if (token.Length == 0 || token[0] is not ('"' or '\''))
        {
            return token;
        }

        if (token.Length < 2 || token[^1] != token[0])
        {
            return null;
        }

        var inner = token[1..^1];
        return token[0] == '\'' ? SingleQuoted(inner) : DoubleQuoted(inner);
    }

    /// <summary>
    /// <paramref name="text"/> with each double-quoted scalar on a line decoded and written again with
    /// only the escapes its value needs (kept as written where libyaml would refuse it), for the searches
    /// over a file's text that do not read it structurally: a <c>name: "eth\x30"</c> is a <c>name: "eth0"</c>,
    /// and a <c>"e*\"x"</c> stays one scalar, which <see cref="Decode"/> then reads once (decoding the
    /// text in place without quoting again would end it at the inner quote, or decode <c>"eth\\x2a"</c> twice).
    /// </summary>
    public static string DecodeAll(string text) =>
        text.Contains('\\', StringComparison.Ordinal)
            ? DoubleQuotedScalar().Replace(text, m => DoubleQuoted(m.Value[1..^1]) is { } value ? Quote(value) : m.Value)
            : text;

    /// <summary><paramref name="value"/> as a double-quoted scalar, escaping only a quote, a backslash and the characters that are no printable text on a line.</summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' or '\\' => quoted.Append('\\').Append(c),
                < ' ' or '\u007f' => quoted.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                '\u0085' or '\u2028' or '\u2029' or '\ufeff' => quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }

    private static string? SingleQuoted(string inner)
    {
        // '' is a quote; a quote alone would have ended the scalar.
        var value = Folded(inner, escapes: false)!.Replace("''", "\u0000", StringComparison.Ordinal);
        return value.Contains('\'', StringComparison.Ordinal) ? null : value.Replace('\u0000', '\'');
    }

    private static string? DoubleQuoted(string inner) => Folded(inner, escapes: true);

    /// <summary>
    /// The scalar's text with its line breaks folded as libyaml folds a quoted scalar over several lines
    /// (the spaces around one break become one space, n breaks n-1 newlines; in a double-quoted one a
    /// backslash before the break joins the lines), and, with <paramref name="escapes"/>, its escapes
    /// decoded; <c>null</c> where libyaml refuses it.
    /// </summary>
    private static string? Folded(string inner, bool escapes)
    {
        var value = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                var end = i;
                while (end < inner.Length && inner[end] is ' ' or '\t' or '\r' or '\n')
                {
                    end++;
                }

                var breaks = inner.AsSpan(i, end - i).Count('\n');
                value.Append(breaks == 0 ? inner[i..end] : breaks == 1 ? " " : new string('\n', breaks - 1));
                i = end - 1;
                continue;
            }

            if (!escapes || c != '\\')
            {
                if (escapes && c == '"')
                {
                    return null;
                }

                value.Append(c);
                continue;
            }

            if (++i == inner.Length)
            {
                return null;
            }

            if (inner[i] is '\r' or '\n')
            {
                // An escaped line break: the lines join, the next one's leading spaces dropped, each further break kept.
                var end = i;
                while (end < inner.Length && inner[end] is ' ' or '\t' or '\r' or '\n')
                {
                    end++;
                }

                value.Append('\n', Math.Max(0, inner.AsSpan(i, end - i).Count('\n') - 1));
                i = end - 1;
                continue;
            }

            // libyaml's escapes (its scanner's list, YAML 1.1 with \/ and \t as a tab itself).
            var simple = inner[i] switch
            {
                '0' => "\0",
                'a' => "\a",
                'b' => "\b",
                't' or '\t' => "\t",
                'n' => "\n",
                'v' => "\v",
                'f' => "\f",
                'r' => "\r",
                'e' => "\u001b",
                ' ' => " ",
                '"' => "\"",
                '/' => "/",
                '\\' => "\\",
                'N' => "\u0085",
                '_' => "\u00a0",
                'L' => "\u2028",
                'P' => "\u2029",
                _ => null,
            };
            if (simple is not null)
            {
                value.Append(simple);
                continue;
            }

            var digits = inner[i] switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
            if (digits == 0 || inner.Length - i - 1 < digits
                || !uint.TryParse(inner.AsSpan(i + 1, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                || code is (>= 0xd800 and <= 0xdfff) or > 0x10ffff)
            {
                // libyaml: "found unknown escape character", "did not find expected hexdecimal number", "found invalid Unicode character escape code".
                return null;
            }

            value.Append(char.ConvertFromUtf32((int)code));
            i += digits;
        }

        return value.ToString();
    }

    // A double-quoted scalar within one line: escaped characters and anything but a quote or newline.
    [GeneratedRegex(@"""(?:[^""\\\n]|\\[^\n])*""", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DoubleQuotedScalar();
}
