using System.Globalization;
using System.Text;

namespace GuestAgent.Platform;

/// <summary>
/// 64-bit FNV-1a: a fingerprint that is stable across runs and processes (<c>string.GetHashCode</c>
/// is not) and needs no cryptography library, for what only has to tell inputs apart, never resist
/// someone choosing them (loading OpenSSL's libcrypto would cost every agent about 3 MB of memory).
/// </summary>
internal static class Fnv1a64
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>The hash of <paramref name="bytes"/>.</summary>
    public static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = OffsetBasis;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }

    /// <summary>
    /// The hash of <paramref name="text"/>'s UTF-8 (a lone surrogate counts as U+FFFD, as
    /// <see cref="Encoding.UTF8"/> writes it), encoded a character at a time: no buffer.
    /// </summary>
    public static ulong Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> utf8 = stackalloc byte[4];
        var hash = OffsetBasis;
        foreach (var rune in text.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                hash = (hash ^ b) * Prime;
            }
        }

        return hash;
    }

    /// <summary>The hash as 16 lowercase hex digits.</summary>
    public static string ToHex(ulong hash) => hash.ToString("x16", CultureInfo.InvariantCulture);
}
