using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GuestAgent.Commands.Security;

/// <summary>
/// The yescrypt KDF (Solar Designer's yescrypt 1.x, the <c>$y$</c> hashes of libxcrypt) in the
/// modes libxcrypt computes (<see cref="YescryptFlavour"/>): the pwxform settings every <c>$y$</c>
/// hash it writes uses (6 rounds, gather 4, simple 2, 12 KiB S-boxes), classic scrypt, and scrypt
/// with yescrypt's password steps. ROMs and hash upgrades are not supported. Written from the
/// published algorithm; checked against libxcrypt through <c>mkpasswd</c>.
/// </summary>
internal static class YescryptCore
{
    public const uint FlagRw = 0x002;

    // The only pwxform flavour libxcrypt accepts: RW | ROUNDS_6 | GATHER_4 | SIMPLE_2 | SBOX_12K.
    public const uint FlagsRwDefaults = 0x0b6;

    internal const int PwxSimple = 2;
    internal const int PwxGather = 4;
    internal const int PwxRounds = 6;
    internal const int SWidth = 8;
    internal const int PwxWords = PwxGather * PwxSimple * 2;
    internal const int SWords = 3 * (1 << SWidth) * PwxSimple * 2;
    internal const uint SMask = ((1 << SWidth) - 1) * PwxSimple * 8;

    // How many block mixes pass between looks at the cancellation token (a few milliseconds at r = 32).
    private const ulong BlocksPerCancellationCheck = 256;

    /// <summary>yescrypt(passwd, salt, N, r, p, t) → 32 bytes, with the pre-hash step of large read-write parameters.</summary>
    /// <param name="password">The password.</param>
    /// <param name="salt">The salt.</param>
    /// <param name="flavour">The mode.</param>
    /// <param name="n">N, the number of blocks.</param>
    /// <param name="r">r, the block size in 128-byte units.</param>
    /// <param name="p">p, the parallelism (lanes).</param>
    /// <param name="t">t, the time parameter.</param>
    /// <param name="cancellationToken">Polled between blocks of work.</param>
    /// <param name="workspaceMade">
    /// Told of each computation's working memory as it is made (two with the pre-hash): how a test
    /// sees that it is cleared on every exit path; none in production.
    /// </param>
    public static byte[] Kdf(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, YescryptFlavour flavour, ulong n, uint r, uint p, uint t, HashCancellation cancellationToken = default, Action<YescryptWorkspace>? workspaceMade = null)
    {
        if (flavour == YescryptFlavour.ReadWrite && n / p >= 0x100 && n / p * r >= 0x20000)
        {
            var prehash = Body(password, salt, flavour, n >> 6, r, p, 0, prehash: true, cancellationToken, workspaceMade);
            try
            {
                return Body(prehash, salt, flavour, n, r, p, t, prehash: false, cancellationToken, workspaceMade);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(prehash);
            }
        }

        return Body(password, salt, flavour, n, r, p, t, prehash: false, cancellationToken, workspaceMade);
    }

    private static byte[] Body(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, YescryptFlavour flavour, ulong n, uint r, uint p, uint t, bool prehash, HashCancellation cancellationToken, Action<YescryptWorkspace>? workspaceMade)
    {
        var s = checked((int)(32 * r));
        // Every array the password reaches, cleared however this ends (a cancelled hash included).
        using var work = new YescryptWorkspace(n, r, p);
        workspaceMade?.Invoke(work);
        var (v, bytes, b, xy, key) = (work.V, work.Bytes, work.B, work.Xy, work.Key);
        // Classic scrypt keys both PBKDF2 steps with the password itself; yescrypt's modes with
        // passwd <- HMAC-SHA256("yescrypt[-prehash]", passwd), then B's first 32 bytes.
        var scrypt = flavour == YescryptFlavour.Scrypt;
        if (!scrypt)
        {
            HMACSHA256.HashData(prehash ? "yescrypt-prehash"u8 : "yescrypt"u8, password, key);
        }

        Rfc2898DeriveBytes.Pbkdf2(scrypt ? password : key, salt, bytes, 1, HashAlgorithmName.SHA256);
        if (!scrypt)
        {
            bytes.AsSpan(0, 32).CopyTo(key);
        }

        for (var i = 0; i < b.Length; i++)
        {
            b[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4 * i));
        }

        if (flavour == YescryptFlavour.ReadWrite)
        {
            Smix(b, s, n, p, t, v, xy, work.Lanes, key, cancellationToken);
        }
        else
        {
            SmixSalsa(b, s, n, p, t, v, xy, cancellationToken);
        }

