using System.Security.Cryptography;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The AES-128 keys and IVs <c>openssl aes-128-cbc -pass pass:SECRET -nosalt</c> derives from Nova's
/// passphrase (<c>EVP_BytesToKey</c>, one iteration, no salt), worked out here independently of the
/// agent's code: SHA-256 (OpenSSL ≥ 1.1) gives one digest split into key and IV; MD5 (older
/// OpenSSL, which the agent tries first) gives key = MD5(S) and IV = MD5(key ‖ S).
/// </summary>
internal sealed record NovaKeys(byte[] Sha256Key, byte[] Sha256Iv, byte[] Md5Key, byte[] Md5Iv)
{
    public static NovaKeys Derive(byte[] passphrase)
    {
        var sha256 = SHA256.HashData(passphrase);
        var md5Key = MD5.HashData(passphrase);
        var md5Iv = MD5.HashData([.. md5Key, .. passphrase]);
        return new NovaKeys(sha256[..16], sha256[16..], md5Key, md5Iv);
    }

    /// <summary>Whether the SHA-256 key and IV decrypt <paramref name="ciphertext"/> to <paramref name="plaintext"/>.</summary>
    public bool Decrypts(byte[] ciphertext, byte[] plaintext)
    {
        using var aes = Aes.Create();
        aes.Key = Sha256Key;
        try
        {
            return aes.DecryptCbc(ciphertext, Sha256Iv, PaddingMode.PKCS7).AsSpan().SequenceEqual(plaintext);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
