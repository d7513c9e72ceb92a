using System.Text;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>
/// What a user's home in <c>/etc/passwd</c> decides where no directory on the way is a user's
/// (<see cref="HomeOwner"/>): what is made inside the home is the user's (sshd's read of the key is
/// <c>InjectFileSshUseraddTests</c>'); what is made above it, and what is made in a system
/// account's home, stays root's. Giving files to other uids needs root.
/// </summary>
public sealed class InjectFileHomeOwnerTests
{
    private const string Key = "ssh-ed25519 AAAAbob bob@laptop\n";
    private static readonly FileOwner Bob = new(1001, 1001);
    private static readonly UnixFileMode Mode0755 = (UnixFileMode)Convert.ToInt32("755", 8);

    [Fact]
    public void Inside_a_missing_home_everything_made_is_its_users_and_the_directory_above_stays_roots()
    {
        using var root = Guest("bob:x:1001:1001::/home/bob:/bin/sh");

        Inject(root, "/home/bob/.ssh/authorized_keys");

        OwnedBy(root, FileOwner.Root, "/home");
        OwnedBy(root, Bob, "/home/bob", "/home/bob/.ssh", "/home/bob/.ssh/authorized_keys");
    }

    [Fact]
    public void Without_the_directory_holding_the_home_everything_made_stays_roots()
    {
        using var root = Guest("bob:x:1001:1001::/home/bob:/bin/sh");
        Directory.Delete(root.HostPath("/home"));

        Inject(root, "/home/bob/.ssh/authorized_keys");

        OwnedBy(root, FileOwner.Root, "/home", "/home/bob", "/home/bob/.ssh", "/home/bob/.ssh/authorized_keys");
    }

    [Theory]
    [InlineData("daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin", "/usr/sbin/tool")]
    [InlineData("www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin", "/var/www/html/index.html")]
    [InlineData("nobody:x:65534:65534:nobody:/home/nobody:/usr/sbin/nologin", "/home/nobody/.ssh/authorized_keys")]
    [InlineData("svc:x:60001:60001::/home/svc:/bin/sh", "/home/svc/.ssh/authorized_keys")]
    [InlineData("old:x:999:999::/home/old:/bin/sh", "/home/old/.ssh/authorized_keys")]
    [InlineData("bad:x:1001:1001::/home/../home/bad:/bin/sh", "/home/bad/.ssh/authorized_keys")]
    [InlineData("top:x:1001:1001::/:/bin/sh", "/home/x/.ssh/authorized_keys")]
    [InlineData("top:x:1001:1001::/./:/bin/sh", "/home/x/.ssh/authorized_keys")]
    [InlineData("rel:x:1001:1001::home/rel:/bin/sh", "/home/rel/.ssh/authorized_keys")]
    [InlineData("bo:x:1001:1001::/home/bo:/bin/sh", "/home/bob/.ssh/authorized_keys")]
    public void A_system_accounts_home_or_an_entry_not_a_persons_leaves_what_is_made_roots(string entry, string path)
    {
        using var root = Guest(entry);
        Owners.OwnedDirectory(root.System.FileSystem, "/usr", Mode0755, FileOwner.Root);
        Owners.OwnedDirectory(root.System.FileSystem, "/var", Mode0755, FileOwner.Root);

        Inject(root, path);

        OwnedBy(root, FileOwner.Root, Path.GetDirectoryName(path)!, path);
    }

    [Fact]
    public void The_lowest_and_highest_persons_uid_a_trailing_slash_on_the_home_and_a_home_under_the_root_count()
    {
        using var root = Guest("first:x:1000:1000::/home/first/:/bin/sh\nlast:x:60000:60000::/home/last:/bin/sh\ndata:x:1005:1005::/data:/bin/sh");

        Inject(root, "/home/first/.ssh/authorized_keys");
        Inject(root, "/home/last/.ssh/authorized_keys");
        Inject(root, "/data/.ssh/authorized_keys");

        OwnedBy(root, new FileOwner(1005, 1005), "/data", "/data/.ssh/authorized_keys");
        OwnedBy(root, new FileOwner(1000, 1000), "/home/first", "/home/first/.ssh/authorized_keys");
        OwnedBy(root, new FileOwner(60000, 60000), "/home/last", "/home/last/.ssh/authorized_keys");
    }

