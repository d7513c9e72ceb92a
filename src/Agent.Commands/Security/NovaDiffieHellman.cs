using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace GuestAgent.Commands.Security;

/// <summary>
/// The Diffie-Hellman exchange Nova uses before <c>password</c>: p = 2^107 − 1 (the Mersenne prime
/// M107), g = 5, public keys and the shared secret written as decimal ASCII.
/// </summary>
/// <remarks>
/// The group is fixed by Nova and far too small to resist a discrete-log attack; it cannot change
/// without breaking compatibility. What the agent can do, it does: a fresh private key from a
/// cryptographic RNG for every exchange, and peer keys outside [2, p − 2] are refused.
/// </remarks>
public static class NovaDiffieHellman
{
    /// <summary>The largest number of decimal digits accepted for a peer key or formatted for a secret (p has 33).</summary>
    private const int MaxDigits = 64;

    /// <summary>The prime p = 2^107 − 1.</summary>
    public static BigInteger Prime { get; } = (BigInteger.One << 107) - 1;

    /// <summary>The generator g = 5.</summary>
    public static BigInteger Generator { get; } = 5;

    /// <summary>A fresh private key in [2, p − 2], drawn from the operating system's CSPRNG.</summary>
    public static BigInteger CreatePrivateKey()
    {
        // 256 random bits reduced modulo p − 3: the bias is below 2^-140.
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        var value = new BigInteger(random, isUnsigned: true);
        CryptographicOperations.ZeroMemory(random);
        return 2 + (value % (Prime - 3));
    }

    /// <summary>g^x mod p.</summary>
    public static BigInteger ComputePublicKey(BigInteger privateKey) => BigInteger.ModPow(Generator, privateKey, Prime);

    /// <summary>peer^x mod p as decimal ASCII, the passphrase both sides feed to OpenSSL's key derivation.</summary>
    public static byte[] ComputeSharedSecret(BigInteger privateKey, BigInteger peerPublicKey)
    {
        if (!IsValidPublicKey(peerPublicKey))
        {
            throw new ArgumentOutOfRangeException(nameof(peerPublicKey), "The peer's public key must lie in [2, p-2]");
        }

        return DecimalAscii(BigInteger.ModPow(peerPublicKey, privateKey, Prime));
    }

    /// <summary>
    /// The decimal digits of a non-negative <paramref name="value"/> of at most 64 digits as ASCII
    /// bytes, what <c>value.ToString()</c> would give, but formatted into a stack buffer that is
    /// zeroed afterwards: no string (immutable, never wiped) holds the digits of the shared secret.
    /// This narrows the exposure, it does not end it: the <see cref="BigInteger"/> passed in (the
    /// result of <c>ModPow</c>), the private key's <see cref="BigInteger"/> and ModPow's intermediate
    /// values keep the secret in heap arrays that .NET gives no way to wipe; they stay in memory
    /// until the garbage collector reuses it.
    /// </summary>
    internal static byte[] DecimalAscii(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "The value must not be negative");
        }

        Span<char> digits = stackalloc char[MaxDigits];
        try
        {
            if (!value.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture))
            {
                throw new ArgumentOutOfRangeException(nameof(value), "The value has more than 64 digits");
            }

            var ascii = SecretArray.Allocate(written);
            for (var i = 0; i < written; i++)
            {
                ascii[i] = (byte)digits[i];
            }

            return ascii;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(digits));
        }
    }

    /// <summary>Whether a public key lies in [2, p − 2] (1 and p − 1 would force the shared secret).</summary>
    public static bool IsValidPublicKey(BigInteger publicKey) => publicKey >= 2 && publicKey <= Prime - 2;

    /// <summary>
    /// Parses a public key written as decimal digits, with spaces, tabs, CRs or LFs around them
    /// (JSON's white space; no other character is trimmed).
    /// </summary>
    public static bool TryParsePublicKey(ReadOnlySpan<char> text, out BigInteger publicKey)
    {
        publicKey = default;
        // Only JSON's four white-space characters, which a regular expression states the same in every
        // JSON Schema engine (keyinit's stated schema); Nova sends bare digits.
        text = text.Trim(" \t\r\n");
        if (text.IsEmpty || text.Length > MaxDigits)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        publicKey = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }
}
