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
    private static readonly UnixFileMode Mode0600 = (UnixFileMode)Convert.ToInt32("600", 8);
    private static readonly UnixFileMode Mode0700 = (UnixFileMode)Convert.ToInt32("700", 8);
    private static readonly UnixFileMode Mode0755 = (UnixFileMode)Convert.ToInt32("755", 8);

    [Fact]
    public async Task A_key_injected_into_a_home_without_ssh_directory_logs_its_user_in()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var key = await SshLogin.NewKeyAsync(keys.Path, "alice");

        Inject(root, "/home/alice/.ssh/authorized_keys", File.ReadAllText(key + ".pub"));

        var login = await LoginAsync(root, "alice", key);
        Assert.True(login.LoggedIn, login.Transcript);

        // The control: the same file, root's and 0600, is one sshd (reading as alice) cannot take.
        root.System.FileSystem.SetOwner("/home/alice/.ssh/authorized_keys", FileOwner.Root);
        var refused = await LoginAsync(root, "alice", key);
        Assert.False(refused.LoggedIn, refused.Transcript);
    }

    [Fact]
    public async Task A_key_injected_over_an_existing_key_file_logs_in_and_the_replaced_key_no_longer_does()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var oldKey = await SshLogin.NewKeyAsync(keys.Path, "old");
        var newKey = await SshLogin.NewKeyAsync(keys.Path, "new");
        var fs = root.System.FileSystem;
        Owners.OwnedDirectory(fs, "/home/alice/.ssh", Mode0700, Alice);
        root.WriteFile("/home/alice/.ssh/authorized_keys", File.ReadAllText(oldKey + ".pub"), "600");
        fs.SetOwner("/home/alice/.ssh/authorized_keys", Alice);
        Assert.True((await LoginAsync(root, "alice", oldKey)).LoggedIn);

        Inject(root, "/home/alice/.ssh/authorized_keys", File.ReadAllText(newKey + ".pub"));

        var login = await LoginAsync(root, "alice", newKey);
        Assert.True(login.LoggedIn, login.Transcript);
        var old = await LoginAsync(root, "alice", oldKey);
        Assert.False(old.LoggedIn, old.Transcript);
    }

    [Fact]
    public async Task Novas_key_injection_for_root_without_ssh_directory_logs_root_in()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var key = await SshLogin.NewKeyAsync(keys.Path, "root");

        // What Nova's key injection writes, for root, with no /root/.ssh yet.
        Inject(root, "/root/.ssh/authorized_keys", "\n# The following ssh key was injected by Nova\n" + File.ReadAllText(key + ".pub").TrimEnd('\n') + "\n");

        var login = await LoginAsync(root, "root", key);
        Assert.True(login.LoggedIn, login.Transcript);
    }

    [Fact]
    public async Task A_link_at_the_key_file_is_refused_and_the_key_it_leads_to_still_logs_in()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var oldKey = await SshLogin.NewKeyAsync(keys.Path, "old");
        var newKey = await SshLogin.NewKeyAsync(keys.Path, "new");
        var fs = root.System.FileSystem;
        Owners.OwnedDirectory(fs, "/home/alice/.ssh", Mode0700, Alice);
        root.WriteFile("/home/alice/.ssh/keys", File.ReadAllText(oldKey + ".pub"), "600");
        fs.SetOwner("/home/alice/.ssh/keys", Alice);
        File.CreateSymbolicLink(root.HostPath("/home/alice/.ssh/authorized_keys"), "keys");
        Assert.True((await LoginAsync(root, "alice", oldKey)).LoggedIn);

        var request = Convert.ToBase64String(Encoding.UTF8.GetBytes("/home/alice/.ssh/authorized_keys," + File.ReadAllText(newKey + ".pub")));
        var error = Assert.Throws<CommandException>(() => InjectFileCommands.InjectFile(request, root.Context("injectfile")));

        Assert.Equal(InjectFileMessages.FinalLink, error.Message);
        Assert.Equal("keys", new FileInfo(root.HostPath("/home/alice/.ssh/authorized_keys")).LinkTarget);
        var login = await LoginAsync(root, "alice", oldKey);
        Assert.True(login.LoggedIn, login.Transcript);
        Assert.False((await LoginAsync(root, "alice", newKey)).LoggedIn);
    }

    [Fact]
    public async Task A_key_file_with_windows_line_ends_and_no_comment_is_written_as_sent_and_logs_in()
    {
        using var keys = new TemporaryDirectory();
        using var root = Guest();
        var key = await SshLogin.NewKeyAsync(keys.Path, "alice");
        var fields = File.ReadAllText(key + ".pub").Split(' ');
        var contents = "# pasted on Windows\r\n" + fields[0] + " " + fields[1] + "\r\n";

        Inject(root, "/home/alice/.ssh/authorized_keys", contents);

        Assert.Equal(contents, File.ReadAllText(root.HostPath("/home/alice/.ssh/authorized_keys")));
        var login = await LoginAsync(root, "alice", key);
        Assert.True(login.LoggedIn, login.Transcript);
    }

    /// <summary>A guest's root with root's home (0700) and alice's (0755, hers), reachable by alice from /.</summary>
    private static CommandRoot Guest()
    {
        Owners.SkipUnlessRoot();
        var root = new CommandRoot();
        var fs = root.System.FileSystem;
        File.SetUnixFileMode(root.HostPath("/"), Mode0755);
        Owners.OwnedDirectory(fs, "/root", Mode0700, FileOwner.Root);
        Owners.OwnedDirectory(fs, "/home", Mode0755, FileOwner.Root);
        Owners.OwnedDirectory(fs, "/home/alice", Mode0755, Alice);
        return root;
    }

    private static Task<SshOutcome> LoginAsync(CommandRoot root, string user, string key) =>
        SshLogin.TryAsync(user, key, root.HostPath("/root"), root.HostPath("/home/alice"));

    private static void Inject(CommandRoot root, string path, string contents)
    {
        var request = Convert.ToBase64String(Encoding.UTF8.GetBytes(path + "," + contents));
        Assert.Equal("0", InjectFileCommands.InjectFile(request, root.Context("injectfile")).ReturnCode);
        Assert.Equal(Mode0600, root.System.FileSystem.GetStatus(path)!.Value.Mode);
    }
}
