using System.Text;
using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// <c>pam_unix</c> checks root's login against <c>/etc/shadow</c> only when root's <c>/etc/passwd</c>
/// field is <c>x</c> (or <c>##root</c>); any other field (a hash, <c>*</c>, <c>!</c>, empty) is the
/// password it checks. So, as <c>chpasswd</c> does, the new hash goes into that field too, or the answer
/// is "0" and the new password logs no one in. Each case is checked by the real <c>pam_unix</c>
/// (<see cref="PamUnixLogin"/>).
/// </summary>
public sealed class RootPasswdFieldTests
{
    /// <summary>The new password, which <c>jTmi0N1qNIJmjcIeFAInYA==</c> carries under the tests' key exchange.</summary>
    private const string NewPassword = "Passw0rd!";
    private const string OldPassword = "0ld-passw0rd";
    private const string OldHash = "$6$s57saltsalt$2UPBKBo6fRWg7YNtRqlSuulkmaMeydDPyfztuFRbXmoyC9Ajbe6s/Xx/rk7PnQArkiYYhw1IhFwfODqRNhUm3/";
    private const string Others = "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";
    private const string Written = "$6$agent$written";
    private const string UnlockedWarning = "password: the root account was locked or had no password; setting the requested password unlocked it";
    private const string LinkRefused = "Refusing to write root's password through a symbolic link at /etc/passwd: root's field there is not x, so logins check it, not /etc/shadow";
    private const string Rest = "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n# kept\n";