    /// <summary>
    /// A line read as glibc's <c>getpwnam</c> reads it (checked with <c>getent passwd bob</c> and
    /// Python's <c>pwd.getpwnam</c>): six fields are an account with an empty shell (sshd's
    /// <c>/bin/sh</c>: <c>InjectFileSshUseraddTests</c> logs in); of five, the fifth is the comment and the
    /// home empty; of eight, the shell is <c>/bin/sh:extra</c>, which sshd refuses ("shell … does not exist").
    /// </summary>
    [Theory]
    [InlineData("bob:x:1001:1001::/home/bob", 1001u)]
    [InlineData("bob:x:1001:1001::/home/bob:", 1001u)]
    [InlineData("bob:x:1001:1001:/home/bob", 0u)]
    [InlineData("bob:x:1001:1001::/home/bob:/bin/sh:extra", 0u)]
    public void A_line_of_six_fields_without_a_shell_owns_its_home_and_one_of_five_or_eight_does_not(string entry, uint owner)
    {
        using var root = Guest(entry);

        Inject(root, "/home/bob/.ssh/authorized_keys");

        OwnedBy(root, new FileOwner(owner, owner), "/home/bob", "/home/bob/.ssh/authorized_keys");
    }

    [Theory]
    [InlineData("/home//bob/")]
    [InlineData("/home/./bob")]
    [InlineData("//home/bob/.")]
    public void A_home_with_empty_or_dot_components_is_the_home_they_name(string home)
    {
        using var root = Guest($"bob:x:1001:1001::{home}:/bin/sh");

        Inject(root, "/home/bob/.ssh/authorized_keys");

        OwnedBy(root, FileOwner.Root, "/home");
        OwnedBy(root, Bob, "/home/bob", "/home/bob/.ssh", "/home/bob/.ssh/authorized_keys");
    }

    [Fact]
    public void The_deepest_home_decides_and_two_accounts_sharing_it_leave_it_roots_unless_one_user_owns_both()
    {
        using var root = Guest("web:x:1002:1002::/srv:/bin/sh\nbob:x:1001:1001::/srv/bob:/bin/sh\nbob2:x:1001:1001::/srv/bob:/bin/sh\nann:x:1003:1003::/srv/shared:/bin/sh\ncid:x:1004:1004::/srv/shared:/bin/sh");
        Owners.OwnedDirectory(root.System.FileSystem, "/srv", Mode0755, FileOwner.Root);

        Inject(root, "/srv/bob/.ssh/authorized_keys");
        Inject(root, "/srv/shared/.ssh/authorized_keys");

        OwnedBy(root, Bob, "/srv/bob", "/srv/bob/.ssh/authorized_keys");
        OwnedBy(root, FileOwner.Root, "/srv/shared", "/srv/shared/.ssh/authorized_keys");
    }

