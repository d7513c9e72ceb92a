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

    private static (string Key, string Iv) Derive(byte[] secret, NovaCipherDigest digest)
    {
        var key = new byte[16];
        var iv = new byte[16];
        NovaPasswordCipher.DeriveKeyAndIv(secret, digest, key, iv);
        return (Convert.ToHexStringLower(key), Convert.ToHexStringLower(iv));
    }
}