    [Theory]
    // A lock in the field logins check (* or !...) is unlocked by the write, and that is logged,
    // as for the shadow entry's; an empty field or a hash was no lock.
    [InlineData("*", true)]
    [InlineData("!", true)]
    [InlineData("!" + OldHash, true)]
    [InlineData("", false)]
    [InlineData(OldHash, false)]
    public async Task A_root_passwd_field_pam_unix_checks_gets_the_new_hash_too(string field, bool unlocks)
    {
        using var root = new CommandRoot();
        var logs = new CapturingLoggerFactory();
        root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        PasswordCommandTests.WriteShadow(root, OldHash);
        var passwd = Others + "root:" + field + ":0:0:root:/root:/bin/sh\n" + Rest;
        root.WriteFile("/etc/passwd", passwd, "644");

        await SetAsync(root);

        var login = await PamUnixLogin.CheckAsync(root.HostPath("/etc/passwd"), root.HostPath("/etc/shadow"), NewPassword, OldPassword);
        Assert.True(login.NewPasswordWorks, login.Transcript);
        Assert.False(login.OldPasswordWorks, login.Transcript);
        Assert.True(login.AccountUsable, login.Transcript);
        // The same hash as /etc/shadow's, and not one other byte of /etc/passwd changed.
        var hash = ShadowHash(root);
        Assert.Equal(Others + "root:" + hash + ":0:0:root:/root:/bin/sh\n" + Rest, File.ReadAllText(root.HostPath("/etc/passwd")));
        Assert.Equal((UnixFileMode)Convert.ToInt32("644", 8), root.System.FileSystem.GetStatus("/etc/passwd")!.Value.Mode);
        var warned = logs.Messages.Any(line => line.StartsWith("Warning: ", StringComparison.Ordinal) && line.EndsWith(UnlockedWarning, StringComparison.Ordinal));
        Assert.True(unlocks == warned, string.Join("\n", logs.Messages));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("##root")]
    public async Task A_shadowed_root_passwd_field_is_left_as_it_is(string field)
    {
        using var root = new CommandRoot();
        var logs = new CapturingLoggerFactory();
        root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        PasswordCommandTests.WriteShadow(root, OldHash);
        var passwd = Others + "root:" + field + ":0:0:root:/root:/bin/sh\n" + Rest;
        root.WriteFile("/etc/passwd", passwd, "644");

        await SetAsync(root);

        var login = await PamUnixLogin.CheckAsync(root.HostPath("/etc/passwd"), root.HostPath("/etc/shadow"), NewPassword, OldPassword);
        Assert.True(login.NewPasswordWorks, login.Transcript);
        Assert.False(login.OldPasswordWorks, login.Transcript);
        Assert.True(login.AccountUsable, login.Transcript);
        Assert.Equal(Encoding.UTF8.GetBytes(passwd), File.ReadAllBytes(root.HostPath("/etc/passwd")));
        Assert.DoesNotContain(logs.Messages, line => line.Contains("unlocked", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("passwd.real", "root:" + OldHash + ":0:0:root:/root:/bin/sh\n")]
    [InlineData("/etc/passwd.real", Others + "root:*:0:0:root:/root:/bin/sh\n" + Rest)]
    [InlineData("passwd.real", "root::0:0:root:/root:/bin/sh\n")]
    public async Task A_link_at_etc_passwd_whose_root_field_logins_check_is_refused_before_anything_changes(string target, string passwd)
    {
        // glibc and pam_unix read through the link: the field behind it is what logins check. The agent
        // writes through no link, so it refuses rather than answer "0" for a password that logs no one in.
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, OldHash);
        var shadow = File.ReadAllBytes(root.HostPath("/etc/shadow"));
        root.WriteFile("/etc/passwd.real", passwd, "644");
        File.CreateSymbolicLink(root.HostPath("/etc/passwd"), target);
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password("jTmi0N1qNIJmjcIeFAInYA==", root.Context("password")));

        Assert.Equal("500", error.ReturnCode);
        Assert.Equal(LinkRefused, error.Message);
        Assert.Equal(shadow, File.ReadAllBytes(root.HostPath("/etc/shadow")));
        Assert.Equal(target, new FileInfo(root.HostPath("/etc/passwd")).LinkTarget);
        Assert.Equal(passwd, File.ReadAllText(root.HostPath("/etc/passwd.real")));
        // Refused before the change: no crash mark, and the key is spent as on every other refusal.
        Assert.False(File.Exists(root.HostPath("/var/lib/guest-agent/password-attempt")));
        Assert.Null(root.Session.Get<NovaSessionKey>());
        // pamtester's namespace binds the file the link leads to in the root: what pam_unix reads through it.
        var login = await PamUnixLogin.CheckAsync(LinkedPasswd(root), root.HostPath("/etc/shadow"), NewPassword, OldPassword);
        Assert.False(login.NewPasswordWorks, login.Transcript);
    }

    [Theory]
    [InlineData("passwd.real", "root:x:0:0:root:/root:/bin/sh\n")]
    [InlineData("/etc/passwd.real", Others + "root:##root:0:0:root:/root:/bin/sh\n" + Rest)]
    [InlineData("passwd.real", Others + Rest)]
    public async Task A_link_at_etc_passwd_whose_root_field_sends_logins_to_the_shadow_file_is_read_through_and_left(string target, string passwd)
    {
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, OldHash);
        root.WriteFile("/etc/passwd.real", passwd, "644");
        File.CreateSymbolicLink(root.HostPath("/etc/passwd"), target);

        await SetAsync(root);