    /// <summary>
    /// Two lines for one name: glibc's <c>getpwnam</c> (so sshd) takes the first account line and never
    /// the later one, so only the first is an owner (checked with <c>getent passwd</c>: a line with a
    /// non-numeric uid or gid, or fewer than four fields, is skipped, one of four fields is an account;
    /// names are compared case by case, <c>Bob</c> is not <c>bob</c>).
    /// </summary>
    [Theory]
    [InlineData("bob:x:1001:1001::/home/bob:/bin/sh\nbob:x:1002:1002::/home/bob:/bin/sh", "/home/bob/.ssh/authorized_keys", 1001u)]
    [InlineData("bob:x:1001:1001::/home/bob:/bin/sh\nbob:x:1002:1002::/home/bob/deep:/bin/sh", "/home/bob/deep/.ssh/authorized_keys", 1001u)]
    [InlineData("bob:x:1001:1001::/home/bob:/bin/sh\nbob:x:1002:1002::/home/bob2:/bin/sh", "/home/bob2/.ssh/authorized_keys", 0u)]
    [InlineData("bob:x:999:999::/home/bob:/bin/sh\nbob:x:1001:1001::/home/bob:/bin/sh", "/home/bob/.ssh/authorized_keys", 0u)]
    [InlineData("bob:x:1002:1002\nbob:x:1001:1001::/home/bob:/bin/sh", "/home/bob/.ssh/authorized_keys", 0u)]
    [InlineData("bob:x:abc:1002::/home/bob:/bin/sh\nbob:x:1001:1001::/home/bob:/bin/sh", "/home/bob/.ssh/authorized_keys", 1001u)]
    [InlineData("bob:x:1002:abc::/home/bob:/bin/sh\nbob:x:1001:1001::/home/bob:/bin/sh", "/home/bob/.ssh/authorized_keys", 1001u)]
    [InlineData("bob:x:1002\nbob:x:1001:1001::/home/bob:/bin/sh", "/home/bob/.ssh/authorized_keys", 1001u)]
    [InlineData("Bob:x:1002:1002::/home/bob:/bin/sh\nbob:x:1001:1001::/home/bob:/bin/sh", "/home/bob/.ssh/authorized_keys", 0u)]
    [InlineData("ann:x:1002:1002::/home/bob:/bin/sh\nbob:x:1001:1001::/home/bob:/bin/sh\nann:x:1003:1003::/home/ann:/bin/sh", "/home/bob/.ssh/authorized_keys", 0u)]
    public void Only_the_first_account_line_for_a_name_owns_its_home(string entries, string path, uint owner)
    {
        using var root = Guest(entries);

        Inject(root, path);

        OwnedBy(root, new FileOwner(owner, owner), Path.GetDirectoryName(path)!, path);
    }

    [Fact]
    public void A_directory_a_user_owns_on_the_way_still_decides_and_the_option_off_leaves_everything_roots()
    {
        using var root = Guest("bob:x:1001:1001::/home/bob:/bin/sh");
        var alice = new FileOwner(4321, 4321);
        Owners.OwnedDirectory(root.System.FileSystem, "/home/bob", Mode0755, FileOwner.Root);
        Owners.OwnedDirectory(root.System.FileSystem, "/home/bob/shared", Mode0755, alice);

        Inject(root, "/home/bob/shared/notes/key");
        OwnedBy(root, alice, "/home/bob/shared/notes", "/home/bob/shared/notes/key");

        root.Services.Add(new InjectFileOptions { InheritUserDirectoryOwner = false });
        Inject(root, "/home/bob/.ssh/authorized_keys");
        OwnedBy(root, FileOwner.Root, "/home/bob/.ssh", "/home/bob/.ssh/authorized_keys");
    }

    [Fact]
    public void A_root_file_its_user_cannot_read_left_in_a_home_by_an_injection_before_the_account_becomes_theirs_and_its_backup_stays_roots()
    {
        using var root = Guest("bob:x:1001:1001::/home/bob:/bin/sh");
        var fs = root.System.FileSystem;
        Owners.OwnedDirectory(fs, "/home/bob", Mode0755, FileOwner.Root);
        Owners.OwnedDirectory(fs, "/home/bob/.ssh", Mode0755, Bob);
        Owners.OwnedDirectory(fs, "/home/bob/.config", Mode0755, FileOwner.Root);
        root.WriteFile("/home/bob/.ssh/authorized_keys", "ssh-ed25519 AAAAold old@host\n", "600");
        root.WriteFile("/home/bob/.config/app", "old\n", "640");
        // His group's, but without a read bit for it.
        root.WriteFile("/home/bob/.config/other", "old\n", "600");
        fs.SetOwner("/home/bob/.config/other", new FileOwner(0, Bob.GroupId));

        Inject(root, "/home/bob/.ssh/authorized_keys");
        Inject(root, "/home/bob/.config/app");
        Inject(root, "/home/bob/.config/other");

        OwnedBy(root, Bob, "/home/bob/.ssh/authorized_keys", "/home/bob/.config/app", "/home/bob/.config/other");
        OwnedBy(root, FileOwner.Root, "/home/bob/.ssh/authorized_keys.bak~", "/home/bob/.config/app.bak~");
        Assert.Equal(SshLogin.Mode0600, fs.GetStatus("/home/bob/.ssh/authorized_keys")!.Value.Mode);
    }

