using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>
/// Keys injected for an account the real <c>useradd</c> made (into the test's root, <c>--prefix</c>,
/// from copies of the system's user files and its <c>login.defs</c>), judged by the real sshd
/// (<see cref="SshLogin"/>, <c>StrictModes</c> on): with the home <c>useradd -m</c> makes, and
/// without one, Debian's default for <c>useradd</c>, where everything up to the key is new.
/// </summary>
public sealed class InjectFileSshUseraddTests
{
    private static readonly UnixFileMode Mode0644 = (UnixFileMode)Convert.ToInt32("644", 8);

    [Fact]
    public async Task A_key_injected_for_a_user_useradd_made_with_a_home_logs_in_and_the_new_ssh_directory_is_theirs()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var bob = await UserAddAsync(root, "-m");
        var key = await SshLogin.NewKeyAsync(keys.Path, "bob");

        SshLogin.Inject(root, "/home/bob/.ssh/authorized_keys", File.ReadAllText(key + ".pub"));

        await SshLogin.AssertLoginAsync(root, "bob", key, added: bob.Lines);
        Assert.Equal(bob.Owner, root.System.FileSystem.GetStatus("/home/bob/.ssh")!.Value.Owner);
        Assert.Equal(bob.Owner, root.System.FileSystem.GetStatus("/home/bob/.ssh/authorized_keys")!.Value.Owner);
    }

    [Fact]
    public async Task A_key_injected_for_a_user_useradd_made_without_a_home_logs_in()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var bob = await UserAddAsync(root, "-M");
        var key = await SshLogin.NewKeyAsync(keys.Path, "bob");
        Assert.False(Directory.Exists(root.HostPath("/home/bob")));

        SshLogin.Inject(root, "/home/bob/.ssh/authorized_keys", File.ReadAllText(key + ".pub"));

        // The agent answered success: sshd must take the key it wrote.
        await SshLogin.AssertLoginAsync(root, "bob", key, added: bob.Lines);
    }

    [Fact]
    public async Task A_key_injected_into_a_home_root_made_for_a_user_logs_in()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var bob = await UserAddAsync(root, "-M");
        Owners.OwnedDirectory(root.System.FileSystem, "/home/bob", SshLogin.Mode0755, FileOwner.Root);
        var key = await SshLogin.NewKeyAsync(keys.Path, "bob");

        SshLogin.Inject(root, "/home/bob/.ssh/authorized_keys", File.ReadAllText(key + ".pub"));

        await SshLogin.AssertLoginAsync(root, "bob", key, added: bob.Lines);
    }

    [Fact]
    public async Task A_key_injected_again_after_useradd_made_the_user_whose_home_an_earlier_injection_made_logs_in()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var early = await SshLogin.NewKeyAsync(keys.Path, "early");
        var key = await SshLogin.NewKeyAsync(keys.Path, "bob");

        // Injected before bob exists (cloud-init makes users after the agent's injections): all root's.
        SshLogin.Inject(root, "/home/bob/.ssh/authorized_keys", File.ReadAllText(early + ".pub"));
        var bob = await UserAddAsync(root, "-m");

        // Injected again now that he exists, as the documentation advises: sshd must take the key.
        SshLogin.Inject(root, "/home/bob/.ssh/authorized_keys", File.ReadAllText(key + ".pub"));

        await SshLogin.AssertLoginAsync(root, "bob", key, added: bob.Lines);
    }

    [Theory]
    [InlineData("/home//bob/")]
    [InlineData("/home/./bob")]
    public async Task A_key_injected_for_a_user_whose_home_useradd_wrote_unnormalised_logs_in(string home)
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var bob = await UserAddAsync(root, "-M", home);
        var key = await SshLogin.NewKeyAsync(keys.Path, "bob");

        SshLogin.Inject(root, "/home/bob/.ssh/authorized_keys", File.ReadAllText(key + ".pub"));

        // "/home//bob/" and "/home/./bob" name /home/bob for sshd (and the kernel) as for everyone else.
        await SshLogin.AssertLoginAsync(root, "bob", key, added: bob.Lines);
    }

    [Fact]
    public async Task A_key_injected_for_a_user_with_a_second_passwd_line_of_his_name_and_home_logs_in_as_the_first()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        // No home yet: his line in /etc/passwd decides who owns what the injection makes.
        var bob = await UserAddAsync(root, "-M");
        var key = await SshLogin.NewKeyAsync(keys.Path, "bob");
        // A later line for the same name (an edit by hand, a merged passwd file): glibc's getpwnam,
        // and so sshd, takes the first and never the second, whose uid only owns files.
        var second = $"bob:x:{bob.Owner.UserId + 1}:{bob.Owner.GroupId + 1}::/home/bob:/bin/sh";
        File.AppendAllText(root.HostPath("/etc/passwd"), second + "\n");

        SshLogin.Inject(root, "/home/bob/.ssh/authorized_keys", File.ReadAllText(key + ".pub"));

        var lines = bob.Lines with { Passwd = bob.Lines.Passwd + "\n" + second.Replace("/home/bob", root.HostPath("/").TrimEnd('/') + "/home/bob", StringComparison.Ordinal) };
        await SshLogin.AssertLoginAsync(root, "bob", key, added: lines);
        Assert.Equal(bob.Owner, root.System.FileSystem.GetStatus("/home/bob/.ssh/authorized_keys")!.Value.Owner);
    }

    [Fact]
    public async Task A_key_injected_for_a_user_whose_passwd_line_has_no_shell_field_logs_in()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var bob = await UserAddAsync(root, "-M");
        var key = await SshLogin.NewKeyAsync(keys.Path, "bob");
        // Six fields, no shell (a line written by hand or by a tool that leaves it out): glibc's getpwnam
        // reads it as bob's account with an empty shell (getent passwd bob: "bob:x:1001:1001::/home/bob:"),
        // and sshd takes an empty shell as /bin/sh.
        static string WithoutShell(string line) => line[..line.LastIndexOf(':')];
        var passwd = root.HostPath("/etc/passwd");
        File.WriteAllLines(passwd, File.ReadAllLines(passwd).Select(line => line.StartsWith("bob:", StringComparison.Ordinal) ? WithoutShell(line) : line));

        SshLogin.Inject(root, "/home/bob/.ssh/authorized_keys", File.ReadAllText(key + ".pub"));

        await SshLogin.AssertLoginAsync(root, "bob", key, added: bob.Lines with { Passwd = WithoutShell(bob.Lines.Passwd) });
        Assert.Equal(bob.Owner, root.System.FileSystem.GetStatus("/home/bob/.ssh/authorized_keys")!.Value.Owner);
    }

    /// <summary>
    /// A home two accounts share (bob and a service account, two uids): one key file has one owner,
    /// and sshd, opening it with the logging-in user's uid, takes a 0600 file for its owner only. So
    /// no owner the agent could pick serves both, and it picks none (root's, which neither can open);
    /// given to one, only that one logs in; root's 0644, which the administrator may choose, serves both.
    /// </summary>
    [Fact]
    public async Task A_key_injected_into_a_home_two_accounts_share_is_roots_and_one_owner_could_serve_only_one_of_them()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var bob = await UserAddAsync(root, "-M");
        var key = await SshLogin.NewKeyAsync(keys.Path, "bob");
        var svc = new FileOwner(bob.Owner.UserId + 1, bob.Owner.GroupId + 1);
        var svcLine = $"svc:x:{svc.UserId}:{svc.GroupId}::/home/bob:/bin/sh";
        File.AppendAllText(root.HostPath("/etc/passwd"), svcLine + "\n");

        SshLogin.Inject(root, "/home/bob/.ssh/authorized_keys", File.ReadAllText(key + ".pub"));

        var fs = root.System.FileSystem;
        string[] made = ["/home/bob", "/home/bob/.ssh", "/home/bob/.ssh/authorized_keys"];
        Assert.All(made, path => Assert.Equal(FileOwner.Root, fs.GetStatus(path)!.Value.Owner));
        var lines = bob.Lines with
        {
            Passwd = bob.Lines.Passwd + "\n" + svcLine.Replace("/home/bob", root.HostPath("/").TrimEnd('/') + "/home/bob", StringComparison.Ordinal),
            Shadow = bob.Lines.Shadow + "\nsvc:*:20000:0:99999:7:::",
            Group = bob.Lines.Group + $"\nsvc:x:{svc.GroupId}:",
        };
        async Task AssertLoginsAsync(bool bobIn, bool svcIn)
        {
            await SshLogin.AssertLoginAsync(root, "bob", key, bobIn, lines);
            await SshLogin.AssertLoginAsync(root, "svc", key, svcIn, lines);
        }

        await AssertLoginsAsync(bobIn: false, svcIn: false);
        foreach (var path in made)
        {
            fs.SetOwner(path, bob.Owner);
        }

        await AssertLoginsAsync(bobIn: true, svcIn: false);
        foreach (var path in made)
        {
            fs.SetOwner(path, FileOwner.Root);
        }

        File.SetUnixFileMode(root.HostPath("/home/bob/.ssh/authorized_keys"), Mode0644);
        await AssertLoginsAsync(bobIn: true, svcIn: true);
    }

    /// <summary>A guest's root (<see cref="SshLogin.Root"/>) with the user files <c>useradd</c> edits.</summary>
    private static CommandRoot Guest()
    {
        Owners.SkipUnlessRoot();
        ExternalTool.Require("useradd", "passwd");
        var root = SshLogin.Root();
        Owners.OwnedDirectory(root.System.FileSystem, "/etc", SshLogin.Mode0755, FileOwner.Root);
        foreach (var (name, mode) in new[] { ("passwd", Mode0644), ("group", Mode0644), ("shadow", SshLogin.Mode0600), ("gshadow", SshLogin.Mode0600), ("login.defs", Mode0644) })
        {
            File.Copy("/etc/" + name, root.HostPath("/etc/" + name));
            File.SetUnixFileMode(root.HostPath("/etc/" + name), mode);
        }

        return root;
    }

    /// <summary>
    /// Runs <c>useradd --prefix</c> for bob (<paramref name="homeOption"/>: <c>-m</c> makes his home
    /// from <c>/etc/skel</c>, <c>-M</c> none) with an unlocked password field (<c>*</c>: sshd refuses
    /// every login to a locked account) and returns his lines, home as a host path.
    /// </summary>
    private static async Task<UserAdded> UserAddAsync(CommandRoot root, string homeOption, string home = "/home/bob")
    {
        var useradd = ExternalTool.Require("useradd", "passwd");
        var result = await ExternalTool.RunAsync(useradd, ["--prefix", root.HostPath("/"), homeOption, "-d", home, "-p", "*", "-s", "/bin/sh", "bob"]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        string Line(string file) => Assert.Single(File.ReadAllLines(root.HostPath("/etc/" + file)), line => line.StartsWith("bob:", StringComparison.Ordinal));
        var fields = Line("passwd").Split(':');
        // As useradd wrote it (it keeps a home's "//", "." and trailing "/"), under the test's root for sshd.
        Assert.Equal(home, fields[5]);
        fields[5] = root.HostPath("/").TrimEnd('/') + home;
        var owner = new FileOwner(uint.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), uint.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture));
        return new UserAdded(new AddedUser(string.Join(':', fields), Line("shadow"), Line("group")), owner);
    }

    private sealed record UserAdded(AddedUser Lines, FileOwner Owner);
}
