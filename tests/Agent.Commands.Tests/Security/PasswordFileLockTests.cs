using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// The password change against another program holding the password file lock: a child process
/// (python3's fcntl, the calls glibc's lckpwdf and FreeBSD's pw_lock make) that, like useradd,
/// reads the file when it takes the lock and writes it back with a new user when it lets go.
/// </summary>
public sealed class PasswordFileLockTests
{
    /// <summary>The ciphertext of <c>Passw0rd!</c> under the spec's key exchange vector.</summary>
    private const string Ciphertext = "jTmi0N1qNIJmjcIeFAInYA==";
    private const string NewUser = "cloud-user:!:20000:0:99999:7:::\n";
    private const string NewFreeBsdUser = "cloud-user:*:1001:1001::0:0:Cloud user:/home/cloud-user:/bin/sh\n";

    [Fact]
    public async Task The_password_waits_for_a_useradd_holding_lckpwdf_and_then_keeps_both_the_new_user_and_the_new_password()
    {
        var time = new RetryObservingTimeProvider(longerThanRetries: TimeSpan.FromMinutes(1));
        using var root = new CommandRoot(time: time);
        root.Services.Add(new PasswordOptions { LockTimeout = TimeSpan.FromMinutes(2) });
        PasswordCommandTests.WriteShadow(root, PasswordCommandTests.Sha512);
        var before = File.ReadAllText(root.HostPath("/etc/shadow"));
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        await using var useradd = await CompetingLock.HoldAsync(root.HostPath("/etc/.pwd.lock"), "lockf", root.HostPath("/etc/shadow"), NewUser);

        var password = PasswordCommand.Password(Ciphertext, root.Context("password"));
        // No timing: the command either schedules a retry (it found the lock busy) or, if it took
        // no lock, finishes on its own while useradd still holds it.
        var first = await Task.WhenAny(time.Retrying, password).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.True(first == time.Retrying, "The password was set while useradd held the lock");
        Assert.Equal(before, File.ReadAllText(root.HostPath("/etc/shadow")));
        await useradd.ReleaseAsync();

        Assert.Equal(CommandResult.Ok(), await password);
        var text = File.ReadAllText(root.HostPath("/etc/shadow"));
        var hash = text.Split('\n').Single(line => line.StartsWith("root:", StringComparison.Ordinal)).Split(':')[1];
        var days = root.Time.GetUtcNow().ToUnixTimeSeconds() / 86400;
        var expected = before.Replace($"root:{PasswordCommandTests.Sha512}:19000:", $"root:{hash}:{days}:", StringComparison.Ordinal) + NewUser;
        Assert.Equal(expected, text);
        Assert.NotEqual(PasswordCommandTests.Sha512, hash);
        Assert.Equal(await CryptHashes.MkpasswdAsync("Passw0rd!", hash), hash);
    }

    [Fact]
    public async Task A_shadow_file_replaced_by_a_link_while_the_password_waits_for_the_lock_is_not_written_through()
    {
        var time = new RetryObservingTimeProvider(longerThanRetries: TimeSpan.FromMinutes(1));
        using var root = new CommandRoot(time: time);
        using var outside = new TemporaryDirectory("guestagent-outside-");
        root.Services.Add(new PasswordOptions { LockTimeout = TimeSpan.FromMinutes(2) });
        PasswordCommandTests.WriteShadow(root, PasswordCommandTests.Sha512);
        var shadow = File.ReadAllText(root.HostPath("/etc/shadow"));
        File.WriteAllText(outside.Combine("shadow"), shadow);
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        await using var holder = await CompetingLock.HoldAsync(root.HostPath("/etc/.pwd.lock"), "lockf");

        var password = PasswordCommand.Password(Ciphertext, root.Context("password"));
        // Hashed and waiting for the lock: only now does the file become a link elsewhere.
        var first = await Task.WhenAny(time.Retrying, password).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.True(first == time.Retrying, "The password was set while another program held the lock");
        File.Delete(root.HostPath("/etc/shadow"));
        File.CreateSymbolicLink(root.HostPath("/etc/shadow"), outside.Combine("shadow"));
        await holder.ReleaseAsync();

        var error = await Assert.ThrowsAsync<CommandException>(() => password);

        Assert.Equal("Unknown password file format", error.Message);
        Assert.Equal(shadow, File.ReadAllText(outside.Combine("shadow")));
        Assert.Equal(outside.Combine("shadow"), new FileInfo(root.HostPath("/etc/shadow")).LinkTarget);
    }