        for (var i = 0; i < b.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 * i), b[i]);
        }

        var result = SecretArray.Allocate(32);
        Rfc2898DeriveBytes.Pbkdf2(scrypt ? password : key, bytes, result, 1, HashAlgorithmName.SHA256);
        if (!scrypt && !prehash)
        {
            // ClientKey = HMAC(dk, "Client Key"); StoredKey = SHA-256(ClientKey), as in SCRAM.
            Span<byte> clientKey = stackalloc byte[32];
            HMACSHA256.HashData(result, "Client Key"u8, clientKey);
            SHA256.HashData(clientKey, result);
            CryptographicOperations.ZeroMemory(clientKey);
        }

        return result;
    }

    private static void Smix(uint[] b, int s, ulong n, uint p, uint t, uint[] v, uint[] xy, YescryptPwxform[] contexts, byte[] passwd, HashCancellation cancellationToken)
    {
        var nChunk = n / p;
        var nLoopAll = nChunk;
        if (t <= 1)
        {
            if (t != 0)
            {
                nLoopAll *= 2;
            }

            nLoopAll = (nLoopAll + 2) / 3;
        }
        else
        {
            nLoopAll *= t - 1;
        }

        var nLoopRw = nLoopAll / p;
        nChunk &= ~1UL;
        nLoopAll = (nLoopAll + 1) & ~1UL;
        nLoopRw = (nLoopRw + 1) & ~1UL;

        ulong vChunk = 0;
        for (var i = 0; i < p; i++, vChunk += nChunk)
        {
            var np = i < p - 1 ? nChunk : n - vChunk;
            var bOffset = i * s;
            var context = contexts[i];
            // The S-boxes come from SMix1 with r = 1 and Salsa20/8 over the block itself.
            Smix1(b, bOffset, 1, (ulong)SWords / 32, rw: false, context.S, 0, xy, null, cancellationToken);
            context.Reset();
            if (i == 0)
            {
                var hmacKey = SecretArray.Allocate(64);
                for (var w = 0; w < 16; w++)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(hmacKey.AsSpan(4 * w), b[bOffset + s - 16 + w]);
                }

                var mixed = SecretArray.Allocate(32);
                HMACSHA256.HashData(hmacKey, passwd, mixed);
                mixed.CopyTo(passwd);
                CryptographicOperations.ZeroMemory(mixed);
                CryptographicOperations.ZeroMemory(hmacKey);
            }

            var vOffset = checked((long)vChunk * s);
            Smix1(b, bOffset, s / 32, np, rw: true, v, vOffset, xy, context, cancellationToken);
            Smix2(b, bOffset, s / 32, P2Floor(np), nLoopRw, rw: true, v, vOffset, xy, context, cancellationToken);
        }

        for (var i = 0; i < p; i++)
        {
            Smix2(b, i * s, s / 32, n, nLoopAll - nLoopRw, rw: false, v, 0, xy, contexts[i], cancellationToken);
        }
    }

    /// <summary>
    /// SMix without pwxform (flavours 0 and 1): each lane in turn fills all of V with scrypt's
    /// BlockMix and reads it back N times (t = 0), 1.5·N (t = 1) or N·t (t ≥ 2), rounded up to even.
    /// </summary>
    private static void SmixSalsa(uint[] b, int s, ulong n, uint p, uint t, uint[] v, uint[] xy, HashCancellation cancellationToken)
    {
        var nLoop = n;
        if (t != 0)
        {
            if (t == 1)
            {
                nLoop += (nLoop + 1) / 2;
            }

            nLoop *= t;
        }

        nLoop = (nLoop + 1) & ~1UL;
        for (var i = 0; i < p; i++)
        {
            Smix1(b, i * s, s / 32, n, rw: false, v, 0, xy, null, cancellationToken);
            Smix2(b, i * s, s / 32, n, nLoop, rw: false, v, 0, xy, null, cancellationToken);
        }
    }

    private static void Smix1(uint[] b, int bOffset, int r, ulong n, bool rw, uint[] v, long vOffset, uint[] xy, YescryptPwxform? context, HashCancellation cancellationToken)
    {
        var s = 32 * r;
        Shuffle(b, bOffset, xy, r);
        for (ulong i = 0; i < n; i++)
        {
            CheckCancellation(i, cancellationToken);
            Array.Copy(xy, 0, v, vOffset + ((long)i * s), s);
            if (rw && i > 1)
            {
                var j = Wrap(Integerify(xy, r), i);
                Xor(xy, 0, v, vOffset + ((long)j * s), s);
            }

            BlockMix(xy, r, context);
        }

        Unshuffle(xy, b, bOffset, r);
    }

    private static void Smix2(uint[] b, int bOffset, int r, ulong n, ulong nLoop, bool rw, uint[] v, long vOffset, uint[] xy, YescryptPwxform? context, HashCancellation cancellationToken)
    {
        var s = 32 * r;
        Shuffle(b, bOffset, xy, r);
        for (ulong i = 0; i < nLoop; i++)
        {
            CheckCancellation(i, cancellationToken);
            var j = Integerify(xy, r) & (n - 1);
            var at = vOffset + ((long)j * s);
            Xor(xy, 0, v, at, s);
            if (rw)
            {
                Array.Copy(xy, 0, v, at, s);
            }

            BlockMix(xy, r, context);
        }

        Unshuffle(xy, b, bOffset, r);
    }

    /// <summary>Large settings take minutes: an agent shutting down must not wait for them.</summary>
    private static void CheckCancellation(ulong iteration, HashCancellation cancellationToken)
    {
        if (iteration % BlocksPerCancellationCheck == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static void BlockMix(uint[] xy, int r, YescryptPwxform? context)
    {
        if (context is null)
        {
            BlockMixSalsa8(xy, r);
        }
        else
        {
            BlockMixPwxform(xy, r, context);
        }
    }

    /// <summary>scrypt's BlockMix with Salsa20/8 on X = xy[0..32r), using xy[32r..64r) as Y.</summary>
    private static void BlockMixSalsa8(uint[] xy, int r)
    {
        var y = 32 * r;
        Span<uint> x = stackalloc uint[16];
        xy.AsSpan((2 * r - 1) * 16, 16).CopyTo(x);
        for (var i = 0; i < 2 * r; i++)
        {
            for (var k = 0; k < 16; k++)
            {
                x[k] ^= xy[(i * 16) + k];
            }

            YescryptSalsa20.Core(x, 8);
            x.CopyTo(xy.AsSpan(y + (i * 16), 16));
        }

        for (var i = 0; i < r; i++)
        {
            Array.Copy(xy, y + (i * 2 * 16), xy, i * 16, 16);
            Array.Copy(xy, y + (((i * 2) + 1) * 16), xy, (i + r) * 16, 16);
        }
    }

    private static void BlockMixPwxform(uint[] xy, int r, YescryptPwxform context)
    {
        var r1 = 128 * r / (PwxWords * 4);
        Span<uint> x = stackalloc uint[PwxWords];
        xy.AsSpan((r1 - 1) * PwxWords, PwxWords).CopyTo(x);
        for (var i = 0; i < r1; i++)
        {
            if (r1 > 1)
            {
                for (var k = 0; k < PwxWords; k++)
                {
                    x[k] ^= xy[(i * PwxWords) + k];
                }
            }

            context.Transform(x);
            x.CopyTo(xy.AsSpan(i * PwxWords, PwxWords));
        }

        var last = (r1 - 1) * PwxWords / 16;
        YescryptSalsa20.Core(xy.AsSpan(last * 16, 16), 2);
        for (var i = last + 1; i < 2 * r; i++)
        {
            for (var k = 0; k < 16; k++)
            {
                xy[(i * 16) + k] ^= xy[((i - 1) * 16) + k];
            }

            YescryptSalsa20.Core(xy.AsSpan(i * 16, 16), 2);
        }
    }

    /// <summary>Copies 2r blocks into X in the SIMD-shuffled word order the block functions work in.</summary>
    private static void Shuffle(uint[] b, int bOffset, uint[] x, int r)
    {
        for (var k = 0; k < 2 * r; k++)
        {
            for (var i = 0; i < 16; i++)
            {
                x[(k * 16) + i] = b[bOffset + (k * 16) + (i * 5 % 16)];
            }
        }
    }

    private static void Unshuffle(uint[] x, uint[] b, int bOffset, int r)
    {
        for (var k = 0; k < 2 * r; k++)
        {
            for (var i = 0; i < 16; i++)
            {
                b[bOffset + (k * 16) + (i * 5 % 16)] = x[(k * 16) + i];
            }
        }
    }

    /// <summary>The first 64 bits of the last block (word 13 is the second word after shuffling).</summary>
    private static ulong Integerify(uint[] x, int r)
    {
        var last = (2 * r - 1) * 16;
        return ((ulong)x[last + 13] << 32) + x[last];
    }

    private static ulong P2Floor(ulong x)
    {
        ulong y;
        while ((y = x & (x - 1)) != 0)
        {
            x = y;
        }

        return x;
    }

    private static ulong Wrap(ulong x, ulong i)
    {
        var n = P2Floor(i);
        return (x & (n - 1)) + (i - n);
    }

    private static void Xor(uint[] destination, int offset, uint[] source, long sourceOffset, int count)
    {
        for (var k = 0; k < count; k++)
        {
            destination[offset + k] ^= source[sourceOffset + k];
        }
    }
}
