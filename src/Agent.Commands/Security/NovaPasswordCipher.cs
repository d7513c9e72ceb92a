using System.Security.Cryptography;

namespace GuestAgent.Commands.Security;

/// <summary>
/// The symmetric layer of Nova's password exchange, both directions: AES-128-CBC with the key and IV
/// that <c>openssl aes-128-cbc -A -a -pass pass:&lt;secret&gt; -nosalt</c> derives from the decimal
/// shared secret. Decryption follows spec §4.5: MD5 derivation first, then SHA-256, each accepted
/// only with a complete PKCS#7 padding and a plaintext ending in <c>\n</c> — and, beyond the spec,
/// only when the password inside is valid UTF-8 without control characters (see <see cref="TryDecrypt"/>).
/// </summary>
public static class NovaPasswordCipher
{
    private const int BlockSize = 16;

    /// <summary>
    /// Encrypts a password as Nova does: <c>password + "\n"</c>, PKCS#7, base64 on one line.
    /// </summary>
    /// <param name="sharedSecret">The decimal ASCII shared secret.</param>
    /// <param name="password">The new password (UTF-8).</param>
    /// <param name="digest">The key derivation digest; Nova's command line on OpenSSL ≥ 1.1 means SHA-256.</param>
    public static string Encrypt(ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<char> password, NovaCipherDigest digest = NovaCipherDigest.Sha256)
    {
        var plaintext = SecretArray.Allocate(System.Text.Encoding.UTF8.GetByteCount(password) + 1);
        Span<byte> key = stackalloc byte[BlockSize];
        Span<byte> iv = stackalloc byte[BlockSize];
        try
        {
            System.Text.Encoding.UTF8.GetBytes(password, plaintext);
            plaintext[^1] = (byte)'\n';
            DeriveKeyAndIv(sharedSecret, digest, key, iv);
            using var aes = Aes.Create();
            aes.SetKey(key);
            return Convert.ToBase64String(aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(iv);
        }
    }

    /// <summary>
    /// Decrypts a ciphertext, trying MD5 then SHA-256. Returns <c>null</c> unless one derivation gives
    /// a complete PKCS#7 padding, a plaintext ending in <c>\n</c>, and between the newlines at either
    /// end valid UTF-8 without control characters. The last check is ours, not the spec's: a wrong
    /// (MD5) key passes the first two by chance about once in 65,000 SHA-256 ciphertexts, and would
    /// then set random bytes as the root password; random bytes are almost never printable UTF-8, and
    /// a password Nova sends always is. The caller owns (and should zero) the returned plaintext,
    /// which still ends in <c>\n</c>.
    /// </summary>
    public static byte[]? TryDecrypt(ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> ciphertext, out NovaCipherDigest digest)
    {
        digest = NovaCipherDigest.Md5;
        if (ciphertext.IsEmpty || ciphertext.Length % BlockSize != 0)
        {
            return null;
        }

        foreach (var candidate in (ReadOnlySpan<NovaCipherDigest>)[NovaCipherDigest.Md5, NovaCipherDigest.Sha256])
        {
            if (TryDecryptWith(sharedSecret, ciphertext, candidate) is { } plaintext)
            {
                digest = candidate;
                return plaintext;
            }
        }

        return null;
    }

    /// <summary>
    /// OpenSSL's <c>EVP_BytesToKey</c> with one iteration and no salt, for a 16-byte key and IV.
    /// MD5: key = MD5(S), iv = MD5(key ‖ S). SHA-256: one digest, split into key and IV.
    /// </summary>
    public static void DeriveKeyAndIv(ReadOnlySpan<byte> sharedSecret, NovaCipherDigest digest, Span<byte> key, Span<byte> iv)
    {
        if (key.Length != BlockSize || iv.Length != BlockSize)
        {
            throw new ArgumentException("Key and IV are 16 bytes each");
        }

        if (digest == NovaCipherDigest.Sha256)
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(sharedSecret, hash);
            hash[..BlockSize].CopyTo(key);
            hash[BlockSize..].CopyTo(iv);
            CryptographicOperations.ZeroMemory(hash);
            return;
        }

        MD5.HashData(sharedSecret, key);
        var keyAndSecret = SecretArray.Allocate(BlockSize + sharedSecret.Length);
        key.CopyTo(keyAndSecret);
        sharedSecret.CopyTo(keyAndSecret.AsSpan(BlockSize));
        MD5.HashData(keyAndSecret, iv);
        CryptographicOperations.ZeroMemory(keyAndSecret);
    }

    private static byte[]? TryDecryptWith(ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> ciphertext, NovaCipherDigest digest)
    {
        Span<byte> key = stackalloc byte[BlockSize];
        Span<byte> iv = stackalloc byte[BlockSize];
        var padded = SecretArray.Allocate(ciphertext.Length);
        try
        {
            DeriveKeyAndIv(sharedSecret, digest, key, iv);
            using var aes = Aes.Create();
            aes.SetKey(key);
            aes.DecryptCbc(ciphertext, iv, padded, PaddingMode.None);
            var length = UnpaddedLength(padded);
            if (length <= 0 || padded[length - 1] != (byte)'\n' || !IsPrintableUtf8(padded.AsSpan(0, length).Trim((byte)'\n')))
            {
                return null;
            }

            return SecretArray.CopyOf(padded.AsSpan(0, length));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(padded);
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(iv);
        }
    }

    /// <summary>
    /// Valid UTF-8 with no control character (C0, DEL, C1): what any password typed or generated for
    /// Nova is, and what a decryption under the wrong key almost never yields. Decoded rune by rune in
    /// place, so the secret is never copied into a string.
    /// </summary>
    private static bool IsPrintableUtf8(ReadOnlySpan<byte> text)
    {
        while (!text.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf8(text, out var rune, out var consumed) != System.Buffers.OperationStatus.Done || System.Text.Rune.IsControl(rune))
            {
                return false;
            }

            text = text[consumed..];
        }

        return true;
    }

    /// <summary>The plaintext length when the whole PKCS#7 padding is valid, else −1.</summary>
    private static int UnpaddedLength(ReadOnlySpan<byte> padded)
    {
        int pad = padded[^1];
        if (pad is < 1 or > BlockSize)
        {
            return -1;
        }

        var bad = 0;
        for (var i = padded.Length - pad; i < padded.Length; i++)
        {
            bad |= padded[i] ^ pad;
        }

        return bad == 0 ? padded.Length - pad : -1;
    }
}
