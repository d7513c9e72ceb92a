using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// The writer never follows a symbolic link among a path's directories (unless trusted by the
/// options), and never creates, chmods or chowns a directory through one: real files and links
/// under temporary directories, with a "victim" directory outside the agent's root that must stay
/// byte for byte and mode for mode as it was.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AtomicFileWriterLinkTests
{
    private static readonly UnixFileMode Mode0600 = Octal("600");
    private static readonly UnixFileMode Mode0700 = Octal("700");
    private static readonly UnixFileMode Mode0755 = Octal("755");

    /// <summary>What injectfile asks for: directories made 0755, a backup, root ownership.</summary>
    private static readonly AtomicWriteOptions InjectLike = new()
    {
        NewFileMode = Mode0600,
        CreateDirectoriesWithMode = Mode0755,
        KeepBackup = true,
        NewFileOwner = FileOwner.Root,
    };

    [Theory]
    [InlineData("/home/alice/.ssh/authorized_keys", "/home/alice/.ssh")]
    [InlineData("/home/alice/.ssh/authorized_keys", "/home")]
    [InlineData("/home/alice/.ssh/new/deeper/file", "/home/alice/.ssh")]
    public void A_linked_directory_anywhere_on_the_way_is_refused_and_its_target_untouched(string path, string linkAt)
    {
        using var root = new TemporaryDirectory();
        using var outside = Victim();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory(linkAt[..linkAt.LastIndexOf('/')] is { Length: > 0 } parent ? parent : "/", Mode0755);
        fs.CreateSymbolicLink(linkAt, outside.Path);
        var before = Describe(outside.Path);

        var error = Assert.Throws<PathRefusedException>(() => new AtomicFileWriter(fs).Write(path, "alice's key\n"u8, InjectLike));

        Assert.Equal(PathRefusal.LinkOnTheWay, error.Reason);
        Assert.DoesNotContain("alice's key", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Describe(outside.Path));
        Assert.Equal(FileKind.SymbolicLink, fs.GetStatus(linkAt)!.Value.Kind);
    }

    [Fact]
    public void A_link_to_a_directory_inside_the_root_is_refused_too()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/root/.ssh", Mode0700);
        File.WriteAllText(fs.Resolve("/root/.ssh/authorized_keys"), "root's key\n");
        fs.SetMode("/root/.ssh/authorized_keys", Mode0600);
        fs.CreateDirectory("/home/alice", Mode0755);
        // What alice can do on a real machine: `ln -s ../../root/.ssh ~/.ssh` (relative, so that even a
        // writer that followed it would stay under the temporary root, not the test machine's /root).
        fs.CreateSymbolicLink("/home/alice/.ssh", "../../root/.ssh");
        var before = Describe(root.Path);

        var error = Assert.Throws<PathRefusedException>(() => new AtomicFileWriter(fs).Write("/home/alice/.ssh/authorized_keys", "alice's key\n"u8, InjectLike));

        Assert.Equal(PathRefusal.LinkOnTheWay, error.Reason);
        Assert.Contains("/home/alice/.ssh", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Describe(root.Path));
    }

    [Fact]
    public void A_link_where_a_missing_directory_would_be_made_is_refused_and_its_target_keeps_its_mode()
    {
        using var root = new TemporaryDirectory();
        using var outside = Victim();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/srv", Mode0755);
        fs.CreateSymbolicLink("/srv/new", outside.Path);
        fs.CreateSymbolicLink("/srv/dangling", outside.Combine("not-yet"));
        var before = Describe(outside.Path);

        var linked = Assert.Throws<PathRefusedException>(() => new AtomicFileWriter(fs).Write("/srv/new/sub/file", "x"u8, InjectLike));
        var dangling = Assert.Throws<PathRefusedException>(() => new AtomicFileWriter(fs).Write("/srv/dangling/file", "x"u8, InjectLike));
        // CreateDirectory trusts root's own links, but reads an absolute target under the agent's root.
        fs.CreateDirectory("/srv/new/sub", Mode0755);

        Assert.Equal(PathRefusal.LinkOnTheWay, linked.Reason);
        Assert.Equal(PathRefusal.LinkOnTheWay, dangling.Reason);
        Assert.Equal(before, Describe(outside.Path));
        Assert.Equal(Mode0700, File.GetUnixFileMode(outside.Path));
        Assert.False(Path.Exists(outside.Combine("not-yet")));
        Assert.Equal(["/srv/dangling", "/srv/new"], fs.ListDirectory("/srv"));
        Assert.True(Directory.Exists(root.Combine(outside.Path.TrimStart('/'), "sub")));
    }

    [Fact]
    public void A_link_at_the_final_component_is_still_refused_and_the_link_kept()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/etc", Mode0755);
        File.WriteAllText(fs.Resolve("/etc/real"), "precious");
        fs.CreateSymbolicLink("/etc/resolv.conf", "real");

        var error = Assert.Throws<PathRefusedException>(() => new AtomicFileWriter(fs).Write("/etc/resolv.conf", "x"u8, new AtomicWriteOptions { DirectoryLinks = DirectoryLinkPolicy.FollowTrusted }));

        Assert.Equal(PathRefusal.LinkAtTarget, error.Reason);
        Assert.Equal("precious", File.ReadAllText(fs.Resolve("/etc/real")));
        Assert.Equal("real", fs.ReadLink("/etc/resolv.conf"));
        Assert.Equal(["/etc/real", "/etc/resolv.conf"], fs.ListDirectory("/etc"));
    }

    [Fact]
    public void Missing_directories_get_exactly_the_mode_and_owner_asked_for_whatever_the_umask()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var asRoot = Owners.AsRoot;
        var owner = asRoot ? new FileOwner(4321, 8765) : (FileOwner?)null;
        var options = new AtomicWriteOptions { NewFileMode = Mode0600, NewFileOwner = owner, CreateDirectoriesWithMode = Octal("1751") };

        new AtomicFileWriter(fs).Write("/a/b/c/file", "x"u8, options);

        foreach (var directory in new[] { "/a", "/a/b", "/a/b/c" })
        {
            var status = fs.GetStatus(directory)!.Value;
            Assert.Equal(FileKind.Directory, status.Kind);
            Assert.Equal(Octal("1751"), status.Mode);
            if (asRoot)
            {
                Assert.Equal(owner, status.Owner);
            }
        }

        var file = fs.GetStatus("/a/b/c/file")!.Value;
        Assert.Equal(Mode0600, file.Mode);
        if (asRoot)
        {
            Assert.Equal(owner, file.Owner);
        }

        Assert.Equal(Mode0700, File.GetUnixFileMode(root.Path));
    }

    [Fact]
    public void A_file_on_the_way_is_refused_as_not_a_directory()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(root.Combine("motd"), "hello");

        var error = Assert.Throws<PathRefusedException>(() => new AtomicFileWriter(fs).Write("/motd/x", "x"u8, InjectLike));

        Assert.Equal(PathRefusal.NotADirectoryOnTheWay, error.Reason);
        Assert.Equal("hello", File.ReadAllText(root.Combine("motd")));
    }

    [Fact]
    public void Trusted_links_are_followed_by_their_target_walked_under_the_root()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/usr/bin", Mode0755);
        // A name no machine has, so a writer that wrongly resolved the absolute link on the host would fail.
        var run = "/run-" + Guid.NewGuid().ToString("N");
        fs.CreateDirectory(run, Mode0755);
        fs.CreateDirectory("/var", Mode0755);
        fs.CreateSymbolicLink("/usr/sbin", "bin");               // merged /usr (Arch, Fedora 42)
        fs.CreateSymbolicLink("/var/run", run);                  // absolute: the agent's root, as in a chroot
        fs.CreateSymbolicLink("/var/up", "../../../../../usr");  // ".." never climbs above the root
        var trusted = new AtomicWriteOptions { NewFileOwner = null, DirectoryLinks = DirectoryLinkPolicy.FollowTrusted };

        new AtomicFileWriter(fs).Write("/usr/sbin/guest-agent", "binary"u8, trusted);
        new AtomicFileWriter(fs).Write("/var/run/agent.pid", "42"u8, trusted);
        new AtomicFileWriter(fs).Write("/var/up/bin/other", "y"u8, trusted);

        Assert.Equal("binary", File.ReadAllText(root.Combine("usr", "bin", "guest-agent")));
        Assert.Equal("42", File.ReadAllText(root.Combine(run.TrimStart('/'), "agent.pid")));
        Assert.Equal("y", File.ReadAllText(root.Combine("usr", "bin", "other")));
        Assert.Equal(PathRefusal.LinkOnTheWay, Assert.Throws<PathRefusedException>(() => new AtomicFileWriter(fs).Write("/usr/sbin/x", "x"u8)).Reason);
    }

    [Fact]
    public void A_link_in_a_directory_others_may_write_is_never_trusted()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/etc", Mode0755);
        fs.CreateDirectory("/shared", Octal("777"));
        fs.CreateDirectory("/sticky", Octal("1777"));
        fs.CreateSymbolicLink("/shared/etc", "/etc");
        fs.CreateSymbolicLink("/sticky/etc", "/etc");
        if (Owners.AsRoot)
        {
            // In a sticky directory a link is as trustworthy as its owner.
            fs.SetOwner("/sticky/etc", new FileOwner(4321, 4321));
        }

        var trusted = new AtomicWriteOptions { NewFileOwner = null, DirectoryLinks = DirectoryLinkPolicy.FollowTrusted };

        Assert.Equal(PathRefusal.LinkOnTheWay, Assert.Throws<PathRefusedException>(() => new AtomicFileWriter(fs).Write("/shared/etc/passwd", "x"u8, trusted)).Reason);
        if (Owners.AsRoot)
        {
            Assert.Equal(PathRefusal.LinkOnTheWay, Assert.Throws<PathRefusedException>(() => new AtomicFileWriter(fs).Write("/sticky/etc/passwd", "x"u8, trusted)).Reason);
        }

        Assert.Empty(fs.ListDirectory("/etc"));
    }

    [Fact]
    public void A_link_in_a_directory_another_user_owns_is_never_trusted()
    {
        Owners.SkipUnlessRoot();
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/etc", Mode0755);
        fs.CreateDirectory("/home/alice", Mode0755);
        // Not writable by others and the link is root's own: only the directory's owner makes it untrusted.
        fs.CreateSymbolicLink("/home/alice/etc", "/etc");
        fs.SetOwner("/home/alice", new FileOwner(4321, 4321));
        var trusted = new AtomicWriteOptions { NewFileOwner = null, DirectoryLinks = DirectoryLinkPolicy.FollowTrusted };

        Assert.Equal(PathRefusal.LinkOnTheWay, Assert.Throws<PathRefusedException>(() => new AtomicFileWriter(fs).Write("/home/alice/etc/passwd", "x"u8, trusted)).Reason);
        Assert.Empty(fs.ListDirectory("/etc"));
    }

    [Fact]
    public void Forty_trusted_links_in_a_row_are_followed_and_a_forty_first_is_too_many()
    {
        // As the kernel's MAXSYMLINKS: the limit is what ends a loop, so it must be exactly there.
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/etc", Mode0755);
        for (var i = 0; i < 40; i++)
        {
            fs.CreateSymbolicLink($"/l{i}", i == 39 ? "etc" : $"l{i + 1}");
        }

        var trusted = new AtomicWriteOptions { NewFileOwner = null, DirectoryLinks = DirectoryLinkPolicy.FollowTrusted };
        fs.CreateSymbolicLink("/over", "l0");

        new AtomicFileWriter(fs).Write("/l0/forty", "x"u8, trusted);
        var error = Assert.ThrowsAny<IOException>(() => new AtomicFileWriter(fs).Write("/over/forty-one", "x"u8, trusted));

        Assert.Equal("x", File.ReadAllText(root.Combine("etc", "forty")));
        Assert.Contains("Too many symbolic links", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(root.Combine("etc", "forty-one")));
    }

    [Fact]
    public void A_loop_of_trusted_links_ends_in_an_error()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateSymbolicLink("/a", "b");
        fs.CreateSymbolicLink("/b", "a");

        var error = Assert.ThrowsAny<IOException>(() => new AtomicFileWriter(fs).Write("/a/file", "x"u8, new AtomicWriteOptions { DirectoryLinks = DirectoryLinkPolicy.FollowTrusted }));

        Assert.Contains("Too many symbolic links", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_another_user_owns_on_the_way_is_written_into_without_following_anything()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/home/alice", Mode0755);
        if (Owners.AsRoot)
        {
            fs.SetOwner("/home/alice", new FileOwner(4321, 4321));
        }

        new AtomicFileWriter(fs).Write("/home/alice/.ssh/authorized_keys", "key\n"u8, InjectLike with { NewFileOwner = null });

        Assert.Equal("key\n", File.ReadAllText(root.Combine("home", "alice", ".ssh", "authorized_keys")));
        Assert.Equal(Mode0755, fs.GetStatus("/home/alice/.ssh")!.Value.Mode);
    }

    /// <summary>A directory outside every agent root, 0700, holding a 0600 file: what a link would aim at.</summary>
    private static TemporaryDirectory Victim()
    {
        var victim = new TemporaryDirectory("guestagent-victim-");
        File.SetUnixFileMode(victim.Path, Mode0700);
        File.WriteAllBytes(victim.Combine("authorized_keys"), "ssh-ed25519 AAAA root@host\n"u8.ToArray());
        File.SetUnixFileMode(victim.Combine("authorized_keys"), Mode0600);
        return victim;
    }

    /// <summary>Every entry under a directory (itself included) with kind, mode, owner and contents.</summary>
    private static string Describe(string directory) => string.Join('\n', new[] { directory }
        .Concat(Directory.EnumerateFileSystemEntries(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        .Order(StringComparer.Ordinal)
        .Select(path =>
        {
            var status = RootedFileSystem.StatusOf(path)!.Value;
            var contents = status.Kind == FileKind.File ? Convert.ToHexString(File.ReadAllBytes(path)) : new FileInfo(path).LinkTarget;
            return $"{Path.GetRelativePath(directory, path)} {status.Kind} {status.Mode} {status.Owner} {contents}";
        }));

    private static UnixFileMode Octal(string mode) => (UnixFileMode)Convert.ToInt32(mode, 8);
}
