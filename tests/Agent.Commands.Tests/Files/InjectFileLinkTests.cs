using System.Text;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>
/// injectfile with the default settings (allow-list <c>/</c>) never writes through a symbolic link a
/// user could have planted: the review's scenarios (<c>~/.ssh -&gt; /root/.ssh</c>, a link raced in
/// where a directory is about to be made), on real files under a temporary root. Links only root can
/// have made (OSTree's <c>/root -&gt; var/roothome</c>) are followed.
/// </summary>
public sealed class InjectFileLinkTests
{
    private const string AlicesKey = "ssh-ed25519 AAAAalice alice@laptop\n";
    private static readonly UnixFileMode Mode0600 = (UnixFileMode)Convert.ToInt32("600", 8);
    private static readonly UnixFileMode Mode0700 = (UnixFileMode)Convert.ToInt32("700", 8);
    private static readonly UnixFileMode Mode0755 = (UnixFileMode)Convert.ToInt32("755", 8);

    [Fact]
    public void A_user_linking_their_ssh_directory_to_roots_cannot_get_roots_keys_replaced()
    {
        using var root = new CommandRoot();
        var fs = root.System.FileSystem;
        fs.CreateDirectory("/root/.ssh", Mode0700);
        root.WriteFile("/root/.ssh/authorized_keys", "ssh-ed25519 AAAAroot root@host\n", "600");
        UserHome(fs, "/home/alice");
        // `ln -s ../../root/.ssh ~/.ssh`, as alice. (Relative: should the agent ever follow it, it
        // still lands under the temporary root, never in the test machine's /root.)
        fs.CreateSymbolicLink("/home/alice/.ssh", "../../root/.ssh");

        foreach (var inject in Both("/home/alice/.ssh/authorized_keys", AlicesKey))
        {
            AssertRefused(root, () => inject(root), InjectFileMessages.LinkOnTheWay);
        }

        Assert.Equal("ssh-ed25519 AAAAroot root@host\n", File.ReadAllText(root.HostPath("/root/.ssh/authorized_keys")));
        Assert.Equal(Mode0600, fs.GetStatus("/root/.ssh/authorized_keys")!.Value.Mode);
    }

    [Fact]
    public void A_link_to_a_directory_outside_the_root_is_refused_and_the_directory_untouched()
    {
        using var root = new CommandRoot();
        using var outside = new TemporaryDirectory("guestagent-victim-");
        File.WriteAllText(outside.Combine("authorized_keys"), "precious\n");
        var before = TreeSnapshot.Take(outside.Path);
        UserHome(root.System.FileSystem, "/home/alice");
        root.System.FileSystem.CreateSymbolicLink("/home/alice/.ssh", outside.Path);

        AssertRefused(root, () => InjectFileCommands.InjectFile(Encode("/home/alice/.ssh/authorized_keys", AlicesKey), root.Context("injectfile")), InjectFileMessages.LinkOnTheWay);

        Assert.Equal(before, TreeSnapshot.Take(outside.Path));
    }

    [Fact]
    public void A_link_where_a_missing_directory_would_be_made_is_refused_and_its_target_keeps_its_mode()
    {
        using var root = new CommandRoot();
        var fs = root.System.FileSystem;
        fs.CreateDirectory("/root", Mode0700);
        UserHome(fs, "/home/alice");
        // What a racing user would slip in where injectfile is about to mkdir "new".
        fs.CreateSymbolicLink("/home/alice/new", "../../root");

        AssertRefused(root, () => InjectFileCommands.InjectFile(Encode("/home/alice/new/.ssh/authorized_keys", AlicesKey), root.Context("injectfile")), InjectFileMessages.LinkOnTheWay);

        Assert.Equal(Mode0700, fs.GetStatus("/root")!.Value.Mode);
        Assert.Empty(fs.ListDirectory("/root"));
    }

    [Fact]
    public void A_file_on_the_way_is_refused_as_not_a_directory()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/motd", "hello", "644");

