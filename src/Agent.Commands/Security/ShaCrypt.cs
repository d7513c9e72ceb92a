using System.Security.Cryptography;
using System.Text;

namespace GuestAgent.Commands.Security;

/// <summary>
/// SHA-256-crypt (<c>$5$</c>) and SHA-512-crypt (<c>$6$</c>) as specified by Ulrich Drepper
/// ("Unix crypt using SHA-256 and SHA-512"), the hashes glibc and libxcrypt verify.
/// </summary>
internal static class ShaCrypt
{
    /// <summary>The rounds used when a setting names none.</summary>
    public const int DefaultRounds = 5000;

    /// <summary>The largest rounds the specification allows; larger settings are clamped to it.</summary>
    public const int MaxRounds = 999_999_999;

    private const int MaxSaltLength = 16;

    // How many rounds pass between looks at the cancellation token: a few milliseconds of work.
    private const int RoundsPerCancellationCheck = 4096;

    // The byte order in which each variant's final digest is encoded, three bytes per group.
    private static ReadOnlySpan<byte> Sha512Order =>
    [
        0, 21, 42, 22, 43, 1, 44, 2, 23, 3, 24, 45, 25, 46, 4, 47, 5, 26, 6, 27, 48, 28, 49, 7, 50, 8, 29, 9, 30, 51,
        31, 52, 10, 53, 11, 32, 12, 33, 54, 34, 55, 13, 56, 14, 35, 15, 36, 57, 37, 58, 16, 59, 17, 38, 18, 39, 60,
        40, 61, 19, 62, 20, 41,
    ];

    private static ReadOnlySpan<byte> Sha256Order =>
    [
        0, 10, 20, 21, 1, 11, 12, 22, 2, 3, 13, 23, 24, 4, 14, 15, 25, 5, 6, 16, 26, 27, 7, 17, 18, 28, 8, 9, 19, 29,
    ];

    /// <summary>Hashes a password with SHA-512-crypt: <c>$6$[rounds=N$]salt$digest</c>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while hashing.</exception>
    public static string HashSha512(ReadOnlySpan<byte> password, string salt, int? rounds = null, CancellationToken cancellationToken = default) =>
        Hash(HashAlgorithmName.SHA512, password, salt, rounds, new HashCancellation(cancellationToken));

    /// <summary>Hashes a password with SHA-256-crypt: <c>$5$[rounds=N$]salt$digest</c>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while hashing.</exception>
    public static string HashSha256(ReadOnlySpan<byte> password, string salt, int? rounds = null, CancellationToken cancellationToken = default) =>
        Hash(HashAlgorithmName.SHA256, password, salt, rounds, new HashCancellation(cancellationToken));

