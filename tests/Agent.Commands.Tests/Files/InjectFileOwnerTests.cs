using System.Text;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>
/// Who owns what injectfile creates, on real files under a temporary root: in a directory a user
/// owns (a home) new files and directories are that user's, so sshd, which reads
/// <c>~/.ssh/authorized_keys</c> with the user's uid, can read the 0600 key file; in root's
/// directories they stay root's; an existing file keeps its owner. Giving files to uid 4321 needs
/// root (as in CI); without it the contents and modes are still checked and the owners skipped.
/// </summary>
public sealed class InjectFileOwnerTests
{
    private const string AlicesKey = "ssh-ed25519 AAAAalice alice@laptop\n";
    private static readonly FileOwner Alice = new(4321, 4321);
    private static readonly UnixFileMode Mode0600 = (UnixFileMode)Convert.ToInt32("600", 8);
    private static readonly UnixFileMode Mode0644 = (UnixFileMode)Convert.ToInt32("644", 8);
    private static readonly UnixFileMode Mode0700 = (UnixFileMode)Convert.ToInt32("700", 8);
    private static readonly UnixFileMode Mode0755 = (UnixFileMode)Convert.ToInt32("755", 8);

    [Fact]
    public void A_new_key_file_in_alices_existing_ssh_directory_is_hers_and_0600()
    {
        using var root = new CommandRoot();
        var fs = root.System.FileSystem;
        Owners.OwnedDirectory(fs, "/home/alice", Mode0755, Alice);
        Owners.OwnedDirectory(fs, "/home/alice/.ssh", Mode0700, Alice);

        Inject(root, "/home/alice/.ssh/authorized_keys", AlicesKey);

        Assert.Equal(AlicesKey, File.ReadAllText(root.HostPath("/home/alice/.ssh/authorized_keys")));
        Assert.Equal(Mode0600, fs.GetStatus("/home/alice/.ssh/authorized_keys")!.Value.Mode);
        Owners.SkipUnlessRoot();
        Assert.Equal(Alice, fs.GetStatus("/home/alice/.ssh/authorized_keys")!.Value.Owner);
    }

    [Fact]
    public void A_new_ssh_directory_and_key_file_in_alices_home_are_both_hers_through_either_command()
    {
        foreach (var command in new[] { "injectfile", "file_inject" })
        {
            using var root = new CommandRoot();
            var fs = root.System.FileSystem;
            Owners.OwnedDirectory(fs, "/home/alice", Mode0755, Alice);

            Inject(root, "/home/alice/.ssh/authorized_keys", AlicesKey, command);

            Assert.Equal(AlicesKey, File.ReadAllText(root.HostPath("/home/alice/.ssh/authorized_keys")));
            Assert.Equal(Mode0755, fs.GetStatus("/home/alice/.ssh")!.Value.Mode);
            Assert.Equal(Mode0600, fs.GetStatus("/home/alice/.ssh/authorized_keys")!.Value.Mode);
            if (Owners.AsRoot)
            {
                Assert.Equal(Alice, fs.GetStatus("/home/alice/.ssh")!.Value.Owner);
                Assert.Equal(Alice, fs.GetStatus("/home/alice/.ssh/authorized_keys")!.Value.Owner);
            }
        }

        Owners.SkipUnlessRoot();
    }

    [Fact]
    public void New_files_and_directories_under_roots_directories_stay_roots()
    {
        using var root = new CommandRoot();
        var fs = root.System.FileSystem;
        Owners.OwnedDirectory(fs, "/etc", Mode0755, FileOwner.Root);
        Owners.OwnedDirectory(fs, "/root", Mode0700, FileOwner.Root);

        Inject(root, "/etc/app/app.conf", "setting=1\n");
        Inject(root, "/root/.ssh/authorized_keys", AlicesKey);

        Assert.Equal(Mode0755, fs.GetStatus("/root/.ssh")!.Value.Mode);
        Assert.Equal(Mode0600, fs.GetStatus("/root/.ssh/authorized_keys")!.Value.Mode);
        Owners.SkipUnlessRoot();
        foreach (var path in new[] { "/etc/app", "/etc/app/app.conf", "/root/.ssh", "/root/.ssh/authorized_keys" })
        {
            Assert.Equal(FileOwner.Root, fs.GetStatus(path)!.Value.Owner);
        }
    }

