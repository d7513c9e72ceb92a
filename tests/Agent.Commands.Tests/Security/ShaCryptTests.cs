using System.Text;
using GuestAgent.Commands.Security;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>Our SHA-crypt against the system's crypt(3), through mkpasswd.</summary>
public sealed class ShaCryptTests
{
    public static TheoryData<string, string> Passwords() => new()
    {
        { "hello", "abcdefgh" },
        { "", "saltstring" },
        { "Passw0rd!", "0123456789abcdef" },
        { "a password longer than sixty-four bytes, which takes another path in the digest loop", "./xyz/AB" },
        { "ünïcödé pässwörd", "QRSTUVWX" },
    };

    [Theory]
    [MemberData(nameof(Passwords))]
    public async Task Sha512_matches_mkpasswd(string password, string salt)
    {
        var hash = ShaCrypt.HashSha512(Encoding.UTF8.GetBytes(password), salt, cancellationToken: TestContext.Current.CancellationToken);

        Assert.StartsWith($"$6${salt}$", hash, StringComparison.Ordinal);
        Assert.Equal(await CryptHashes.MkpasswdAsync(password, hash), hash);
    }

    [Theory]
    [MemberData(nameof(Passwords))]
    public async Task Sha256_matches_mkpasswd(string password, string salt)
    {
        var hash = ShaCrypt.HashSha256(Encoding.UTF8.GetBytes(password), salt, cancellationToken: TestContext.Current.CancellationToken);

        Assert.StartsWith($"$5${salt}$", hash, StringComparison.Ordinal);
        Assert.Equal(await CryptHashes.MkpasswdAsync(password, hash), hash);
    }

    [Fact]
    public async Task Explicit_rounds_are_written_and_honoured()
    {
        var hash = ShaCrypt.HashSha512("hello"u8, "roundsalt", 1234, TestContext.Current.CancellationToken);

        Assert.StartsWith("$6$rounds=1234$roundsalt$", hash, StringComparison.Ordinal);
        Assert.Equal(await CryptHashes.MkpasswdAsync("hello", hash), hash);
    }

    [Theory]
    [InlineData(10, "$6$rounds=1000$roundsalt$")]
    [InlineData(5000, "$6$rounds=5000$roundsalt$")]
    public async Task Explicit_rounds_are_raised_to_a_thousand_and_the_default_is_still_written(int rounds, string prefix)
    {
        // libxcrypt refuses rounds below 1000; openssl passwd raises them as the specification says.
        var openssl = ExternalTool.Require("openssl", "openssl");

        var hash = ShaCrypt.HashSha512("x"u8, "roundsalt", rounds, TestContext.Current.CancellationToken);
        var expected = await ExternalTool.RunAsync(openssl, ["passwd", "-6", "-salt", $"rounds={rounds}$roundsalt", "-stdin"], "x\n");

        Assert.Equal(0, expected.ExitCode);
        Assert.StartsWith(prefix, hash, StringComparison.Ordinal);
        Assert.Equal(expected.StandardOutput.TrimEnd('\n'), hash);
    }

    [Theory]
    [InlineData("6")]
    [InlineData("5")]
    public async Task Salts_longer_than_sixteen_characters_are_cut_as_crypt_does(string method)
    {
        // mkpasswd refuses such a salt; openssl passwd cuts it as the SHA-crypt specification says.
        var openssl = ExternalTool.Require("openssl", "openssl");
        const string Salt = "0123456789abcdefXYZ";

        var hash = method == "6" ? ShaCrypt.HashSha512("x"u8, Salt, cancellationToken: TestContext.Current.CancellationToken) : ShaCrypt.HashSha256("x"u8, Salt, cancellationToken: TestContext.Current.CancellationToken);
        var expected = await ExternalTool.RunAsync(openssl, ["passwd", "-" + method, "-salt", Salt, "-stdin"], "x\n");

        Assert.Equal(0, expected.ExitCode);
        Assert.StartsWith($"${method}$0123456789abcdef$", hash, StringComparison.Ordinal);
        Assert.Equal(expected.StandardOutput.TrimEnd('\n'), hash);
    }

    [Theory]
    [InlineData(PasswordCommandTests.Sha512, 2)]
    [InlineData("$5$abcdefgh$xyz", 2)]
    [InlineData("$6$rounds=7000$abcdefgh$xyz", 3)]
    public void A_new_shadow_hash_gets_a_fresh_salt_of_sixteen_crypt_characters(string current, int saltField)
    {
        // Sixteen, the most SHA-crypt reads (96 bits), drawn anew for every hash.
        var first = ShadowPasswordHasher.Hash("Passw0rd!"u8, current, TestContext.Current.CancellationToken).Split('$')[saltField];
        var second = ShadowPasswordHasher.Hash("Passw0rd!"u8, current, TestContext.Current.CancellationToken).Split('$')[saltField];

        Assert.Equal(16, first.Length);
        Assert.All(first, c => Assert.Contains(c, CryptBase64.Alphabet));
        Assert.NotEqual(first, second);
    }
}

/// <summary>Verifies crypt hashes with the system's own implementation.</summary>
internal static class CryptHashes
{
    /// <summary>What mkpasswd (libxcrypt) computes for <paramref name="password"/> with the setting of <paramref name="hash"/>.</summary>
    public static async Task<string> MkpasswdAsync(string password, string hash)
    {
        var mkpasswd = ExternalTool.Require("mkpasswd", "whois");
        // The positional form takes the whole setting ($id$[params$]salt), for every method alike.
        var result = await ExternalTool.RunAsync(mkpasswd, [password, hash[..hash.LastIndexOf('$')]]);
        Assert.Equal(0, result.ExitCode);
        return result.StandardOutput.TrimEnd('\n');
    }
}
