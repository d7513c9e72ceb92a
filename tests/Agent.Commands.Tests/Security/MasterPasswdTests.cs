using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// FreeBSD: the root password lives in <c>/etc/master.passwd</c>, and <c>pwd_mkdb</c> installs a new
/// version of it together with the password databases.
/// </summary>
public sealed class MasterPasswdTests
{
    private const string OldHash = "$6$abcdefgh$bp46WUxDu2cphMRE0PvVJlqas2imuSq186YS793XKfmqn9XUEL17HECskUTZInaNigNndLLYc7A6yWBmFEFn3/";
    private const string Header = "# $FreeBSD$\n#\n";
    private const string RootRest = ":0:0::0:0:Charlie &:/root:/bin/csh\n";
    private const string Others = "toor:*:0:0::0:0:Bourne-again Superuser:/root:\ndaemon:*:1:1::0:0:Owner of many system processes:/root:/usr/sbin/nologin\n";
    internal const string MasterPasswd = Header + "root:" + OldHash + RootRest + Others;

    /// <summary>The ciphertext of <c>Passw0rd!</c> under the spec's key exchange vector.</summary>
    private const string Ciphertext = "jTmi0N1qNIJmjcIeFAInYA==";

    [Fact]
    public async Task Only_roots_hash_changes_and_pwd_mkdb_installs_the_new_file_with_the_old_mode()
    {
        UnixFileMode? stagedMode = null;
        var pwdMkdb = new ScriptedProcessRunner(spec =>
        {
            stagedMode = File.GetUnixFileMode(spec.Arguments[2]);
            return PwdMkdb(spec);
        });
        using var root = new CommandRoot(processes: pwdMkdb);
        root.WriteFile(RootPasswordSetter.MasterPasswdPath, MasterPasswd, "600");
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        var result = await PasswordCommand.Password(Ciphertext, root.Context("password"));

        Assert.Equal(CommandResult.Ok(), result);
        var call = Assert.Single(pwdMkdb.Calls);
        Assert.Equal(RootPasswordSetter.PwdMkdb, call.Program);
        Assert.Equal(["-d", root.HostPath("/etc")], call.Arguments.Take(2));
        Assert.StartsWith(root.HostPath("/etc/pw."), call.Arguments[2], StringComparison.Ordinal);
        Assert.Equal((UnixFileMode)Convert.ToInt32("600", 8), stagedMode);

        var text = File.ReadAllText(root.HostPath(RootPasswordSetter.MasterPasswdPath));
        Assert.StartsWith(Header + "root:$6$", text, StringComparison.Ordinal);
        Assert.EndsWith(RootRest + Others, text, StringComparison.Ordinal);
        var hash = text[(Header.Length + "root:".Length)..].Split(':')[0];
        Assert.NotEqual(OldHash, hash);
        Assert.Equal(await CryptHashes.MkpasswdAsync("Passw0rd!", hash), hash);
        Assert.Equal([RootPasswordSetter.MasterPasswdPath], root.System.FileSystem.ListDirectory("/etc"));
        Assert.Null(root.Session.Get<NovaSessionKey>());
    }

    [Fact]
    public async Task A_failing_pwd_mkdb_leaves_master_passwd_as_it_was_and_no_staged_copy()
    {
        using var root = new CommandRoot(processes: new ScriptedProcessRunner(_ => new ProcessResult(1, "", "pwd_mkdb: corrupted entry")));
        root.WriteFile(RootPasswordSetter.MasterPasswdPath, MasterPasswd, "600");
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password(Ciphertext, root.Context("password")));

        Assert.Equal("500", error.ReturnCode);
        Assert.Equal("Rebuilding the passwd database failed", error.Message);
        Assert.Equal(MasterPasswd, File.ReadAllText(root.HostPath(RootPasswordSetter.MasterPasswdPath)));
        Assert.Equal([RootPasswordSetter.MasterPasswdPath], root.System.FileSystem.ListDirectory("/etc"));
    }

    [Fact]
    public async Task In_root_mode_pwd_mkdb_is_recorded_and_the_staged_copy_removed()
    {
        using var root = new CommandRoot();
        root.WriteFile(RootPasswordSetter.MasterPasswdPath, MasterPasswd, "600");
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        Assert.Equal(CommandResult.Ok(), await PasswordCommand.Password(Ciphertext, root.Context("password")));

        Assert.StartsWith($"/usr/sbin/pwd_mkdb -d {root.HostPath("/etc")} {root.HostPath("/etc/pw.")}", root.ActionsLog(), StringComparison.Ordinal);
        Assert.Equal(MasterPasswd, File.ReadAllText(root.HostPath(RootPasswordSetter.MasterPasswdPath)));
        Assert.Equal([RootPasswordSetter.MasterPasswdPath], root.System.FileSystem.ListDirectory("/etc"));
    }

    [Fact]
    public async Task A_shadow_file_is_preferred_and_master_passwd_then_left_alone()
    {
        var pwdMkdb = new ScriptedProcessRunner(PwdMkdb);
        using var root = new CommandRoot(processes: pwdMkdb);
        root.WriteFile(RootPasswordSetter.MasterPasswdPath, MasterPasswd, "600");
        root.WriteFile(RootPasswordSetter.ShadowPath, "root:" + OldHash + ":19000:0:99999:7:::\n", "640");
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);

        Assert.Equal(CommandResult.Ok(), await PasswordCommand.Password(Ciphertext, root.Context("password")));

        Assert.Empty(pwdMkdb.Calls);
        Assert.Equal(MasterPasswd, File.ReadAllText(root.HostPath(RootPasswordSetter.MasterPasswdPath)));
        Assert.DoesNotContain(OldHash, File.ReadAllText(root.HostPath(RootPasswordSetter.ShadowPath)), StringComparison.Ordinal);
    }

    /// <summary>
    /// Stands in for FreeBSD's <c>pwd_mkdb</c>, which Linux has no package for: it does the one thing
    /// the agent relies on, <c>pwd_mkdb -d DIR FILE</c> renaming FILE to <c>DIR/master.passwd</c>
    /// (the databases it also writes are FreeBSD's business).
    /// </summary>
    internal static ProcessResult PwdMkdb(ProcessSpec spec)
    {
        var (directory, staged) = (spec.Arguments[1], spec.Arguments[2]);
        File.Move(staged, Path.Combine(directory, "master.passwd"), overwrite: true);
        return new ProcessResult(0, "", "");
    }
}
