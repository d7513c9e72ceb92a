using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// <c>password</c> around a crash: a request whose change reached <c>/etc/shadow</c> before the agent
/// died runs again after the restart without its key, and must not answer as if nothing had
/// happened; a change renamed into place but not synced is not reported as unchanged.
/// </summary>
public sealed class PasswordCrashTests
{
    private const string Ciphertext = "jTmi0N1qNIJmjcIeFAInYA==";
    private const string OtherCiphertext = "q83vEjRWeJCrze8SNFZ4kA==";
    private const string Marker = "/var/lib/guest-agent/password-attempt";

    [Fact]
    public async Task The_same_request_run_again_after_a_restart_says_the_password_may_have_changed()
    {
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, PasswordCommandTests.Sha512);
        const string Id = "6f0c2a47-93d1-4c55-b2a8-0e6f7b1d9c3e";
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        // The first run gets as far as the process did before the kill: the shadow file replaced.
        Assert.Equal(CommandResult.Ok(), await PasswordCommand.Password(Ciphertext, Context(root, Id, root.Session)));
        var changed = File.ReadAllText(root.HostPath("/etc/shadow"));

        // The restarted agent: a new session without the key, the same request still waiting.
        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password(Ciphertext, Context(root, Id, new ExchangeSession())));

        Assert.Equal("500", error.ReturnCode);
        Assert.Equal("The agent restarted while setting this password: it may or may not have been changed; send keyinit and the password again", error.Message);
        Assert.Equal(changed, File.ReadAllText(root.HostPath("/etc/shadow")));
    }

    [Fact]
    public async Task Another_request_without_a_key_exchange_still_answers_that_there_was_none()
    {
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, PasswordCommandTests.Sha512);
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        await PasswordCommand.Password(Ciphertext, Context(root, "first", root.Session));

        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password(Ciphertext, Context(root, "second", new ExchangeSession())));

        Assert.Equal("Password without key exchange", error.Message);
    }

    [Fact]
    public async Task The_mark_names_neither_the_request_nor_the_password_and_is_private()
    {
        using var root = new CommandRoot();
        root.Services.Add(new PasswordOptions { BootId = "boot-a" });
        PasswordCommandTests.WriteShadow(root, PasswordCommandTests.Sha512);
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        await PasswordCommand.Password(Ciphertext, Context(root, "req-7", root.Session));

        var mark = File.ReadAllText(root.HostPath(Marker));
        Assert.Matches("^boot-a [0-9a-f]{64}\n$", mark);
        Assert.DoesNotContain("req-7", mark, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, root.System.FileSystem.GetStatus(Marker)!.Value.Mode);
    }

    [Fact]
    public async Task A_reused_request_id_with_a_new_ciphertext_answers_that_there_was_no_key_exchange()
    {
        // A host numbering its requests sends id 7 again, after the journal evicted the first 7.
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, PasswordCommandTests.Sha512);
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        await PasswordCommand.Password(Ciphertext, Context(root, "7", root.Session));

        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password(OtherCiphertext, Context(root, "7", new ExchangeSession())));

        Assert.Equal("Password without key exchange", error.Message);
    }

    [Fact]
    public async Task A_mark_of_an_earlier_boot_is_not_read()
    {
        using var root = new CommandRoot();
        root.Services.Add(new PasswordOptions { BootId = "boot-a" });
        PasswordCommandTests.WriteShadow(root, PasswordCommandTests.Sha512);
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        await PasswordCommand.Password(Ciphertext, Context(root, "7", root.Session));

        root.Services.Add(new PasswordOptions { BootId = "boot-b" });
        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password(Ciphertext, Context(root, "7", new ExchangeSession())));

        Assert.Equal("Password without key exchange", error.Message);
    }

    [Fact]
    public async Task A_later_attempt_keeps_the_mark_of_an_earlier_one_of_the_same_boot_and_drops_those_of_earlier_boots()
    {
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, PasswordCommandTests.Sha512);
        root.Services.Add(new PasswordOptions { BootId = "boot-a" });
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        await PasswordCommand.Password(Ciphertext, Context(root, "old-boot", root.Session));
        root.Services.Add(new PasswordOptions { BootId = "boot-b" });
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        await PasswordCommand.Password(Ciphertext, Context(root, "first", root.Session));
        // A second exchange's password, while the first one's answer was not yet journaled.
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        await PasswordCommand.Password(Ciphertext, Context(root, "second", root.Session));

        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password(Ciphertext, Context(root, "first", new ExchangeSession())));

        Assert.Equal(PasswordMessages.Interrupted, error.Message);
        var lines = File.ReadAllLines(root.HostPath(Marker));
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.StartsWith("boot-b ", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_mark_file_keeps_only_the_latest_attempts()
    {
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, PasswordCommandTests.Sha512);
        for (var attempt = 0; attempt <= PasswordAttempt.Kept; attempt++)
        {
            PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
            await PasswordCommand.Password(Ciphertext, Context(root, $"req-{attempt}", root.Session));
        }

        Assert.Equal(PasswordAttempt.Kept, File.ReadAllLines(root.HostPath(Marker)).Length);
        var oldest = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password(Ciphertext, Context(root, "req-0", new ExchangeSession())));
        var newest = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password(Ciphertext, Context(root, $"req-{PasswordAttempt.Kept}", new ExchangeSession())));
        Assert.Equal(PasswordMessages.NoKeyExchange, oldest.Message);
        Assert.Equal(PasswordMessages.Interrupted, newest.Message);
    }

    [Fact]
    public async Task The_mark_is_on_disk_before_either_login_file_changes()
    {
        // A crash at the rename of /etc/shadow (or of /etc/passwd after it) must find the mark there.
        using var root = new CommandRoot();
        var options = new PasswordOptions { BootId = "boot-a" };
        root.Services.Add(options);
        const string Id = "req-at-rename";
        var seen = new List<string>();
        root.Services.Add(root.System with
        {
            Writer = new InterceptingWriter(root.System.Writer, beforeWrite: path =>
            {
                if (path is RootPasswordSetter.ShadowPath or RootPasswordSetter.PasswdPath)
                {
                    seen.Add($"{path} marked={PasswordAttempt.WasStartedBy(root.System, options, Id, Ciphertext)}");
                }
            }),
        });
        PasswordCommandTests.WriteShadow(root, PasswordCommandTests.Sha512);
        root.WriteFile("/etc/passwd", "root:*:0:0:root:/root:/bin/sh\n", "644");
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        Assert.Equal(CommandResult.Ok(), await PasswordCommand.Password(Ciphertext, Context(root, Id, root.Session)));

        Assert.Equal(["/etc/shadow marked=True", "/etc/passwd marked=True"], seen);
    }

    [Fact]
    public async Task A_password_refused_before_the_file_changes_leaves_no_mark()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/shadow", "daemon:*:19000:0:99999:7:::\n");
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password(Ciphertext, Context(root, "req-9", root.Session)));

        Assert.False(File.Exists(root.HostPath(Marker)));
    }

    [Theory]
    [InlineData("var/lib/guest-agent")]
    [InlineData("")]
    public void A_relative_state_directory_is_refused_when_the_options_are_made(string directory)
    {
        var error = Assert.Throws<ArgumentException>(() => new PasswordOptions { StateDirectory = directory });

        Assert.Equal("StateDirectory", error.ParamName);
        Assert.StartsWith("The password state directory must be an absolute path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_directory_that_cannot_be_written_costs_the_mark_not_the_password()
    {
        using var root = new CommandRoot();
        var logs = new CapturingLoggerFactory();
        root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        PasswordCommandTests.WriteShadow(root, PasswordCommandTests.Sha512);
        // A file where the state directory should be: nothing can be created below it.
        root.WriteFile("/var/lib/guest-agent", "not a directory");
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        var result = await PasswordCommand.Password(Ciphertext, Context(root, "req-8", root.Session));

        Assert.Equal(CommandResult.Ok(), result);
        await PasswordCommandTests.AssertShadowAsync(root, "Passw0rd!", PasswordCommandTests.Sha512);
        Assert.Contains(logs.Messages, line => line.Contains("password: the attempt could not be marked in the state directory (", StringComparison.Ordinal) && line.StartsWith("Warning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_shadow_file_replaced_but_not_synced_is_answered_as_changed_not_as_unchanged()
    {
        using var root = new CommandRoot();
        root.Services.Add(root.System with { Writer = new UnsyncedDirectoryWriter(root.System.Writer) });
        PasswordCommandTests.WriteShadow(root, PasswordCommandTests.Sha512);
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password(Ciphertext, root.Context("password")));

        Assert.Equal("500", error.ReturnCode);
        Assert.Equal("The password was changed, but the change could not be confirmed on disk: Input/output error", error.Message);
        await PasswordCommandTests.AssertShadowAsync(root, "Passw0rd!", PasswordCommandTests.Sha512);
    }

    private static CommandContext Context(CommandRoot root, string requestId, ExchangeSession session) =>
        new(requestId, "password", session, root.Services, TestContext.Current.CancellationToken);
}
