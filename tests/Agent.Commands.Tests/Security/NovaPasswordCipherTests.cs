using System.Text;
using GuestAgent.Commands.Security;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>Spec §4.3–§4.6, and the real openssl CLI in both directions.</summary>
public sealed class NovaPasswordCipherTests
{
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes(NovaDiffieHellmanTests.SharedSecret);

    [Theory]
    [InlineData(NovaCipherDigest.Md5, "c22d4eca5c08e73578f62f5d94507505", "16a668dd3a9e0c1e18bd0f180195f9a5")]
    [InlineData(NovaCipherDigest.Sha256, "256f608bf4476c30da93d7077f2ac835", "743ef7fdef5c13a843239789fd16998f")]
    public void Key_and_iv_match_the_spec_vectors(NovaCipherDigest digest, string key, string iv)
    {
        var (k, i) = Derive(Secret, digest);

        Assert.Equal(key, k);
        Assert.Equal(iv, i);
    }

    [Fact]
    public void Key_and_iv_match_the_python_agents_vector()
    {
        var (k, i) = Derive("None"u8.ToArray(), NovaCipherDigest.Md5);

        Assert.Equal("6adf97f83acf6453d4a6a4b1070f3754", k);
        Assert.Equal("23640dec368fbef3036470fc5465b865", i);
    }

