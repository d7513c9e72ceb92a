using System.Globalization;
using System.Numerics;
using System.Text;
using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Security;

public sealed class PasswordCommandTests
{
    private const string Yescrypt = "$y$j9T$G0qKPT4.bHuF7bJrc6Sg90$BDsdfeJQYIlVHmw7now2OQEME4d5sNYNiVmz5Yr00s4";
    internal const string Sha512 = "$6$abcdefgh$bp46WUxDu2cphMRE0PvVJlqas2imuSq186YS793XKfmqn9XUEL17HECskUTZInaNigNndLLYc7A6yWBmFEFn3/";
    private const string Before = "daemon:*:19000:0:99999:7:::\n";
    private const string After = "nobody:*:19000:0:99999:7:::\r\nuser:" + Yescrypt + ":19000:0:99999:7:::\n\n# trailing junk kept\n";

    public static TheoryData<string, string> Families() => new()
    {
        { Yescrypt, "$y$j9T$" },
        { Sha512, "$6$" },
        { "$6$rounds=7000$abcdefgh$xyz", "$6$rounds=7000$" },
        { "$5$abcdefgh$xyz", "$5$" },
        { "!$5$abcdefgh$xyz", "$5$" },
        { "!" + Yescrypt, "$y$j9T$" },
        // libxcrypt's other yescrypt flavours, kept: classic scrypt (.), and scrypt with yescrypt's password steps (/).
        { "$y$.75$G0qKPT4.bHuF7bJrc6Sg90$xQv/kiIb1PNAtNl7EsYTCQSNyIDjHKcn37xGrkPSRhD", "$y$.75$" },
        { "$y$/75$G0qKPT4.bHuF7bJrc6Sg90$K1GNw2MUzJzo0wh3BFbT90RF5edtI0uEJXun7iH..T/", "$y$/75$" },
        { "*", "$6$" },
        { "!", "$6$" },
        { "", "$6$" },
        { "$1$abcdefgh$xyz", "$6$" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task The_spec_vectors_set_a_root_hash_of_the_same_family_that_mkpasswd_verifies(string current, string expectedPrefix)
    {
        using var root = new CommandRoot();
        WriteShadow(root, current);
        var owner = ChownIfRoot(root, new FileOwner(0, 42));

        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        var result = await PasswordCommand.Password("jTmi0N1qNIJmjcIeFAInYA==", root.Context("password"));

        Assert.Equal(CommandResult.Ok(), result);
        var hash = await AssertShadowAsync(root, "Passw0rd!", current);
        Assert.StartsWith(expectedPrefix, hash, StringComparison.Ordinal);
        Assert.Equal((UnixFileMode)Convert.ToInt32("640", 8), root.System.FileSystem.GetStatus("/etc/shadow")!.Value.Mode);
        Assert.Equal(owner, root.System.FileSystem.GetStatus("/etc/shadow")!.Value.Owner);
        // lckpwdf's lock file stays, as glibc leaves it.
        Assert.Equal(["/etc/.pwd.lock", "/etc/shadow"], root.System.FileSystem.ListDirectory("/etc"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, root.System.FileSystem.GetStatus("/etc/.pwd.lock")!.Value.Mode);
    }

    [Fact]
    public async Task The_md5_vector_sets_the_password_too_and_each_salt_is_fresh()
    {
        using var root = new CommandRoot();
        WriteShadow(root, Sha512);

        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        await PasswordCommand.Password("IqgRf/4mhb4VAlvAFe9OSQ==", root.Context("password"));
        var first = await AssertShadowAsync(root, "Passw0rd!", Sha512);
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        await PasswordCommand.Password("IqgRf/4mhb4VAlvAFe9OSQ==", root.Context("password"));
        var second = await AssertShadowAsync(root, "Passw0rd!", first);

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("md5")]
    public async Task Novas_exact_openssl_command_line_round_trips_through_keyinit_and_password(string? md)
    {
        var openssl = ExternalTool.Require("openssl", "openssl");
        using var root = new CommandRoot();
        WriteShadow(root, Yescrypt);

        // Nova's side: an 80-bit private key, the public key sent as a JSON string.
        var novaPrivate = new BigInteger(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10), isUnsigned: true);
        var reply = KeyInitCommand.KeyInit(
            KeyInitCommandTests.Json($"\"{NovaDiffieHellman.ComputePublicKey(novaPrivate)}\""), root.Context("keyinit"));
        var secret = Encoding.ASCII.GetString(NovaDiffieHellman.ComputeSharedSecret(novaPrivate, BigInteger.Parse(reply.Message, CultureInfo.InvariantCulture)));
        string[] arguments = ["aes-128-cbc", "-A", "-a", "-pass", "pass:" + secret, "-nosalt", .. md is null ? [] : new[] { "-md", md }];
        var encrypted = await ExternalTool.RunAsync(openssl, arguments, "N3w-r00t pässword\n");
        Assert.Equal(0, encrypted.ExitCode);

        var result = await PasswordCommand.Password(encrypted.StandardOutput.Trim('\n'), root.Context("password"));

        Assert.Equal(CommandResult.Ok(), result);
        await AssertShadowAsync(root, "N3w-r00t pässword", Yescrypt);
    }

    /// <summary>
    /// The original's tests and its <c>agent-client.py</c> run <c>openssl enc -a</c> without <c>-A</c>,
    /// which wraps base64 every 64 characters (spec §4.3); whitespace and line breaks in the value are
    /// ignored (§4.5, step 1), as Python's <c>b64decode</c> ignored them.
    /// </summary>
    [Theory]
    [InlineData(null)]
    [InlineData("md5")]
    public async Task A_long_password_openssl_wrapped_over_several_base64_lines_is_accepted(string? md)
    {
        var openssl = ExternalTool.Require("openssl", "openssl");
        using var root = new CommandRoot();
        WriteShadow(root, Sha512);
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        var password = "a long root password " + new string('x', 60);
        string[] arguments = ["enc", "-aes-128-cbc", "-a", "-nosalt", "-pass", "pass:" + NovaDiffieHellmanTests.SharedSecret, .. md is null ? [] : new[] { "-md", md }];
        var encrypted = await ExternalTool.RunAsync(openssl, arguments, password + "\n");
        Assert.Equal(0, encrypted.ExitCode);
        Assert.True(encrypted.StandardOutput.TrimEnd('\n').Contains('\n', StringComparison.Ordinal), "openssl wraps base64 longer than 64 characters");

        var result = await PasswordCommand.Password(encrypted.StandardOutput, root.Context("password"));

        Assert.Equal(CommandResult.Ok(), result);
        await AssertShadowAsync(root, password, Sha512);
    }

    [Fact]
    public async Task A_debian_shadow_file_stays_valid_for_pwck_after_the_change()
    {
        // pwck (shadow's own checker) reads the pair as login does: the right field count, a
        // matching passwd entry for every line, a sane last-change day.
        var pwck = ExternalTool.Require("pwck", "passwd");
        using var root = new CommandRoot();
        // Homes and shells that exist on any machine: pwck checks them on the host.
        root.WriteFile("/etc/passwd", "root:x:0:0:root:/:/bin/sh\ndaemon:x:1:1:daemon:/:/bin/sh\nuser:x:1000:1000:,,,:/:/bin/sh\n", "644");
        root.WriteFile("/etc/shadow", "root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nuser:" + Yescrypt + ":19000:0:99999:7:::\n", "640");
        Assert.Equal(0, (await ExternalTool.RunAsync(pwck, ["-r", root.HostPath("/etc/passwd"), root.HostPath("/etc/shadow")])).ExitCode);
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        Assert.Equal(CommandResult.Ok(), await PasswordCommand.Password("jTmi0N1qNIJmjcIeFAInYA==", root.Context("password")));

        var check = await ExternalTool.RunAsync(pwck, ["-r", root.HostPath("/etc/passwd"), root.HostPath("/etc/shadow")]);
        Assert.True(check.ExitCode == 0, $"pwck: {check.StandardOutput}{check.StandardError}");
        var hash = File.ReadAllLines(root.HostPath("/etc/shadow"))[0].Split(':')[1];
        Assert.Equal(await CryptHashes.MkpasswdAsync("Passw0rd!", hash), hash);
    }

    [Theory]
    [InlineData("!$6$abcdefgh$xyz", true)]
    [InlineData("*", true)]
    [InlineData(Sha512, false)]
    public async Task Unlocking_a_locked_root_account_is_logged_and_the_password_never_is(string current, bool logged)
    {
        using var root = new CommandRoot();
        var logs = new CapturingLoggerFactory();
        root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        WriteShadow(root, current);
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        await PasswordCommand.Password("jTmi0N1qNIJmjcIeFAInYA==", root.Context("password"));

        Assert.Equal(logged, logs.Messages.Any(m => m.Contains("unlocked", StringComparison.Ordinal)));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("Passw0rd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_keyinit_the_answer_is_password_without_key_exchange()
    {
        using var root = new CommandRoot();
        WriteShadow(root, Sha512);

        await AssertRejectedAsync(root, "IqgRf/4mhb4VAlvAFe9OSQ==", "Password without key exchange");
    }

    [Fact]
    public async Task Bad_base64_is_reported_as_such_and_wipes_the_key()
    {
        using var root = new CommandRoot();
        WriteShadow(root, Sha512);
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        await AssertRejectedAsync(root, "kjadfkjaf", "Couldn't decode base64 data");
        await AssertRejectedAsync(root, "IqgRf/4mhb4VAlvAFe9OSQ==", "Password without key exchange");
    }

    [Fact]
    public async Task A_sha256_ciphertext_that_the_md5_key_misreads_as_valid_sets_the_real_password()
    {
        using var root = new CommandRoot();
        WriteShadow(root, Sha512);
        var (ciphertext, password) = NovaPasswordCipherTests.Sha256CiphertextThatMd5Misreads(Encoding.ASCII.GetBytes(NovaDiffieHellmanTests.SharedSecret));
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        var result = await PasswordCommand.Password(Convert.ToBase64String(ciphertext), root.Context("password"));

        Assert.Equal(CommandResult.Ok(), result);
        await AssertShadowAsync(root, password, Sha512);
    }

    [Theory]
    [InlineData("wrong key")]
    [InlineData("truncated")]
    [InlineData("corrupted padding")]
    [InlineData("empty")]
    public async Task Undecryptable_data_is_rejected_without_touching_the_shadow_file(string @case)
    {
        using var root = new CommandRoot();
        WriteShadow(root, Sha512);
        var secret = Encoding.ASCII.GetBytes(NovaDiffieHellmanTests.SharedSecret);
        var good = Convert.FromBase64String(NovaPasswordCipher.Encrypt(secret, "a password of more than one block"));
        var value = @case switch
        {
            "wrong key" => NovaPasswordCipher.Encrypt("12345"u8, "Passw0rd!"),
            "truncated" => Convert.ToBase64String(good.AsSpan(0, 16)),
            "corrupted padding" => Convert.ToBase64String([.. good[..^17], (byte)(good[^17] ^ 0x01), .. good[^16..]]),
            _ => "",
        };
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        await AssertRejectedAsync(root, value, "Invalid password data received");
    }

    [Theory]
    [InlineData("jTmi0N1qNIJmjcIeFAInYA==", "")]
    [InlineData("kjadfkjaf", "Couldn't decode base64 data")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==", "Invalid password data received")]
    public async Task The_keys_secret_is_zeroed_by_its_one_use_whatever_the_outcome(string value, string expectedError)
    {
        // Set, bad base64, undecryptable: the shared secret must not stay in memory after any of them.
        using var root = new CommandRoot();
        WriteShadow(root, Sha512);
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        var key = root.Session.Get<NovaSessionKey>()!;
        Assert.Equal(NovaDiffieHellmanTests.SharedSecret, Encoding.ASCII.GetString(key.SharedSecret));

        var error = "";
        try
        {
            await PasswordCommand.Password(value, root.Context("password"));
        }
        catch (CommandException exception)
        {
            error = exception.Message;
        }

        // Each row takes the path it stands for: set, then the two refusals.
        Assert.Equal(expectedError, error);
        Assert.All(key.SharedSecret, b => Assert.Equal(0, b));
        Assert.Null(root.Session.Get<NovaSessionKey>());
    }

    [Fact]
    public async Task An_empty_password_is_refused()
    {
        using var root = new CommandRoot();
        WriteShadow(root, Sha512);
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        await AssertRejectedAsync(root, NovaPasswordCipher.Encrypt(Encoding.ASCII.GetBytes(NovaDiffieHellmanTests.SharedSecret), ""), "Refusing to set an empty password");
    }

    [Fact]
    public async Task A_password_crypt_cannot_check_is_refused_and_the_longest_it_can_is_set()
    {
        // libxcrypt (mkpasswd here; pam_unix checks every login with it) refuses 512 bytes or more.
        var mkpasswd = ExternalTool.Require("mkpasswd", "whois");
        Assert.NotEqual(0, (await ExternalTool.RunAsync(mkpasswd, ["-m", "sha-512", new string('x', 512)])).ExitCode);
        using var root = new CommandRoot();
        WriteShadow(root, Sha512);
        var secret = Encoding.ASCII.GetBytes(NovaDiffieHellmanTests.SharedSecret);

        // 256 characters of two bytes each: 512 bytes.
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        await AssertRejectedAsync(
            root,
            NovaPasswordCipher.Encrypt(secret, new string('\u00e9', 256)),
            "Refusing a password of 512 bytes or more: the system's crypt(3) cannot check it, so no login could use it");

        var longest = new string('\u00e9', 255) + "x";
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        Assert.Equal(CommandResult.Ok(), await PasswordCommand.Password(NovaPasswordCipher.Encrypt(secret, longest), root.Context("password")));
        await AssertShadowAsync(root, longest, Sha512);
    }

    [Fact]
    public async Task A_shadow_file_without_root_or_with_a_malformed_root_line_is_left_alone()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/shadow", "daemon:*:1:0:99999:7:::\n", "640");
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        await AssertRejectedAsync(root, "IqgRf/4mhb4VAlvAFe9OSQ==", "No root entry in the password file");

        root.WriteFile("/etc/shadow", "root:x\n", "640");
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        await AssertRejectedAsync(root, "IqgRf/4mhb4VAlvAFe9OSQ==", "Unknown password file format");
    }

    [Fact]
    public async Task A_root_line_login_does_not_read_is_left_for_the_one_it_reads()
    {
        // glibc's getspnam, which pam_unix checks logins against, and chpasswd skip the CRLF line and read the next.
        using var root = new CommandRoot();
        const string Unread = "root:" + Sha512 + ":19000:0:99999:7:::\r\n";
        root.WriteFile("/etc/shadow", Unread + "root:" + Sha512 + ":19000:0:99999:7:::\n", "640");
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        Assert.Equal(CommandResult.Ok(), await PasswordCommand.Password("jTmi0N1qNIJmjcIeFAInYA==", root.Context("password")));

        var text = File.ReadAllText(root.HostPath("/etc/shadow"));
        Assert.StartsWith(Unread, text, StringComparison.Ordinal);
        var hash = text[Unread.Length..].Split(':')[1];
        Assert.Equal(await CryptHashes.MkpasswdAsync("Passw0rd!", hash), hash);
    }

    [Fact]
    public async Task A_missing_or_symlinked_shadow_file_is_an_unknown_format()
    {
        using var root = new CommandRoot();
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password("IqgRf/4mhb4VAlvAFe9OSQ==", root.Context("password")));
        Assert.Equal("Unknown password file format", error.Message);

        root.WriteFile("/etc/real-shadow", "root:*:1:0:99999:7:::\n", "640");
        root.System.FileSystem.CreateSymbolicLink("/etc/shadow", root.HostPath("/etc/real-shadow"));
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password("IqgRf/4mhb4VAlvAFe9OSQ==", root.Context("password")));
        Assert.Equal("Unknown password file format", error.Message);
        Assert.Equal("root:*:1:0:99999:7:::\n", File.ReadAllText(root.HostPath("/etc/real-shadow")));
    }

    [Fact]
    public async Task Newlines_before_the_password_are_stripped_as_the_original_strips_them()
    {
        using var root = new CommandRoot();
        WriteShadow(root, Sha512);
        KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        var ciphertext = NovaPasswordCipher.Encrypt(Encoding.ASCII.GetBytes(NovaDiffieHellmanTests.SharedSecret), "\n\nPassw0rd!\n");

        Assert.Equal(CommandResult.Ok(), await PasswordCommand.Password(ciphertext, root.Context("password")));

        await AssertShadowAsync(root, "Passw0rd!", Sha512);
    }

    internal static void KeyInit(CommandRoot root, string hostPublic, BigInteger guestPrivate) =>
        Assert.Equal("D0", KeyInitCommand.KeyInitWith(KeyInitCommandTests.Json($"\"{hostPublic}\""), root.Context("keyinit"), guestPrivate).ReturnCode);

    internal static void WriteShadow(CommandRoot root, string rootHash) =>
        root.WriteFile("/etc/shadow", Before + "root:" + rootHash + ":19000:0:99999:7:::\n" + After, "640");

    private static FileOwner ChownIfRoot(CommandRoot root, FileOwner owner)
    {
        if (Owners.AsRoot)
        {
            root.System.FileSystem.SetOwner("/etc/shadow", owner);
        }

        return root.System.FileSystem.GetStatus("/etc/shadow")!.Value.Owner;
    }

    /// <summary>Checks the whole file: only root's hash and last-change day differ; returns the new hash.</summary>
    internal static async Task<string> AssertShadowAsync(CommandRoot root, string password, string previousHash)
    {
        var text = File.ReadAllText(root.HostPath("/etc/shadow"));
        Assert.StartsWith(Before + "root:", text, StringComparison.Ordinal);
        Assert.EndsWith(":0:99999:7:::\n" + After, text, StringComparison.Ordinal);
        var fields = text[Before.Length..].Split('\n')[0].Split(':');
        var days = root.Time.GetUtcNow().ToUnixTimeSeconds() / 86400;
        Assert.Equal(days.ToString(CultureInfo.InvariantCulture), fields[2]);
        Assert.NotEqual(previousHash, fields[1]);
        Assert.Equal(await CryptHashes.MkpasswdAsync(password, fields[1]), fields[1]);
        return fields[1];
    }

    private static async Task AssertRejectedAsync(CommandRoot root, string value, string message)
    {
        var path = root.HostPath("/etc/shadow");
        var before = File.Exists(path) ? File.ReadAllBytes(path) : null;

        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password(value, root.Context("password")));

        Assert.Equal("500", error.ReturnCode);
        Assert.Equal(message, error.Message);
        Assert.Equal(before, File.Exists(path) ? File.ReadAllBytes(path) : null);
        Assert.Null(root.Session.Get<NovaSessionKey>());
        Assert.Equal(["/etc/shadow"], root.System.FileSystem.ListDirectory("/etc"));
    }
}