        AssertRefused(root, () => InjectFileCommands.InjectFile(Encode("/etc/motd/x", "x"), root.Context("injectfile")), InjectFileMessages.NotADirectoryOnTheWay);
    }

    [Fact]
    public void Without_links_a_users_home_gets_new_directories_0755_and_a_0600_file()
    {
        using var root = new CommandRoot();
        var fs = root.System.FileSystem;
        fs.CreateDirectory("/home/alice", Mode0755);

        InjectFileCommands.InjectFile(Encode("/home/alice/.ssh/authorized_keys", AlicesKey), root.Context("injectfile"));

        Assert.Equal(AlicesKey, File.ReadAllText(root.HostPath("/home/alice/.ssh/authorized_keys")));
        Assert.Equal(Mode0755, fs.GetStatus("/home/alice/.ssh")!.Value.Mode);
        Assert.Equal(Mode0600, fs.GetStatus("/home/alice/.ssh/authorized_keys")!.Value.Mode);
        if (Owners.AsRoot)
        {
            Assert.Equal(FileOwner.Root, fs.GetStatus("/home/alice/.ssh")!.Value.Owner);
            Assert.Equal(FileOwner.Root, fs.GetStatus("/home/alice/.ssh/authorized_keys")!.Value.Owner);
        }
    }

    [Fact]
    public void On_an_ostree_system_roots_keys_are_written_through_the_root_made_link()
    {
        // Fedora CoreOS, Silverblue, RHEL for Edge: /root -> var/roothome, made by root in "/".
        using var root = new CommandRoot();
        var fs = root.System.FileSystem;
        fs.CreateDirectory("/var/roothome", Mode0700);
        fs.CreateSymbolicLink("/root", "var/roothome");

        InjectFileCommands.InjectFile(Encode("/root/.ssh/authorized_keys", AlicesKey), root.Context("injectfile"));

        Assert.Equal(AlicesKey, File.ReadAllText(root.HostPath("/var/roothome/.ssh/authorized_keys")));
        Assert.Equal(Mode0600, fs.GetStatus("/var/roothome/.ssh/authorized_keys")!.Value.Mode);
        Assert.Equal("var/roothome", fs.ReadLink("/root"));
    }

    [Fact]
    public void On_an_ostree_system_a_link_a_user_planted_behind_the_root_made_one_is_still_refused()
    {
        // /home -> var/home is root's; alice's ~/.ssh -> /root/.ssh inside her own directory is not.
        using var root = new CommandRoot();
        var fs = root.System.FileSystem;
        fs.CreateDirectory("/var/roothome/.ssh", Mode0700);
        root.WriteFile("/var/roothome/.ssh/authorized_keys", "ssh-ed25519 AAAAroot root@host\n", "600");
        fs.CreateSymbolicLink("/root", "var/roothome");
        fs.CreateDirectory("/var/home", Mode0755);
        fs.CreateSymbolicLink("/home", "var/home");
        UserHome(fs, "/var/home/alice");
        fs.CreateSymbolicLink("/var/home/alice/.ssh", "/root/.ssh");

        foreach (var inject in Both("/home/alice/.ssh/authorized_keys", AlicesKey))
        {
            AssertRefused(root, () => inject(root), InjectFileMessages.LinkOnTheWay);
        }

        Assert.Equal("ssh-ed25519 AAAAroot root@host\n", File.ReadAllText(root.HostPath("/var/roothome/.ssh/authorized_keys")));
    }

    [Fact]
    public void Under_a_narrower_allow_list_even_a_root_made_link_is_refused()
    {
        // Nothing tells a root-made link inside an allowed directory from one leading out of it.
        using var root = new CommandRoot();
        root.Services.Add(new InjectFileOptions { AllowedDirectories = ["/root/.ssh"] });
        var fs = root.System.FileSystem;
        fs.CreateDirectory("/var/roothome", Mode0700);
        fs.CreateSymbolicLink("/root", "var/roothome");

        AssertRefused(root, () => InjectFileCommands.InjectFile(Encode("/root/.ssh/authorized_keys", AlicesKey), root.Context("injectfile")), InjectFileMessages.LinkOnTheWay);
    }

    /// <summary>
    /// A home directory its user can write: owned by another uid when the tests run as root (as in
    /// CI), else (the agent's own uid would be trusted) writable by everyone, which no more lets the
    /// agent trust a link in it.
    /// </summary>
    private static void UserHome(IFileSystem fs, string path)
    {
        fs.CreateDirectory(path, Mode0755);
        if (Owners.AsRoot)
        {
            fs.SetOwner(path, new FileOwner(4321, 4321));
        }
        else
        {
            fs.SetMode(path, Mode0755 | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        }
    }

    private static IEnumerable<Func<CommandRoot, CommandResult>> Both(string path, string contents)
    {
        yield return root => InjectFileCommands.InjectFile(Encode(path, contents), root.Context("injectfile"));
        yield return root => InjectFileCommands.FileInject(
            Json($"{{\"b64_path\":\"{B64(path)}\",\"b64_file\":\"{B64(contents)}\"}}"),
            root.Context("file_inject"));
    }

    private static void AssertRefused(CommandRoot root, Func<CommandResult> command, string message)
    {
        var before = TreeSnapshot.Take(root.System.FileSystem.Root);

        var error = Assert.Throws<CommandException>(() => command());

        Assert.Equal("500", error.ReturnCode);
        Assert.Equal(message, error.Message);
        Assert.DoesNotContain("AAAA", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, TreeSnapshot.Take(root.System.FileSystem.Root));
    }

    private static string Encode(string path, string contents) => B64(path + "," + contents);

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static System.Text.Json.JsonElement Json(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
