using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="AtomicWriteOptions.InheritUserDirectoryOwner"/> on real files: new entries take the
/// owner of the deepest directory that already existed when a user owns it, root's otherwise; and
/// without the option nothing changes for the writer's other callers. Owners other than the test's
/// own need root (as in CI): without it the modes are still checked and the owners skipped, saying so.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AtomicFileWriterOwnerTests
{
    private static readonly FileOwner Alice = new(4321, 8765);
    private static readonly UnixFileMode Mode0600 = Octal("600");
    private static readonly UnixFileMode Mode0755 = Octal("755");

    private static readonly AtomicWriteOptions Inheriting = new()
    {
        NewFileMode = Mode0600,
        NewFileOwner = FileOwner.Root,
        CreateDirectoriesWithMode = Mode0755,
        InheritUserDirectoryOwner = true,
        DirectoryLinks = DirectoryLinkPolicy.FollowTrusted,
    };

    [Fact]
    public void New_directories_and_the_file_take_the_user_and_group_of_the_users_directory()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        Owners.OwnedDirectory(fs, "/home/alice", Mode0755, Alice);

        Assert.True(new AtomicFileWriter(fs).Write("/home/alice/a/b/file", "x"u8, Inheriting));

        Assert.Equal(Mode0755, fs.GetStatus("/home/alice/a")!.Value.Mode);
        Assert.Equal(Mode0755, fs.GetStatus("/home/alice/a/b")!.Value.Mode);
        Assert.Equal(Mode0600, fs.GetStatus("/home/alice/a/b/file")!.Value.Mode);
        Owners.SkipUnlessRoot();
        // The gid comes from the directory too, not from the user's uid.
        Assert.Equal(Alice, fs.GetStatus("/home/alice/a")!.Value.Owner);
        Assert.Equal(Alice, fs.GetStatus("/home/alice/a/b")!.Value.Owner);
        Assert.Equal(Alice, fs.GetStatus("/home/alice/a/b/file")!.Value.Owner);
    }

    [Fact]
    public void Without_the_option_a_new_file_in_a_users_directory_still_gets_NewFileOwner()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        Owners.OwnedDirectory(fs, "/home/alice", Mode0755, Alice);

        new AtomicFileWriter(fs).Write("/home/alice/.ssh/file", "x"u8, Inheriting with { InheritUserDirectoryOwner = false });

        Owners.SkipUnlessRoot();
        Assert.Equal(FileOwner.Root, fs.GetStatus("/home/alice/.ssh")!.Value.Owner);
        Assert.Equal(FileOwner.Root, fs.GetStatus("/home/alice/.ssh/file")!.Value.Owner);
    }

    [Fact]
    public void Under_roots_directories_new_entries_get_NewFileOwner()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        Owners.OwnedDirectory(fs, "/etc", Mode0755, FileOwner.Root);
        var configured = new FileOwner(0, 42);

        new AtomicFileWriter(fs).Write("/etc/app/app.conf", "x"u8, Inheriting with { NewFileOwner = configured });

        Assert.Equal(Mode0600, fs.GetStatus("/etc/app/app.conf")!.Value.Mode);
        Owners.SkipUnlessRoot();
        Assert.Equal(configured, fs.GetStatus("/etc/app")!.Value.Owner);
        Assert.Equal(configured, fs.GetStatus("/etc/app/app.conf")!.Value.Owner);
    }

    [Fact]
    public void In_roots_setgid_directory_of_another_group_new_entries_get_NewFileOwner()
    {
        // Debian's /usr/local and /var/local are root:staff 2775. Only the owning user makes a
        // directory a user's, and the kernel gives a new entry a setgid directory's group: the
        // requested owner must still win, for the file and for a directory created for it.
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        Owners.OwnedDirectory(fs, "/usr/local", Octal("2775"), new FileOwner(0, 50));
        var writer = new AtomicFileWriter(fs);

        writer.Write("/usr/local/tool.conf", "x"u8, Inheriting);
        writer.Write("/usr/local/bin/tool", "x"u8, Inheriting with { NewFileMode = Mode0755 });

        Assert.Equal(Mode0755, fs.GetStatus("/usr/local/bin")!.Value.Mode);
        Owners.SkipUnlessRoot();
        Assert.Equal(FileOwner.Root, fs.GetStatus("/usr/local/tool.conf")!.Value.Owner);
        Assert.Equal(FileOwner.Root, fs.GetStatus("/usr/local/bin")!.Value.Owner);
        Assert.Equal(FileOwner.Root, fs.GetStatus("/usr/local/bin/tool")!.Value.Owner);
    }

    [Fact]
    public void The_deepest_existing_directory_decides_in_either_direction()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        Owners.OwnedDirectory(fs, "/srv", Mode0755, FileOwner.Root);
        Owners.OwnedDirectory(fs, "/srv/app", Mode0755, Alice);
        Owners.OwnedDirectory(fs, "/srv/app/shared", Mode0755, FileOwner.Root);
        var writer = new AtomicFileWriter(fs);

        writer.Write("/srv/app/config/app.env", "x"u8, Inheriting);
        writer.Write("/srv/app/shared/new/file", "x"u8, Inheriting);

        Owners.SkipUnlessRoot();
        Assert.Equal(Alice, fs.GetStatus("/srv/app/config")!.Value.Owner);
        Assert.Equal(Alice, fs.GetStatus("/srv/app/config/app.env")!.Value.Owner);
        Assert.Equal(FileOwner.Root, fs.GetStatus("/srv/app/shared/new")!.Value.Owner);
        Assert.Equal(FileOwner.Root, fs.GetStatus("/srv/app/shared/new/file")!.Value.Owner);
    }

    [Fact]
    public void Through_a_followed_link_the_owner_is_that_of_the_directory_the_walk_reached()
    {
        // OSTree's /home -> var/home, and a link whose target climbs with "..": the walk's own
        // descriptors, not the path as written, say which directory existed last.
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        Owners.OwnedDirectory(fs, "/var/home/alice", Mode0755, Alice);
        fs.CreateSymbolicLink("/home", "var/home");
        Owners.OwnedDirectory(fs, "/opt/app", Mode0755, Alice);
        Owners.OwnedDirectory(fs, "/srv", Mode0755, FileOwner.Root);
        fs.CreateSymbolicLink("/srv/app", "../opt/app");
        var writer = new AtomicFileWriter(fs);

        writer.Write("/home/alice/.ssh/authorized_keys", "key\n"u8, Inheriting);
        writer.Write("/srv/app/conf/file", "x"u8, Inheriting);

        Assert.Equal("key\n", File.ReadAllText(root.Combine("var", "home", "alice", ".ssh", "authorized_keys")));
        Assert.True(File.Exists(root.Combine("opt", "app", "conf", "file")));
        Owners.SkipUnlessRoot();
        Assert.Equal(Alice, fs.GetStatus("/var/home/alice/.ssh")!.Value.Owner);
        Assert.Equal(Alice, fs.GetStatus("/var/home/alice/.ssh/authorized_keys")!.Value.Owner);
        Assert.Equal(Alice, fs.GetStatus("/opt/app/conf")!.Value.Owner);
        Assert.Equal(Alice, fs.GetStatus("/opt/app/conf/file")!.Value.Owner);
    }

    [Fact]
    public void An_existing_file_keeps_its_owner_and_mode_in_a_users_directory()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        Owners.OwnedDirectory(fs, "/home/alice", Mode0755, Alice);
        File.WriteAllText(fs.Resolve("/home/alice/notes"), "old");
        fs.SetMode("/home/alice/notes", Octal("640"));
        var other = new FileOwner(1111, 2222);
        if (Owners.AsRoot)
        {
            fs.SetOwner("/home/alice/notes", other);
        }

        new AtomicFileWriter(fs).Write("/home/alice/notes", "new"u8, Inheriting with { KeepBackup = true });

        Assert.Equal("new", File.ReadAllText(fs.Resolve("/home/alice/notes")));
        Assert.Equal(Octal("640"), fs.GetStatus("/home/alice/notes")!.Value.Mode);
        Owners.SkipUnlessRoot();
        Assert.Equal(other, fs.GetStatus("/home/alice/notes")!.Value.Owner);
        Assert.Equal(other, fs.GetStatus("/home/alice/notes.bak")!.Value.Owner);
    }

    private static UnixFileMode Octal(string mode) => (UnixFileMode)Convert.ToInt32(mode, 8);
}
