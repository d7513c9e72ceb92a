using System.Text;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>
/// What Nova injects most is a key: an injected <c>authorized_keys</c> must let its key log in, as
/// the real OpenSSH server judges it (<see cref="SshLogin"/>: its <c>StrictModes</c> owner and mode
/// checks on the file and every directory up to the home, and its read with the user's uid). The
/// agent's owners and modes are checked in <c>InjectFileOwnerTests</c>; these check they are ones sshd
/// takes, and that a file sshd cannot take really fails here (so a pass means something).
/// </summary>
public sealed class InjectFileSshLoginTests
{
    private static readonly FileOwner Alice = new(SshLogin.AliceId, SshLogin.AliceId);

    [Fact]
    public async Task A_key_injected_into_a_home_without_ssh_directory_logs_its_user_in()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var key = await SshLogin.NewKeyAsync(keys.Path, "alice");

        SshLogin.Inject(root, "/home/alice/.ssh/authorized_keys", File.ReadAllText(key + ".pub"));

        await SshLogin.AssertLoginAsync(root, "alice", key);

        // The control: the same file, root's and 0600, is one sshd (reading as alice) cannot take.
        root.System.FileSystem.SetOwner("/home/alice/.ssh/authorized_keys", FileOwner.Root);
        await SshLogin.AssertLoginAsync(root, "alice", key, loggedIn: false);
    }

    [Fact]
    public async Task A_key_injected_over_an_existing_key_file_logs_in_and_the_replaced_key_no_longer_does()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var oldKey = await SshLogin.NewKeyAsync(keys.Path, "old");
        var newKey = await SshLogin.NewKeyAsync(keys.Path, "new");
        AliceKeyFile(root, "/home/alice/.ssh/authorized_keys", oldKey);
        await SshLogin.AssertLoginAsync(root, "alice", oldKey);

        SshLogin.Inject(root, "/home/alice/.ssh/authorized_keys", File.ReadAllText(newKey + ".pub"));

        await SshLogin.AssertLoginAsync(root, "alice", newKey);
        await SshLogin.AssertLoginAsync(root, "alice", oldKey, loggedIn: false);
    }

    [Fact]
    public async Task Novas_key_injection_for_root_without_ssh_directory_logs_root_in()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var key = await SshLogin.NewKeyAsync(keys.Path, "root");

        // What Nova's key injection writes, for root, with no /root/.ssh yet.
        SshLogin.Inject(root, "/root/.ssh/authorized_keys", "\n# The following ssh key was injected by Nova\n" + File.ReadAllText(key + ".pub").TrimEnd('\n') + "\n");

        await SshLogin.AssertLoginAsync(root, "root", key);
    }

    [Fact]
    public async Task A_link_at_the_key_file_is_refused_and_the_key_it_leads_to_still_logs_in()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var oldKey = await SshLogin.NewKeyAsync(keys.Path, "old");
        var newKey = await SshLogin.NewKeyAsync(keys.Path, "new");
        AliceKeyFile(root, "/home/alice/.ssh/keys", oldKey);
        File.CreateSymbolicLink(root.HostPath("/home/alice/.ssh/authorized_keys"), "keys");
        await SshLogin.AssertLoginAsync(root, "alice", oldKey);

        var request = Convert.ToBase64String(Encoding.UTF8.GetBytes("/home/alice/.ssh/authorized_keys," + File.ReadAllText(newKey + ".pub")));
        var error = Assert.Throws<CommandException>(() => InjectFileCommands.InjectFile(request, root.Context("injectfile")));

        Assert.Equal(InjectFileMessages.FinalLink, error.Message);
        Assert.Equal("keys", new FileInfo(root.HostPath("/home/alice/.ssh/authorized_keys")).LinkTarget);
        await SshLogin.AssertLoginAsync(root, "alice", oldKey);
        await SshLogin.AssertLoginAsync(root, "alice", newKey, loggedIn: false);
    }

    [Fact]
    public async Task A_key_file_with_windows_line_ends_and_no_comment_is_written_as_sent_and_logs_in()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var key = await SshLogin.NewKeyAsync(keys.Path, "alice");
        var fields = File.ReadAllText(key + ".pub").Split(' ');
        var contents = "# pasted on Windows\r\n" + fields[0] + " " + fields[1] + "\r\n";

        SshLogin.Inject(root, "/home/alice/.ssh/authorized_keys", contents);

        Assert.Equal(contents, File.ReadAllText(root.HostPath("/home/alice/.ssh/authorized_keys")));
        await SshLogin.AssertLoginAsync(root, "alice", key);
    }

    /// <summary>A guest's root (<see cref="SshLogin.Root"/>) with alice's home (0755, hers), reachable by alice from /.</summary>
    private static CommandRoot Guest()
    {
        var root = SshLogin.Root();
        Owners.OwnedDirectory(root.System.FileSystem, "/home/alice", SshLogin.Mode0755, Alice);
        return root;
    }

    /// <summary>alice's <c>.ssh</c> (0700) holding <paramref name="path"/> (0600) with <paramref name="key"/>'s public line, both hers.</summary>
    private static void AliceKeyFile(CommandRoot root, string path, string key)
    {
        Owners.OwnedDirectory(root.System.FileSystem, "/home/alice/.ssh", SshLogin.Mode0700, Alice);
        root.WriteFile(path, File.ReadAllText(key + ".pub"), "600");
        root.System.FileSystem.SetOwner(path, Alice);
    }
}
