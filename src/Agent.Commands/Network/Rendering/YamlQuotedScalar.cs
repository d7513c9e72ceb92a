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
    /// <paramref name="text"/> with each double-quoted scalar on a line decoded in place (kept as written
    /// where libyaml would refuse it), for the searches over a file's text that do not read it
    /// structurally (a <c>name: "eth\x30"</c> is a <c>name: "eth0"</c>).
    /// </summary>
    public static string DecodeAll(string text) =>
        text.Contains('\\', StringComparison.Ordinal)
            ? DoubleQuotedScalar().Replace(text, m => $"\"{DoubleQuoted(m.Value[1..^1]) ?? m.Value[1..^1]}\"")
            : text;

    private static string? SingleQuoted(string inner)
    {
        // '' is a quote; a quote alone would have ended the scalar.
        var value = inner.Replace("''", "\u0000", StringComparison.Ordinal);
        return value.Contains('\'', StringComparison.Ordinal) ? null : value.Replace('\u0000', '\'');
    }

    private static string? DoubleQuoted(string inner)
    {
        var value = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            if (c == '"')
            {
                return null;
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (++i == inner.Length)
            {
                return null;
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