    [Theory]
    [InlineData(NovaCipherDigest.Md5, "md5", NovaDiffieHellmanTests.SharedSecret)]
    [InlineData(NovaCipherDigest.Sha256, "sha256", NovaDiffieHellmanTests.SharedSecret)]
    [InlineData(NovaCipherDigest.Md5, "md5", "None")]
    [InlineData(NovaCipherDigest.Sha256, "sha256", "secret")]
    [InlineData(NovaCipherDigest.Md5, "md5", "162259276829213363391578010288126")]
    [InlineData(NovaCipherDigest.Sha256, "sha256", "7")]
    public async Task Key_and_iv_match_what_openssl_enc_derives(NovaCipherDigest digest, string md, string secret)
    {
        var openssl = ExternalTool.Require("openssl", "openssl");

        // -P prints the key and IV that EVP_BytesToKey derives from the passphrase, and stops.
        var result = await ExternalTool.RunAsync(openssl, ["enc", "-aes-128-cbc", "-pass", "pass:" + secret, "-nosalt", "-md", md, "-P"]);

        Assert.Equal(0, result.ExitCode);
        var printed = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim().ToLowerInvariant());
        var (key, iv) = Derive(Encoding.ASCII.GetBytes(secret), digest);
        Assert.Equal(printed["key"], key);
        Assert.Equal(printed["iv"], iv);
    }

    [Theory]
    [InlineData("IqgRf/4mhb4VAlvAFe9OSQ==", NovaCipherDigest.Md5)]
    [InlineData("jTmi0N1qNIJmjcIeFAInYA==", NovaCipherDigest.Sha256)]
    public void The_spec_ciphertexts_decrypt_with_the_right_digest(string ciphertext, NovaCipherDigest expected)
    {
        var plaintext = NovaPasswordCipher.TryDecrypt(Secret, Convert.FromBase64String(ciphertext), out var digest);

        Assert.Equal("Passw0rd!\n", Encoding.UTF8.GetString(plaintext!));
        Assert.Equal(expected, digest);
    }

    [Fact]
    public void The_windows_agents_vector_decrypts()
    {
        var plaintext = NovaPasswordCipher.TryDecrypt("secret"u8, Convert.FromBase64String("OTfAog/nwyzIcYOhvCBL0w=="), out var digest);

        Assert.Equal("rackspace\n", Encoding.UTF8.GetString(plaintext!));
        Assert.Equal(NovaCipherDigest.Md5, digest);
    }

    [Theory]
    [InlineData(NovaCipherDigest.Md5, "IqgRf/4mhb4VAlvAFe9OSQ==")]
    [InlineData(NovaCipherDigest.Sha256, "jTmi0N1qNIJmjcIeFAInYA==")]
    public void Encryption_reproduces_the_spec_ciphertexts(NovaCipherDigest digest, string expected)
    {
        Assert.Equal(expected, NovaPasswordCipher.Encrypt(Secret, "Passw0rd!", digest));
    }

    [Fact]
    public void A_wrong_key_a_truncated_ciphertext_and_a_corrupted_padding_are_rejected()
    {
        var good = Convert.FromBase64String(NovaPasswordCipher.Encrypt(Secret, "a longer password of two blocks", NovaCipherDigest.Md5));
        var corrupted = (byte[])good.Clone();
        corrupted[^17] ^= 0x01; // flips a bit of the last plaintext byte's mask: the padding breaks

        Assert.Null(NovaPasswordCipher.TryDecrypt("41320467447028654580417112609788"u8, good, out _));
        Assert.Null(NovaPasswordCipher.TryDecrypt(Secret, good.AsSpan(0, good.Length - 16), out _));
        Assert.Null(NovaPasswordCipher.TryDecrypt(Secret, good.AsSpan(0, good.Length - 1), out _));
        Assert.Null(NovaPasswordCipher.TryDecrypt(Secret, corrupted, out _));
        Assert.Null(NovaPasswordCipher.TryDecrypt(Secret, [], out _));
        Assert.NotNull(NovaPasswordCipher.TryDecrypt(Secret, good, out _));
    }

    [Fact]
    public void Plaintext_without_a_trailing_newline_is_rejected()
    {
        // Valid PKCS#7 but no "\n": what a wrong derivation yields by chance must not pass.
        using var aes = System.Security.Cryptography.Aes.Create();
        var key = new byte[16];
        var iv = new byte[16];
        NovaPasswordCipher.DeriveKeyAndIv(Secret, NovaCipherDigest.Md5, key, iv);
        aes.Key = key;
        var ciphertext = aes.EncryptCbc("Passw0rd!"u8, iv);

        Assert.Null(NovaPasswordCipher.TryDecrypt(Secret, ciphertext, out _));
    }

    [Fact]
    public void A_sha256_ciphertext_whose_md5_decryption_passes_the_padding_and_newline_checks_still_decrypts_with_sha256()
    {
        var (ciphertext, password) = Sha256CiphertextThatMd5Misreads(Secret);
        var (md5Key, md5Iv) = DeriveBytes(Secret, NovaCipherDigest.Md5);
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = md5Key;
        var misread = aes.DecryptCbc(ciphertext, md5Iv, System.Security.Cryptography.PaddingMode.PKCS7);
        Assert.Equal((byte)'\n', misread[^1]);

        var plaintext = NovaPasswordCipher.TryDecrypt(Secret, ciphertext, out var digest);

        Assert.Equal(password + "\n", Encoding.UTF8.GetString(plaintext!));
        Assert.Equal(NovaCipherDigest.Sha256, digest);
    }

    [Theory]
    [InlineData(NovaCipherDigest.Md5, new byte[] { (byte)'a', 0x01, (byte)'b' })]
    [InlineData(NovaCipherDigest.Sha256, new byte[] { (byte)'a', (byte)'\t', (byte)'b' })]
    [InlineData(NovaCipherDigest.Sha256, new byte[] { (byte)'a', (byte)'\n', (byte)'b' })]
    [InlineData(NovaCipherDigest.Sha256, new byte[] { (byte)'a', 0x7f })]
    [InlineData(NovaCipherDigest.Md5, new byte[] { (byte)'a', 0xc2, 0x85 })]
    [InlineData(NovaCipherDigest.Md5, new byte[] { (byte)'a', 0xff, (byte)'b' })]
    [InlineData(NovaCipherDigest.Sha256, new byte[] { (byte)'a', 0xc3 })]
    [InlineData(NovaCipherDigest.Md5, new byte[] { 0 })]
    public void A_password_with_a_control_character_or_invalid_utf8_is_rejected(NovaCipherDigest digest, byte[] password)
    {
        var ciphertext = EncryptRaw(Secret, [.. password, (byte)'\n'], digest);

        Assert.Null(NovaPasswordCipher.TryDecrypt(Secret, ciphertext, out _));
    }

    [Theory]
    [InlineData(NovaCipherDigest.Md5)]
    [InlineData(NovaCipherDigest.Sha256)]
    public void A_padding_with_a_wrong_byte_before_its_last_is_rejected(NovaCipherDigest digest)
    {
        // "Passw0rd!\n" and six bytes of padding: the last byte says 6, one of the five before it does not.
        for (var wrong = 10; wrong < 15; wrong++)
        {
            byte[] block = [.. "Passw0rd!\n"u8, 6, 6, 6, 6, 6, 6];
            block[wrong] = 7;
            var ciphertext = EncryptRaw(Secret, block, digest, System.Security.Cryptography.PaddingMode.None);

            Assert.Null(NovaPasswordCipher.TryDecrypt(Secret, ciphertext, out _));
        }
    }

    [Theory]
    [InlineData(NovaCipherDigest.Md5)]
    [InlineData(NovaCipherDigest.Sha256)]
    public void A_ciphertext_of_padding_alone_is_rejected(NovaCipherDigest digest)
    {
        // An empty plaintext: one whole block of padding, no newline before it.
        Assert.Null(NovaPasswordCipher.TryDecrypt(Secret, EncryptRaw(Secret, [], digest), out _));
    }

    [Fact]
    public void Newlines_around_the_password_are_allowed_as_the_original_strips_them()
    {
        var ciphertext = EncryptRaw(Secret, "\n\nPassw0rd!\n\n"u8.ToArray(), NovaCipherDigest.Md5);

        Assert.Equal("\n\nPassw0rd!\n\n", Encoding.UTF8.GetString(NovaPasswordCipher.TryDecrypt(Secret, ciphertext, out _)!));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("md5")]
    [InlineData("sha256")]
    public async Task Openssl_encrypts_as_Nova_does_and_the_agent_decrypts(string? md)
    {
        var openssl = ExternalTool.Require("openssl", "openssl");
        string[] arguments = ["aes-128-cbc", "-A", "-a", "-pass", "pass:" + NovaDiffieHellmanTests.SharedSecret, "-nosalt", .. md is null ? [] : new[] { "-md", md }];

        var result = await ExternalTool.RunAsync(openssl, arguments, "S3cret, with ünïcode\n");

        Assert.Equal(0, result.ExitCode);
        var plaintext = NovaPasswordCipher.TryDecrypt(Secret, Convert.FromBase64String(result.StandardOutput.Trim('\n')), out var digest);
        Assert.Equal("S3cret, with ünïcode\n", Encoding.UTF8.GetString(plaintext!));
        Assert.Equal(md == "md5" ? NovaCipherDigest.Md5 : NovaCipherDigest.Sha256, digest);
    }

    [Theory]
    [InlineData(NovaCipherDigest.Md5, "md5")]
    [InlineData(NovaCipherDigest.Sha256, "sha256")]
    public async Task The_agents_encryption_decrypts_with_openssl(NovaCipherDigest digest, string md)
    {
        var openssl = ExternalTool.Require("openssl", "openssl");
        var ciphertext = NovaPasswordCipher.Encrypt(Secret, "from the daemon's set-password", digest);

        var result = await ExternalTool.RunAsync(
            openssl, ["aes-128-cbc", "-d", "-A", "-a", "-pass", "pass:" + NovaDiffieHellmanTests.SharedSecret, "-nosalt", "-md", md], ciphertext + "\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("from the daemon's set-password\n", result.StandardOutput);
    }

    /// <summary>
    /// Searches (deterministically: fixed seed) for a one-block SHA-256 ciphertext of a 14-character
    /// password whose MD5 decryption has a complete PKCS#7 padding preceded by <c>\n</c> — what spec
    /// §4.5's two checks accept, so MD5, tried first, would win with garbage. About 65,000 candidates.
    /// </summary>
    internal static (byte[] Ciphertext, string Password) Sha256CiphertextThatMd5Misreads(byte[] secret)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#%+-=?@_";
        var (shaKey, shaIv) = DeriveBytes(secret, NovaCipherDigest.Sha256);
        var (md5Key, md5Iv) = DeriveBytes(secret, NovaCipherDigest.Md5);
        using var sha = System.Security.Cryptography.Aes.Create();
        sha.Key = shaKey;
        using var md5 = System.Security.Cryptography.Aes.Create();
        md5.Key = md5Key;
        var random = new Random(20261129);
        var block = new byte[16];
        var cipher = new byte[16];
        var misread = new byte[16];
        for (var attempt = 0; attempt < 20_000_000; attempt++)
        {
            for (var i = 0; i < 14; i++)
            {
                block[i] = (byte)alphabet[random.Next(alphabet.Length)];
            }

            block[14] = (byte)'\n';
            block[15] = 1;
            var password = Encoding.ASCII.GetString(block, 0, 14);
            for (var i = 0; i < 16; i++)
            {
                block[i] ^= shaIv[i];
            }

            sha.EncryptEcb(block, cipher, System.Security.Cryptography.PaddingMode.None);
            md5.DecryptEcb(cipher, misread, System.Security.Cryptography.PaddingMode.None);
            for (var i = 0; i < 16; i++)
            {
                misread[i] ^= md5Iv[i];
            }

            int pad = misread[15];
            if (pad is >= 1 and <= 15 && misread.AsSpan(16 - pad).IndexOfAnyExcept((byte)pad) < 0 && misread[15 - pad] == (byte)'\n')
            {
                return (cipher, password);
            }
        }

        throw new InvalidOperationException("No ciphertext found: the search space is far larger than expected");
    }

    private static byte[] EncryptRaw(byte[] secret, byte[] plaintext, NovaCipherDigest digest, System.Security.Cryptography.PaddingMode padding = System.Security.Cryptography.PaddingMode.PKCS7)
    {
        var (key, iv) = DeriveBytes(secret, digest);
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        return aes.EncryptCbc(plaintext, iv, padding);
    }

    private static (byte[] Key, byte[] Iv) DeriveBytes(byte[] secret, NovaCipherDigest digest)
    {
        var key = new byte[16];
        var iv = new byte[16];
        NovaPasswordCipher.DeriveKeyAndIv(secret, digest, key, iv);
        return (key, iv);
    }

    private static (string Key, string Iv) Derive(byte[] secret, NovaCipherDigest digest)
    {
        var key = new byte[16];
        var iv = new byte[16];
        NovaPasswordCipher.DeriveKeyAndIv(secret, digest, key, iv);
        return (Convert.ToHexStringLower(key), Convert.ToHexStringLower(iv));
    }
}