        await PasswordCommandTests.AssertShadowAsync(root, NewPassword, OldHash);
        Assert.Equal(target, new FileInfo(root.HostPath("/etc/passwd")).LinkTarget);
        Assert.Equal(passwd, File.ReadAllText(root.HostPath("/etc/passwd.real")));
        if (passwd.Contains("root:", StringComparison.Ordinal))
        {
            var login = await PamUnixLogin.CheckAsync(LinkedPasswd(root), root.HostPath("/etc/shadow"), NewPassword, OldPassword);
            Assert.True(login.NewPasswordWorks, login.Transcript);
            Assert.False(login.OldPasswordWorks, login.Transcript);
        }
    }

    [Theory]
    // Nothing, a directory, a FIFO (never opened: a read would wait on it for ever, under the lock)
    // or a loop behind the link: no root entry glibc reads, as with no /etc/passwd.
    [InlineData("passwd.missing")]
    [InlineData("passwd.d")]
    [InlineData("passwd.fifo")]
    [InlineData("passwd.loop")]
    public async Task A_link_at_etc_passwd_to_no_regular_file_leaves_logins_to_the_shadow_file(string target)
    {
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, OldHash);
        root.CreateDirectory("/etc/passwd.d");
        Assert.Equal(0, (await ExternalTool.RunAsync(ExternalTool.Require("mkfifo", "coreutils"), [root.HostPath("/etc/passwd.fifo")])).ExitCode);
        File.CreateSymbolicLink(root.HostPath("/etc/passwd.loop"), "passwd");
        File.CreateSymbolicLink(root.HostPath("/etc/passwd"), target);

        await SetAsync(root);

        await PasswordCommandTests.AssertShadowAsync(root, NewPassword, OldHash);
        Assert.Equal(target, new FileInfo(root.HostPath("/etc/passwd")).LinkTarget);
    }

    [Fact]
    public async Task A_failed_passwd_write_after_the_shadow_write_is_answered_and_the_same_request_run_again_finishes_it()
    {
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, OldHash);
        var passwd = Others + "root:" + OldHash + ":0:0:root:/root:/bin/sh\n" + Rest;
        root.WriteFile("/etc/passwd", passwd, "644");
        root.Services.Add(root.System with { Writer = new InterceptingWriter(root.System.Writer, failingPath: "/etc/passwd") });
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password("jTmi0N1qNIJmjcIeFAInYA==", root.Context("password")));

        // As documented: the write's reason; /etc/shadow holds the new hash, /etc/passwd is as it was,
        // and root's old password, in the field pam_unix checks, is still the one logins take.
        Assert.Equal("500", error.ReturnCode);
        Assert.Equal("Couldn't update the password file: No space left on device", error.Message);
        await PasswordCommandTests.AssertShadowAsync(root, NewPassword, OldHash);
        Assert.Equal(passwd, File.ReadAllText(root.HostPath("/etc/passwd")));
        var before = await PamUnixLogin.CheckAsync(root.HostPath("/etc/passwd"), root.HostPath("/etc/shadow"), NewPassword, OldPassword);
        Assert.False(before.NewPasswordWorks, before.Transcript);
        Assert.True(before.OldPasswordWorks, before.Transcript);

        root.Services.Add(root.System);
        await SetAsync(root);

        var after = await PamUnixLogin.CheckAsync(root.HostPath("/etc/passwd"), root.HostPath("/etc/shadow"), NewPassword, OldPassword);
        Assert.True(after.NewPasswordWorks, after.Transcript);
        Assert.False(after.OldPasswordWorks, after.Transcript);
        Assert.Equal(Others + "root:" + ShadowHash(root) + ":0:0:root:/root:/bin/sh\n" + Rest, File.ReadAllText(root.HostPath("/etc/passwd")));
    }

    [Theory]
    [InlineData("/etc/shadow")]
    [InlineData("/etc/passwd")]
    public async Task Either_files_unconfirmed_write_is_answered_once_both_hold_the_new_hash(string unsynced)
    {
        using var root = new CommandRoot();
        root.Services.Add(root.System with { Writer = new UnsyncedDirectoryWriter(root.System.Writer, onlyPath: unsynced) });
        PasswordCommandTests.WriteShadow(root, OldHash);
        root.WriteFile("/etc/passwd", Others + "root:*:0:0:root:/root:/bin/sh\n" + Rest, "644");
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password("jTmi0N1qNIJmjcIeFAInYA==", root.Context("password")));

        Assert.Equal("The password was changed, but the change could not be confirmed on disk: Input/output error", error.Message);
        await PasswordCommandTests.AssertShadowAsync(root, NewPassword, OldHash);
        Assert.Equal(Others + "root:" + ShadowHash(root) + ":0:0:root:/root:/bin/sh\n" + Rest, File.ReadAllText(root.HostPath("/etc/passwd")));
    }

    [Theory]
    // glibc skips C white space before a line's first field, and passes over a line whose uid or gid
    // strtoul does not read whole within 32 bits, or that ends before its gid.
    [InlineData(" \troot:*:0:0:root:/root:/bin/sh\nroot:x:0:0::/:\n")]
    [InlineData("root:*:zz:0:root:/root:/bin/sh\nroot:!:0:0::/:\n")]
    [InlineData("root:*:-1:0:root:/root:/bin/sh\nroot:!:0:0::/:\n")]
    [InlineData("root:*:4294967296:0:root\nroot:!:0:0::/:\n")]
    [InlineData("root:*:0:4294967296\nroot:!:0:0::/:\n")]
    [InlineData("root:*:0\nroot:!:0:0::/:\n")]
    [InlineData("root:*::0:root:/root:/bin/sh\nroot:!:0:0::/:\n")]
    [InlineData("root:*:0 :0:root:/root:/bin/sh\nroot:!:0:0::/:\n")]
    [InlineData("root:*:0:0\r\nroot:!:0:0::/:\n")]
    // Read: a sign, leading zeros, the largest id, four fields, a CR in the shell, a shell with colons.
    [InlineData("root:*: +0:-0:root\nroot:x:0:0::/:\n")]
    [InlineData("root:*:00000000000000000000:4294967295\nroot:x:0:0::/:\n")]
    // strtoul negates a "-" value modulo 2^64: 2^64 - 1 and 2^64 - 2^32 + 1 negated are 1 and 2^32 - 1, which
    // glibc reads (as uid 1 and gid 4294967295); one more is beyond 32 bits, 2^64 beyond strtoul.
    [InlineData("root:*:-18446744073709551615:0:root:/root:/bin/sh\nroot:!:0:0::/:\n")]
    [InlineData("root:*:0:-0018446744069414584321:root:/root:/bin/sh\nroot:!:0:0::/:\n")]
    [InlineData("root:*:-18446744069414584320:0:root:/root:/bin/sh\nroot:!:0:0::/:\n")]
    [InlineData("root:*:-18446744073709551616:0:root:/root:/bin/sh\nroot:!:0:0::/:\n")]
    [InlineData("root:*:0:0:root:/root:/bin/sh\r\nroot:x:0:0::/:\n")]
    [InlineData("#root:x:0:0::/:\nroot:##daemon:0:0:root:/root:/bin/sh\n")]
    [InlineData("root::0:0:root:/root:/bin/sh:more\n")]
    // glibc's line ends at a NUL byte: what follows it, up to the newline, is not read.
    [InlineData("root:*:0:0\0junk:/root:/bin/sh\nroot:x:0:0::/:\n")]
    [InlineData("root:*:0:0:ro\0ot:/root:/bin/sh\nroot:x:0:0::/:\n")]
    [InlineData("root:*:0\0:0:root:/root:/bin/sh\nroot:!:0:0::/:\n")]
    public async Task The_passwd_line_written_is_the_line_glibc_reads(string passwd)
    {
        var updated = PasswdFile.WithHash(Encoding.Latin1.GetBytes(passwd), "root", Written, out _);
        Assert.NotNull(updated);

        Assert.Equal(Written, await GlibcRootFieldAsync(updated));
    }

    /// <summary>
    /// Root's password field as glibc's <c>getpwnam</c> reads <paramref name="passwd"/> as <c>/etc/passwd</c>
    /// (through Python's <c>pwd</c> module: <c>getent</c> refuses to print a shell holding a colon), or
    /// <c>null</c> for no entry.
    /// </summary>
    internal static async Task<string?> GlibcRootFieldAsync(byte[] passwd)
    {
        var python = ExternalTool.Require("python3", "python3");
        var unshare = ExternalTool.Require("unshare", "util-linux");
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "passwd");
        await File.WriteAllBytesAsync(file, passwd);
        const string Script = "mount --bind \"$1\" /etc/passwd && exec \"$2\" -c '" +
            "import pwd, sys\ntry: sys.stdout.buffer.write(b\"hash=\" + pwd.getpwnam(\"root\").pw_passwd.encode(\"latin-1\"))\nexcept KeyError: pass'";
        var read = await ExternalTool.RunAsync(unshare, ["-rm", "/bin/sh", "-c", Script, "sh", file, python]);
        if (read.ExitCode != 0 && read.StandardError.Contains("unshare", StringComparison.Ordinal))
        {
            Requirement.Unmet($"unshare -rm is not permitted here ({read.StandardError.Trim()})");
        }

        Assert.True(read.ExitCode == 0, $"getpwnam: exit {read.ExitCode} {read.StandardError}");
        return read.StandardOutput.StartsWith("hash=", StringComparison.Ordinal) ? read.StandardOutput["hash=".Length..] : null;
    }

    [Theory]
    // Logins go by /etc/shadow: the field sends pam_unix there, or there is no root entry glibc reads.
    [InlineData("root:x:0:0:root:/root:/bin/sh\nroot:*:0:0::/:\n")]
    [InlineData(" root:##root:0:0:root:/root:/bin/sh\n")]
    [InlineData("daemon:*:1:1::/:\nroots:*:0:0::/:\n#root:*:0:0::/:\nroot :*:0:0::/:\n")]
    [InlineData("root:*:zz:0:root:/root:/bin/sh\nroot:*:0\n")]
    // A line before it glibc passes over (an id -1, 2^32, ten digits beyond 32 bits) whose field is not x is
    // no entry to write into: an id read there would leave musl's and glibc's x line alone and change it.
    [InlineData("root:*:-1:0:root:/root:/bin/sh\nroot:x:0:0::/:\n")]
    [InlineData("root:*:4294967296:0:root:/root:/bin/sh\nroot:x:0:0::/:\n")]
    [InlineData("root:*:0:9999999999:root:/root:/bin/sh\nroot:x:0:0::/:\n")]
    [InlineData("")]
    public void No_passwd_change_where_pam_unix_reads_the_shadow_file(string passwd)
    {
        Assert.Null(PasswdFile.WithHash(Encoding.Latin1.GetBytes(passwd), "root", Written, out _));
    }

    [Fact]
    public void Every_byte_but_roots_field_is_kept()
    {
        const string Before = "# header\r\ndaemon:*:1:1::/:\nroot:*:zz:0::/:\n\v root:!\xe9:0:0:r\xe9:/root:/bin/sh\r\nroot:y:0:0::/:";
        const string After = "# header\r\ndaemon:*:1:1::/:\nroot:*:zz:0::/:\n\v root:" + Written + ":0:0:r\xe9:/root:/bin/sh\r\nroot:y:0:0::/:";

        Assert.Equal(Encoding.Latin1.GetBytes(After), PasswdFile.WithHash(Encoding.Latin1.GetBytes(Before), "root", Written, out _));
    }

    private static async Task SetAsync(CommandRoot root)
    {
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        Assert.Equal(CommandResult.Ok(), await PasswordCommand.Password("jTmi0N1qNIJmjcIeFAInYA==", root.Context("password")));
    }

    /// <summary>The host path of the file the link at <c>/etc/passwd</c> leads to, an absolute target taken in the root.</summary>
    private static string LinkedPasswd(CommandRoot root) => root.System.FileSystem.HostPath("/etc/passwd", followFinalLink: true);

    private static string ShadowHash(CommandRoot root)
    {
        Assert.Null(ShadowFile.TryGetHash(File.ReadAllBytes(root.HostPath("/etc/shadow")), "root", out var hash));
        return hash;
    }
}