    [Fact]
    public async Task A_root_hash_changed_while_the_password_waits_for_the_lock_gets_a_new_hash_of_its_own_family()
    {
        var time = new RetryObservingTimeProvider(longerThanRetries: TimeSpan.FromMinutes(1));
        using var root = new CommandRoot(time: time);
        root.Services.Add(new PasswordOptions { LockTimeout = TimeSpan.FromMinutes(2) });
        PasswordCommandTests.WriteShadow(root, PasswordCommandTests.Sha512);
        // pam_unix checks this field, not the shadow entry: it must get the hash written there, not the one made before.
        root.WriteFile("/etc/passwd", "root:*:0:0:root:/root:/bin/sh\n", "644");
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        await using var holder = await CompetingLock.HoldAsync(root.HostPath("/etc/.pwd.lock"), "lockf");

        var password = PasswordCommand.Password(Ciphertext, root.Context("password"));
        // Hashed for the SHA-512 entry and waiting for the lock: meanwhile root's entry becomes SHA-256.
        var first = await Task.WhenAny(time.Retrying, password).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.True(first == time.Retrying, "The password was set while another program held the lock");
        var shadow = root.HostPath("/etc/shadow");
        File.WriteAllText(shadow, File.ReadAllText(shadow).Replace($"root:{PasswordCommandTests.Sha512}:", "root:$5$abcdefgh$xyz:", StringComparison.Ordinal));
        await holder.ReleaseAsync();

        Assert.Equal(CommandResult.Ok(), await password);
        var hash = File.ReadAllText(shadow).Split('\n').Single(line => line.StartsWith("root:", StringComparison.Ordinal)).Split(':')[1];
        Assert.StartsWith("$5$", hash, StringComparison.Ordinal);
        Assert.Equal(await CryptHashes.MkpasswdAsync("Passw0rd!", hash), hash);
        Assert.Equal("root:" + hash + ":0:0:root:/root:/bin/sh\n", File.ReadAllText(root.HostPath("/etc/passwd")));
    }

    [Fact]
    public async Task A_lock_held_past_the_timeout_is_reported_and_the_shadow_file_left_alone()
    {
        using var root = new CommandRoot();
        root.Services.Add(new PasswordOptions { LockTimeout = TimeSpan.FromSeconds(1) });
        PasswordCommandTests.WriteShadow(root, PasswordCommandTests.Sha512);
        var before = File.ReadAllBytes(root.HostPath("/etc/shadow"));
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        await using var holder = await CompetingLock.HoldAsync(root.HostPath("/etc/.pwd.lock"), "lockf");

        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password(Ciphertext, root.Context("password")));

        Assert.Equal("500", error.ReturnCode);
        Assert.Equal("Password file is locked by another program", error.Message);
        Assert.Equal(before, File.ReadAllBytes(root.HostPath("/etc/shadow")));
        Assert.Equal(["/etc/.pwd.lock", "/etc/shadow"], root.System.FileSystem.ListDirectory("/etc"));
    }

    [Fact]
    public async Task On_freebsd_the_password_waits_for_pw_holding_master_passwd_and_keeps_the_user_it_added()
    {
        var time = new RetryObservingTimeProvider(longerThanRetries: TimeSpan.FromMinutes(1));
        var pwdMkdb = new ScriptedProcessRunner(MasterPasswdTests.PwdMkdb);
        using var root = new CommandRoot(processes: pwdMkdb, time: time);
        root.Services.Add(new PasswordOptions { LockTimeout = TimeSpan.FromMinutes(2) });
        root.WriteFile(RootPasswordSetter.MasterPasswdPath, MasterPasswdTests.MasterPasswd, "600");
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        var master = root.HostPath(RootPasswordSetter.MasterPasswdPath);
        await using var pw = await CompetingLock.HoldAsync(master, "flock", master, NewFreeBsdUser);

        var password = PasswordCommand.Password(Ciphertext, root.Context("password"));
        var first = await Task.WhenAny(time.Retrying, password).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.True(first == time.Retrying, "master.passwd was rebuilt while pw held its lock");
        Assert.Empty(pwdMkdb.Calls);
        await pw.ReleaseAsync();

        Assert.Equal(CommandResult.Ok(), await password);
        Assert.Single(pwdMkdb.Calls);
        var text = File.ReadAllText(master);
        Assert.EndsWith(NewFreeBsdUser, text, StringComparison.Ordinal);
        Assert.DoesNotContain("root:$6$abcdefgh$", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_freebsd_a_lock_held_past_the_timeout_is_reported_and_pwd_mkdb_never_runs()
    {
        var pwdMkdb = new ScriptedProcessRunner(MasterPasswdTests.PwdMkdb);
        using var root = new CommandRoot(processes: pwdMkdb);
        root.Services.Add(new PasswordOptions { LockTimeout = TimeSpan.FromSeconds(1) });
        root.WriteFile(RootPasswordSetter.MasterPasswdPath, MasterPasswdTests.MasterPasswd, "600");
        PasswordCommandTests.KeyInit(root, NovaDiffieHellmanTests.HostPublic, NovaDiffieHellmanTests.GuestPrivate);
        await using var holder = await CompetingLock.HoldAsync(root.HostPath(RootPasswordSetter.MasterPasswdPath), "flock");

        var error = await Assert.ThrowsAsync<CommandException>(() => PasswordCommand.Password(Ciphertext, root.Context("password")));

        Assert.Equal("Password file is locked by another program", error.Message);
        Assert.Empty(pwdMkdb.Calls);
        await holder.ReleaseAsync(); // the test's own read takes a shared flock
        Assert.Equal(MasterPasswdTests.MasterPasswd, File.ReadAllText(root.HostPath(RootPasswordSetter.MasterPasswdPath)));
        Assert.Equal([RootPasswordSetter.MasterPasswdPath], root.System.FileSystem.ListDirectory("/etc"));
    }
}
