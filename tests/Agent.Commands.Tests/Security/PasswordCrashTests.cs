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
    public async Task The_mark_names_only_the_request_and_is_private()
    {
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, PasswordCommandTests.Sha512);
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        await PasswordCommand.Password(Ciphertext, Context(root, "req-7", root.Session));

        Assert.Equal("req-7\n", File.ReadAllText(root.HostPath(Marker)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, root.System.FileSystem.GetStatus(Marker)!.Value.Mode);
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