    /// <summary>SHA-crypt with <paramref name="algorithm"/>, its cancellation polls observable.</summary>
    internal static string Hash(HashAlgorithmName algorithm, ReadOnlySpan<byte> password, string salt, int? rounds, HashCancellation cancellationToken)
    {
        var saltBytes = Encoding.ASCII.GetBytes(salt.Length > MaxSaltLength ? salt[..MaxSaltLength] : salt);
        var effectiveRounds = Math.Clamp(rounds ?? DefaultRounds, 1000, MaxRounds);
        var size = algorithm == HashAlgorithmName.SHA512 ? 64 : 32;
        var p = SecretArray.CopyOf(password);
        byte[]? pSequence = null;
        byte[]? a = null;
        try
        {
            // B = H(P S P)
            var b = Digest(algorithm, p, saltBytes, p);

            // A = H(P S, B repeated over len(P) bytes, then B or P for each bit of len(P))
            using (var ctx = IncrementalHash.CreateHash(algorithm))
            {
                ctx.AppendData(p);
                ctx.AppendData(saltBytes);
                AppendRepeated(ctx, b, p.Length);
                for (var n = p.Length; n > 0; n >>= 1)
                {
                    ctx.AppendData((n & 1) != 0 ? b : p);
                }

                a = SecretArray.Allocate(size);
                ctx.GetHashAndReset(a);
            }

            CryptographicOperations.ZeroMemory(b);

            // P sequence: H(P repeated len(P) times), stretched to len(P) bytes.
            pSequence = Sequence(algorithm, p, p.Length, p.Length);

            // S sequence: H(S repeated 16 + A[0] times), stretched to len(S) bytes.
            var sSequence = Sequence(algorithm, saltBytes, 16 + a[0], saltBytes.Length);

            using (var ctx = IncrementalHash.CreateHash(algorithm))
            {
                for (var i = 0; i < effectiveRounds; i++)
                {
                    // Up to a billion rounds are valid: an agent shutting down must not wait for them.
                    if (i % RoundsPerCancellationCheck == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    ctx.AppendData((i & 1) != 0 ? pSequence : a);
                    if (i % 3 != 0)
                    {
                        ctx.AppendData(sSequence);
                    }

                    if (i % 7 != 0)
                    {
                        ctx.AppendData(pSequence);
                    }

                    ctx.AppendData((i & 1) != 0 ? a : pSequence);
                    ctx.GetHashAndReset(a);
                }
            }

            var output = new StringBuilder(size == 64 ? "$6$" : "$5$");
            if (rounds is not null)
            {
                output.Append("rounds=").Append(effectiveRounds).Append('$');
            }

            output.Append(Encoding.ASCII.GetString(saltBytes)).Append('$');
            Encode(output, a, size == 64 ? Sha512Order : Sha256Order);
            return output.ToString();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(p);
            if (pSequence is not null)
            {
                CryptographicOperations.ZeroMemory(pSequence);
            }

            if (a is not null)
            {
                CryptographicOperations.ZeroMemory(a);
            }
        }
    }

    private static void Encode(StringBuilder output, byte[] digest, ReadOnlySpan<byte> order)
    {
        for (var i = 0; i < order.Length; i += 3)
        {
            CryptBase64.Append24(output, digest[order[i]], digest[order[i + 1]], digest[order[i + 2]], 4);
        }

        if (digest.Length == 64)
        {
            CryptBase64.Append24(output, 0, 0, digest[63], 2);
        }
        else
        {
            CryptBase64.Append24(output, 0, digest[31], digest[30], 3);
        }
    }

    private static byte[] Digest(HashAlgorithmName algorithm, params ReadOnlySpan<byte[]> parts)
    {
        using var ctx = IncrementalHash.CreateHash(algorithm);
        foreach (var part in parts)
        {
            ctx.AppendData(part);
        }

        var digest = SecretArray.Allocate(ctx.HashLengthInBytes);
        ctx.GetHashAndReset(digest);
        return digest;
    }

    /// <summary>Appends <paramref name="length"/> bytes of <paramref name="block"/> repeated.</summary>
    private static void AppendRepeated(IncrementalHash ctx, byte[] block, int length)
    {
        var n = length;
        for (; n > block.Length; n -= block.Length)
        {
            ctx.AppendData(block);
        }

        ctx.AppendData(block, 0, n);
    }

    /// <summary>H(input repeated <paramref name="times"/> times), repeated to <paramref name="length"/> bytes.</summary>
    private static byte[] Sequence(HashAlgorithmName algorithm, byte[] input, int times, int length)
    {
        byte[] digest;
        using (var ctx = IncrementalHash.CreateHash(algorithm))
        {
            for (var i = 0; i < times; i++)
            {
                ctx.AppendData(input);
            }

            digest = SecretArray.Allocate(ctx.HashLengthInBytes);
            ctx.GetHashAndReset(digest);
        }

        var sequence = SecretArray.Allocate(length);
        for (var i = 0; i < length; i++)
        {
            sequence[i] = digest[i % digest.Length];
        }

        CryptographicOperations.ZeroMemory(digest);
        return sequence;
    }
}
