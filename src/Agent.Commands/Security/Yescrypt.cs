using System.Security.Cryptography;
using System.Text;

namespace GuestAgent.Commands.Security;

/// <summary>
/// yescrypt password hashes in libxcrypt's <c>$y$&lt;params&gt;$&lt;salt&gt;$&lt;hash&gt;</c> form,
/// in C#. Supports every setting libxcrypt computes but those with a ROM or hash upgrades (refused):
/// the flavours <c>j</c> (what it writes), <c>.</c> (classic scrypt) and <c>/</c>
/// (<see cref="YescryptFlavour"/>), with N, r, and optionally p and t, under libxcrypt's rules.
/// </summary>
internal static class Yescrypt
{
    private const string Alphabet = CryptBase64.Alphabet;

    /// <summary>A new setting with the cost parameters of <paramref name="existingHash"/> (libxcrypt's default <c>j9T</c> otherwise) and a fresh 16-byte salt.</summary>
    public static string NewSetting(string? existingHash = null)
    {
        var parameters = "j9T";
        if (existingHash is not null && existingHash.StartsWith("$y$", StringComparison.Ordinal))
        {
            var parts = existingHash.Split('$');
            if (parts.Length >= 4 && TryParseParameters(parts[2], out _))
            {
                parameters = parts[2];
            }
        }

        return $"$y${parameters}${Encode(RandomNumberGenerator.GetBytes(16))}";
    }

    /// <summary>
    /// The work a supported <c>$y$</c> hash or setting asks for: the memory it fills (128·r·N bytes,
    /// p times over in the flavours without pwxform, whose p lanes fill all of it one after the
    /// other) and its time parameter t; <c>null</c> when the parameters are not supported.
    /// </summary>
    public static YescryptCost? CostOf(string hashOrSetting)
    {
        var parts = hashOrSetting.Split('$');
        return parts.Length >= 3 && parts[0].Length == 0 && parts[1] == "y" && TryParseParameters(parts[2], out var p)
            ? new YescryptCost(128UL * p.R * p.N * (p.Flavour == YescryptFlavour.ReadWrite ? 1 : p.P), p.T)
            : null;
    }

    /// <summary>Hashes <paramref name="password"/> with <paramref name="setting"/> (<c>$y$params$salt</c>, or a whole hash).</summary>
    /// <exception cref="FormatException">The setting is not a supported <c>$y$</c> setting.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while hashing.</exception>
    public static string Hash(ReadOnlySpan<byte> password, string setting, CancellationToken cancellationToken = default) =>
        Hash(password, setting, new HashCancellation(cancellationToken));

    /// <summary>As the public <see cref="Hash(ReadOnlySpan{byte}, string, CancellationToken)"/>, its polls observable.</summary>
    internal static string Hash(ReadOnlySpan<byte> password, string setting, HashCancellation cancellationToken)
    {
        var parts = setting.Split('$');
        if (parts.Length < 4 || parts[0].Length != 0 || parts[1] != "y" || !TryParseParameters(parts[2], out var p) ||
            !TryDecode(parts[3], out var salt) || salt.Length > 64)
        {
            throw new FormatException("Unsupported yescrypt setting");
        }

        var hash = YescryptCore.Kdf(password, salt, p.Flavour, p.N, p.R, p.P, p.T, cancellationToken);
        try
        {
            return $"$y${parts[2]}${parts[3]}${Encode(hash)}";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(hash);
        }
    }

    private readonly record struct Parameters(YescryptFlavour Flavour, ulong N, uint R, uint P, uint T);

    // libxcrypt's rules (yescrypt_kdf_body): N >= 4 (N <= 2^30 and p, t, r <= 64, 64, 1024 are ours, for
    // memory), N/p >= 4 in the read-write mode, no t in classic scrypt.
    private static bool TryParseParameters(string text, out Parameters parameters)
    {
        parameters = default;
        var position = 0;
        if (!TryDecodeNumber(text, ref position, 0, out var flavourNumber) || FlavourOf(flavourNumber) is not { } flavour ||
            !TryDecodeNumber(text, ref position, 1, out var nLog2) || nLog2 is < 2 or > 30 ||
            !TryDecodeNumber(text, ref position, 1, out var r) || r is < 1 or > 1024)
        {
            return false;
        }

        uint p = 1, t = 0;
        if (position < text.Length)
        {
            // Only p and t are supported: g (upgrades) and NROM (ROMs) are refused.
            if (!TryDecodeNumber(text, ref position, 1, out var have) || (have & ~3u) != 0 ||
                ((have & 1) != 0 && !TryDecodeNumber(text, ref position, 2, out p)) ||
                ((have & 2) != 0 && !TryDecodeNumber(text, ref position, 1, out t)))
            {
                return false;
            }
        }

        var n = 1UL << (int)nLog2;
        if (position != text.Length || p is < 1 or > 64 || t > 64 || (ulong)r * p >= 1 << 30 ||
            (flavour == YescryptFlavour.ReadWrite && n / p <= 3) || (flavour == YescryptFlavour.Scrypt && t != 0))
        {
            return false;
        }

        parameters = new Parameters(flavour, n, r, p, t);
        return true;
    }