    [Fact]
    public void An_existing_file_keeps_its_owner_and_mode_and_so_does_its_backup()
    {
        using var root = new CommandRoot();
        var fs = root.System.FileSystem;
        Owners.OwnedDirectory(fs, "/home/alice", Mode0755, Alice);
        Owners.OwnedDirectory(fs, "/home/alice/.ssh", Mode0700, Alice);
        // Put there by root before: the injection must not hand it to alice.
        root.WriteFile("/home/alice/.ssh/authorized_keys", "ssh-ed25519 AAAAold old@host\n", "644");

        Inject(root, "/home/alice/.ssh/authorized_keys", AlicesKey);

        Assert.Equal(AlicesKey, File.ReadAllText(root.HostPath("/home/alice/.ssh/authorized_keys")));
        Assert.Equal(Mode0644, fs.GetStatus("/home/alice/.ssh/authorized_keys")!.Value.Mode);
        Owners.SkipUnlessRoot();
        Assert.Equal(FileOwner.Root, fs.GetStatus("/home/alice/.ssh/authorized_keys")!.Value.Owner);
        Assert.Equal(FileOwner.Root, fs.GetStatus("/home/alice/.ssh/authorized_keys.bak~")!.Value.Owner);
    }

    [Fact]
    public void A_user_owned_directory_deep_in_roots_tree_decides_the_owner()
    {
        using var root = new CommandRoot();
        var fs = root.System.FileSystem;
        Owners.OwnedDirectory(fs, "/srv", Mode0755, FileOwner.Root);
        Owners.OwnedDirectory(fs, "/srv/app", Mode0755, Alice);

        Inject(root, "/srv/app/config/app.env", "TOKEN=abc\n");

        Assert.Equal(Mode0755, fs.GetStatus("/srv/app/config")!.Value.Mode);
        Assert.Equal(Mode0600, fs.GetStatus("/srv/app/config/app.env")!.Value.Mode);
        Owners.SkipUnlessRoot();
        Assert.Equal(FileOwner.Root, fs.GetStatus("/srv")!.Value.Owner);
        Assert.Equal(Alice, fs.GetStatus("/srv/app/config")!.Value.Owner);
        Assert.Equal(Alice, fs.GetStatus("/srv/app/config/app.env")!.Value.Owner);
    }

    [Fact]
    public void On_an_ostree_system_alices_home_behind_roots_link_gets_her_key_as_hers()
    {
        using var root = new CommandRoot();
        var fs = root.System.FileSystem;
        Owners.OwnedDirectory(fs, "/var/home", Mode0755, FileOwner.Root);
        Owners.OwnedDirectory(fs, "/var/home/alice", Mode0755, Alice);
        fs.CreateSymbolicLink("/home", "var/home");

        Inject(root, "/home/alice/.ssh/authorized_keys", AlicesKey);

        Assert.Equal(AlicesKey, File.ReadAllText(root.HostPath("/var/home/alice/.ssh/authorized_keys")));
        Owners.SkipUnlessRoot();
        Assert.Equal(Alice, fs.GetStatus("/var/home/alice/.ssh")!.Value.Owner);
        Assert.Equal(Alice, fs.GetStatus("/var/home/alice/.ssh/authorized_keys")!.Value.Owner);
    }

    [Fact]
    public void With_the_option_off_everything_new_is_NewFileOwners_as_before()
    {
        using var root = new CommandRoot();
        root.Services.Add(new InjectFileOptions { InheritUserDirectoryOwner = false });
        var fs = root.System.FileSystem;
        Owners.OwnedDirectory(fs, "/home/alice", Mode0755, Alice);

        Inject(root, "/home/alice/.ssh/authorized_keys", AlicesKey);

        Owners.SkipUnlessRoot();
        Assert.Equal(FileOwner.Root, fs.GetStatus("/home/alice/.ssh")!.Value.Owner);
        Assert.Equal(FileOwner.Root, fs.GetStatus("/home/alice/.ssh/authorized_keys")!.Value.Owner);
    }

    private static void Inject(CommandRoot root, string path, string contents, string command = "injectfile")
    {
        var result = command == "injectfile"
            ? InjectFileCommands.InjectFile(B64(path + "," + contents), root.Context(command))
            : InjectFileCommands.FileInject(Json($"{{\"b64_path\":\"{B64(path)}\",\"b64_file\":\"{B64(contents)}\"}}"), root.Context(command));
        Assert.Equal("0", result.ReturnCode);
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static System.Text.Json.JsonElement Json(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