    [Theory]
    [InlineData("644", 0u)]
    [InlineData("604", 0u)]
    [InlineData("640", 1001u)]
    public void A_root_file_its_user_can_read_stays_roots(string mode, uint group)
    {
        using var root = Guest("bob:x:1001:1001::/home/bob:/bin/sh");
        Owners.OwnedDirectory(root.System.FileSystem, "/home/bob", Mode0755, FileOwner.Root);
        root.WriteFile("/home/bob/keys", "old\n", mode);
        root.System.FileSystem.SetOwner("/home/bob/keys", new FileOwner(0, group));

        Inject(root, "/home/bob/keys");

        OwnedBy(root, new FileOwner(0, group), "/home/bob/keys");
    }

    [Fact]
    public void A_root_file_in_another_users_directory_another_users_file_or_with_the_option_off_a_root_file_keeps_its_owner()
    {
        using var root = Guest("bob:x:1001:1001::/home/bob:/bin/sh");
        var fs = root.System.FileSystem;
        var alice = new FileOwner(4321, 4321);
        Owners.OwnedDirectory(fs, "/home/bob", Mode0755, FileOwner.Root);
        Owners.OwnedDirectory(fs, "/home/bob/shared", Mode0755, alice);
        root.WriteFile("/home/bob/shared/key", "old\n", "600");
        root.WriteFile("/home/bob/alices", "old\n", "600");
        fs.SetOwner("/home/bob/alices", alice);
        root.WriteFile("/home/bob/key", "old\n", "600");

        Inject(root, "/home/bob/shared/key");
        Inject(root, "/home/bob/alices");
        root.Services.Add(new InjectFileOptions { InheritUserDirectoryOwner = false });
        Inject(root, "/home/bob/key");

        OwnedBy(root, FileOwner.Root, "/home/bob/shared/key", "/home/bob/key");
        OwnedBy(root, alice, "/home/bob/alices");
    }

    [Theory]
    // Fedora Silverblue and CoreOS: /home a link to var/home that root made, useradd's homes /var/home/<name>
    // (CoreOS's core). sshd opens the key through the home glibc gives, the same file whichever way the host
    // names it; a root-owned 0600 key there it cannot read as the user.
    [InlineData("/var/home/bob", "/home/bob/.ssh/authorized_keys")]
    [InlineData("/home/bob", "/var/home/bob/.ssh/authorized_keys")]
    [InlineData("/home/bob", "/home/bob/.ssh/authorized_keys")]
    public void A_home_reached_through_the_root_made_link_to_var_home_is_the_users_whichever_way_either_names_it(string home, string path)
    {
        using var root = Guest($"bob:x:1001:1001::{home}:/bin/sh");
        Directory.Delete(root.HostPath("/home"));
        root.System.FileSystem.CreateDirectory("/var/home", Mode0755);
        root.System.FileSystem.CreateSymbolicLink("/home", "var/home");

        Inject(root, path);

        OwnedBy(root, FileOwner.Root, "/var", "/var/home");
        OwnedBy(root, Bob, "/var/home/bob", "/var/home/bob/.ssh", "/var/home/bob/.ssh/authorized_keys");
    }

    /// <summary>A root with <c>/home</c> (root's, 0755) and <c>/etc/passwd</c> holding root's line and <paramref name="entries"/>.</summary>
    private static CommandRoot Guest(string entries)
    {
        Owners.SkipUnlessRoot();
        var root = new CommandRoot();
        Owners.OwnedDirectory(root.System.FileSystem, "/home", Mode0755, FileOwner.Root);
        root.WriteFile("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n" + entries + "\n", "644");
        return root;
    }

    private static void OwnedBy(CommandRoot root, FileOwner owner, params string[] paths)
    {
        foreach (var path in paths)
        {
            Assert.True(owner == root.System.FileSystem.GetStatus(path)!.Value.Owner, $"{path}: {root.System.FileSystem.GetStatus(path)!.Value.Owner}, not {owner}");
        }
    }

    private static void Inject(CommandRoot root, string path) =>
        Assert.Equal("0", InjectFileCommands.InjectFile(Convert.ToBase64String(Encoding.UTF8.GetBytes(path + "," + Key)), root.Context("injectfile")).ReturnCode);
}