    /// <summary>
    /// The flavour a number names: below RW (2) the mode itself, from RW up a pwxform flavour
    /// (RW + (number − RW)·4), of which only libxcrypt's defaults are computed.
    /// </summary>
    private static YescryptFlavour? FlavourOf(uint number) => number switch
    {
        0 => YescryptFlavour.Scrypt,
        1 => YescryptFlavour.Worm,
        _ when number <= YescryptCore.FlagRw + 0xFF && YescryptCore.FlagRw + ((number - YescryptCore.FlagRw) << 2) == YescryptCore.FlagsRwDefaults => YescryptFlavour.ReadWrite,
        _ => null,
    };

    /// <summary>yescrypt's variable-length number encoding: the first character says how many follow.</summary>
    private static bool TryDecodeNumber(string text, ref int position, uint min, out uint value)
    {
        value = 0;
        if (position >= text.Length || Index(text[position++]) is not { } c)
        {
            return false;
        }

        uint start = 0, end = 47, chars = 1, bits = 0;
        ulong result = min;
        while (c > end)
        {
            result += (ulong)(end + 1 - start) << (int)bits;
            start = end + 1;
            end = start + ((62 - end) / 2);
            chars++;
            bits += 6;
        }

        result += (ulong)(c - start) << (int)bits;
        while (--chars > 0)
        {
            if (position >= text.Length || Index(text[position++]) is not { } next)
            {
                return false;
            }

            bits -= 6;
            result += (ulong)next << (int)bits;
        }

        if (result > uint.MaxValue)
        {
            return false;
        }

        value = (uint)result;
        return true;
    }

    /// <summary>yescrypt's base-64: little-endian groups of up to 3 bytes, low 6 bits first.</summary>
    private static string Encode(ReadOnlySpan<byte> data)
    {
        var output = new StringBuilder();
        for (var i = 0; i < data.Length;)
        {
            uint value = 0, bits = 0;
            do
            {
                value |= (uint)data[i++] << (int)bits;
                bits += 8;
            }
            while (bits < 24 && i < data.Length);

            for (uint written = 0; written < bits; written += 6)
            {
                output.Append(Alphabet[(int)(value & 0x3f)]);
                value >>= 6;
            }
        }

        return output.ToString();
    }

    private static bool TryDecode(string text, out byte[] data)
    {
        var output = new List<byte>();
        data = [];
        for (var i = 0; i < text.Length;)
        {
            uint value = 0, bits = 0;
            while (i < text.Length && bits < 24)
            {
                if (Index(text[i++]) is not { } c)
                {
                    return false;
                }

                value |= c << (int)bits;
                bits += 6;
            }

            if (bits < 12)
            {
                return false;
            }

            while (bits >= 8)
            {
                output.Add((byte)value);
                value >>= 8;
                bits -= 8;
            }

            // The leftover 2 or 4 bits must be zero, so each salt has exactly one spelling.
            if (value != 0)
            {
                return false;
            }
        }

        data = [.. output];
        return true;
    }

    private static uint? Index(char c)
    {
        var index = Alphabet.IndexOf(c, StringComparison.Ordinal);
        return index < 0 ? null : (uint)index;
    }
}

/// <summary>What a yescrypt setting costs to compute.</summary>
/// <param name="MemoryBytes">The memory it fills: 128·r·N bytes (libxcrypt's default <c>j9T</c>: 16 MiB).</param>
/// <param name="Time">The time parameter t: 0 (libxcrypt's only value) for the least passes over that memory.</param>
internal readonly record struct YescryptCost(ulong MemoryBytes, uint Time);
