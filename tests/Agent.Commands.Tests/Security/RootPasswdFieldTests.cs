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
    private const string Rest = "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n# kept\n";

    [Theory]
    [InlineData("*")]
    [InlineData("!")]
    [InlineData("")]
    [InlineData(OldHash)]
    public async Task A_root_passwd_field_pam_unix_checks_gets_the_new_hash_too(string field)
    {
        using var root = new CommandRoot();
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
    }

    [Theory]
    [InlineData("x")]
    [InlineData("##root")]
    public async Task A_shadowed_root_passwd_field_is_left_as_it_is(string field)
    {
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, OldHash);
        var passwd = Others + "root:" + field + ":0:0:root:/root:/bin/sh\n" + Rest;
        root.WriteFile("/etc/passwd", passwd, "644");

        await SetAsync(root);

        var login = await PamUnixLogin.CheckAsync(root.HostPath("/etc/passwd"), root.HostPath("/etc/shadow"), NewPassword, OldPassword);
        Assert.True(login.NewPasswordWorks, login.Transcript);
        Assert.False(login.OldPasswordWorks, login.Transcript);
        Assert.True(login.AccountUsable, login.Transcript);
        Assert.Equal(Encoding.UTF8.GetBytes(passwd), File.ReadAllBytes(root.HostPath("/etc/passwd")));
    }

    [Fact]
    public async Task A_link_at_etc_passwd_is_not_followed_and_only_the_shadow_file_changes()
    {
        using var root = new CommandRoot();
        PasswordCommandTests.WriteShadow(root, OldHash);
        root.WriteFile("/etc/passwd.real", "root:*:0:0:root:/root:/bin/sh\n", "644");
        File.CreateSymbolicLink(root.HostPath("/etc/passwd"), "passwd.real");

        await SetAsync(root);

        await PasswordCommandTests.AssertShadowAsync(root, NewPassword, OldHash);
        Assert.Equal("passwd.real", new FileInfo(root.HostPath("/etc/passwd")).LinkTarget);
        Assert.Equal("root:*:0:0:root:/root:/bin/sh\n", File.ReadAllText(root.HostPath("/etc/passwd.real")));
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
    [InlineData("root:*:0:0:root:/root:/bin/sh\r\nroot:x:0:0::/:\n")]
    [InlineData("#root:x:0:0::/:\nroot:##daemon:0:0:root:/root:/bin/sh\n")]
    [InlineData("root::0:0:root:/root:/bin/sh:more\n")]
    public async Task The_passwd_line_written_is_the_line_glibc_reads(string passwd)
    {
        var python = ExternalTool.Require("python3", "python3");
        var unshare = ExternalTool.Require("unshare", "util-linux");
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "passwd");
        var updated = PasswdFile.WithHash(Encoding.Latin1.GetBytes(passwd), "root", Written);
        Assert.NotNull(updated);
        File.WriteAllBytes(file, updated);

        // glibc's getpwnam, through Python's pwd module: getent refuses to print a shell holding a colon.
        const string Script = "mount --bind \"$1\" /etc/passwd && exec \"$2\" -c 'import pwd; print(pwd.getpwnam(\"root\").pw_passwd)'";
        var read = await ExternalTool.RunAsync(unshare, ["-rm", "/bin/sh", "-c", Script, "sh", file, python]);
        if (read.ExitCode != 0 && read.StandardError.Contains("unshare", StringComparison.Ordinal))
        {
            Requirement.Unmet($"unshare -rm is not permitted here ({read.StandardError.Trim()})");
        }

        Assert.True(read.ExitCode == 0, $"getpwnam: exit {read.ExitCode} {read.StandardError}");
        Assert.Equal(Written + "\n", read.StandardOutput);
    }

    [Theory]
    // Logins go by /etc/shadow: the field sends pam_unix there, or there is no root entry glibc reads.
    [InlineData("root:x:0:0:root:/root:/bin/sh\nroot:*:0:0::/:\n")]
    [InlineData(" root:##root:0:0:root:/root:/bin/sh\n")]
    [InlineData("daemon:*:1:1::/:\nroots:*:0:0::/:\n#root:*:0:0::/:\nroot :*:0:0::/:\n")]
    [InlineData("root:*:zz:0:root:/root:/bin/sh\nroot:*:0\n")]
    [InlineData("")]
    public void No_passwd_change_where_pam_unix_reads_the_shadow_file(string passwd)
    {
        Assert.Null(PasswdFile.WithHash(Encoding.Latin1.GetBytes(passwd), "root", Written));
    }

    [Fact]
    public void Every_byte_but_roots_field_is_kept()
    {
        const string Before = "# header\r\ndaemon:*:1:1::/:\nroot:*:zz:0::/:\n\v root:!\xe9:0:0:r\xe9:/root:/bin/sh\r\nroot:y:0:0::/:";
        const string After = "# header\r\ndaemon:*:1:1::/:\nroot:*:zz:0::/:\n\v root:" + Written + ":0:0:r\xe9:/root:/bin/sh\r\nroot:y:0:0::/:";

        Assert.Equal(Encoding.Latin1.GetBytes(After), PasswdFile.WithHash(Encoding.Latin1.GetBytes(Before), "root", Written));
    }

    private static async Task SetAsync(CommandRoot root)
    {
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        Assert.Equal(CommandResult.Ok(), await PasswordCommand.Password("jTmi0N1qNIJmjcIeFAInYA==", root.Context("password")));
    }

    private static string ShadowHash(CommandRoot root)
    {
        Assert.Null(ShadowFile.TryGetHash(File.ReadAllBytes(root.HostPath("/etc/shadow")), "root", out var hash));
        return hash;
    }
}
