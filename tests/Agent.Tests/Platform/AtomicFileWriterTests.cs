using System.Text;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

public sealed class AtomicFileWriterTests
{
    private static readonly UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly UnixFileMode Mode0640 = Mode0600 | UnixFileMode.GroupRead;

    [Fact]
    public void A_new_file_gets_the_requested_mode_and_no_temp_file_is_left()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/etc", (UnixFileMode)Convert.ToInt32("755", 8));
        var writer = new AtomicFileWriter(fs);

        writer.Write("/etc/new", "hello"u8, new AtomicWriteOptions { NewFileMode = Mode0600, NewFileOwner = null });

        Assert.Equal("hello", File.ReadAllText(root.Combine("etc", "new")));
        Assert.Equal(Mode0600, fs.GetStatus("/etc/new")!.Value.Mode);
        Assert.Equal(["/etc/new"], fs.ListDirectory("/etc"));
    }

    [Fact]
    public void An_existing_file_keeps_owner_and_mode_and_one_backup_keeps_the_old_version()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var writer = new AtomicFileWriter(fs);
        var path = root.Combine("config");
        File.WriteAllText(path, "old");
        fs.SetMode("/config", Mode0640);
        var owner = ChangeOwnerIfRoot(fs, "/config");

        writer.Write("/config", "new"u8, new AtomicWriteOptions { KeepBackup = true });
        writer.Write("/config", "newer"u8, new AtomicWriteOptions { KeepBackup = true });

        Assert.Equal("newer", File.ReadAllText(path));
        Assert.Equal(Mode0640, fs.GetStatus("/config")!.Value.Mode);
        Assert.Equal(owner, fs.GetStatus("/config")!.Value.Owner);
        Assert.Equal("new", File.ReadAllText(path + ".bak"));
        Assert.Equal(Mode0640, fs.GetStatus("/config.bak")!.Value.Mode);
        Assert.Equal(["/config", "/config.bak"], fs.ListDirectory("/"));
    }

    [Fact]
    public void A_symbolic_link_at_the_final_component_is_refused_and_its_target_untouched()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var writer = new AtomicFileWriter(fs);
        File.WriteAllText(root.Combine("target"), "precious");
        fs.CreateSymbolicLink("/link", root.Combine("target"));

        var refused = Assert.Throws<PathRefusedException>(() => writer.Write("/link", "evil"u8));
        Assert.Equal(PathRefusal.LinkAtTarget, refused.Reason);

        Assert.Equal("precious", File.ReadAllText(root.Combine("target")));
        Assert.Equal(FileKind.SymbolicLink, fs.GetStatus("/link")!.Value.Kind);
    }

    [Fact]
    public void A_symbolic_link_is_replaced_by_the_file_only_when_asked_and_its_target_stays_untouched()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var writer = new AtomicFileWriter(fs);
        File.WriteAllText(root.Combine("target"), "precious");
        fs.CreateSymbolicLink("/link", root.Combine("target"));

        Assert.True(writer.Write("/link", "new"u8, new AtomicWriteOptions { ReplaceSymbolicLink = true, NewFileMode = Mode0640, KeepBackup = true, SkipIfUnchanged = true }));

        Assert.Equal("precious", File.ReadAllText(root.Combine("target")));
        Assert.Equal(FileKind.File, fs.GetStatus("/link")!.Value.Kind);
        Assert.Equal(Mode0640, fs.GetStatus("/link")!.Value.Mode);
        Assert.Equal("new", fs.ReadAllText("/link"));
        Assert.Null(fs.GetStatus("/link.bak"));
    }

    [Fact]
    public void Missing_directories_are_an_error_unless_asked_to_create_them_with_an_exact_mode()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var writer = new AtomicFileWriter(fs);
        var mode0755 = (UnixFileMode)Convert.ToInt32("755", 8);

        Assert.Equal(PathRefusal.DirectoryMissing, Assert.Throws<PathRefusedException>(() => writer.Write("/a/b/file", "x"u8)).Reason);
        writer.Write("/a/b/file", "x"u8, new AtomicWriteOptions { CreateDirectoriesWithMode = mode0755, NewFileOwner = null });

        Assert.Equal(mode0755, fs.GetStatus("/a")!.Value.Mode);
        Assert.Equal(mode0755, fs.GetStatus("/a/b")!.Value.Mode);
        Assert.Equal("x", File.ReadAllText(root.Combine("a", "b", "file")));
    }

    [Fact]
    public void A_failed_write_removes_only_the_directories_it_created()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/srv", (UnixFileMode)Convert.ToInt32("755", 8));
        var writer = new AtomicFileWriter(fs);
        var options = new AtomicWriteOptions { CreateDirectoriesWithMode = (UnixFileMode)Convert.ToInt32("755", 8), NewFileOwner = null };

        // The file name is longer than NAME_MAX: the write fails after mkdir.
        Assert.ThrowsAny<IOException>(() => writer.Write("/srv/a/b/" + new string('n', 300), "x"u8, options));

        Assert.True(fs.DirectoryExists("/srv"));
        Assert.Empty(fs.ListDirectory("/srv"));
    }

    [Fact]
    public void A_path_whose_directories_cannot_all_be_made_leaves_none_of_them()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/srv", (UnixFileMode)Convert.ToInt32("755", 8));
        var options = new AtomicWriteOptions { CreateDirectoriesWithMode = (UnixFileMode)Convert.ToInt32("755", 8), NewFileOwner = null };

        // "a" can be made, the directory inside it cannot (its name is longer than NAME_MAX).
        Assert.ThrowsAny<IOException>(() => new AtomicFileWriter(fs).Write("/srv/a/" + new string('d', 300) + "/file", "x"u8, options));

        Assert.Empty(fs.ListDirectory("/srv"));
    }

    [Theory]
    [InlineData(255, 'n')]
    [InlineData(127, '\u00e9')]
    [InlineData(85, '\u2603')]
    public void A_name_as_long_as_a_file_name_may_be_is_written_and_replaced(int count, char letter)
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var writer = new AtomicFileWriter(fs);
        var name = new string(letter, count);
        Assert.InRange(Encoding.UTF8.GetByteCount(name), 254, 255);

        Assert.True(writer.Write("/" + name, "first"u8, new AtomicWriteOptions { NewFileOwner = null }));
        Assert.True(writer.Write("/" + name, "second"u8, new AtomicWriteOptions { NewFileOwner = null }));

        Assert.Equal("second", File.ReadAllText(Path.Combine(root.Path, name)));
        Assert.Equal(["/" + name], fs.ListDirectory("/"));
    }

    [Theory]
    [InlineData(251, 'n')]
    [InlineData(252, 'n')]
    [InlineData(253, 'n')]
    [InlineData(254, 'n')]
    [InlineData(255, 'n')]
    [InlineData(127, '\u00e9')]
    [InlineData(85, '\u2603')]
    public void A_name_as_long_as_a_file_name_may_be_keeps_a_backup_whose_name_fits(int count, char letter)
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var writer = new AtomicFileWriter(fs);
        var name = new string(letter, count);
        var options = new AtomicWriteOptions { KeepBackup = true, NewFileOwner = null };

        writer.Write("/" + name, "first"u8, options);
        writer.Write("/" + name, "second"u8, options);
        writer.Write("/" + name, "third"u8, options);

        var backup = Assert.Single(fs.ListDirectory("/"), entry => entry != "/" + name)[1..];
        Assert.Equal("third", File.ReadAllText(Path.Combine(root.Path, name)));
        Assert.Equal("second", File.ReadAllText(Path.Combine(root.Path, backup)));
        Assert.EndsWith(".bak", backup, StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(backup), 1, 255);
        if (Encoding.UTF8.GetByteCount(name) <= 251)
        {
            // Names with room for it keep the plain, familiar form.
            Assert.Equal(name + ".bak", backup);
        }
    }

    [Fact]
    public void Two_long_names_that_differ_only_at_the_end_keep_backups_of_their_own()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var writer = new AtomicFileWriter(fs);
        var options = new AtomicWriteOptions { KeepBackup = true, NewFileOwner = null };
        var first = new string('x', 254) + "1";
        var second = new string('x', 254) + "2";

        foreach (var version in new[] { "old", "new" })
        {
            writer.Write("/" + first, Encoding.UTF8.GetBytes(version + " 1"), options);
            writer.Write("/" + second, Encoding.UTF8.GetBytes(version + " 2"), options);
        }

        var backups = fs.ListDirectory("/").Where(entry => entry != "/" + first && entry != "/" + second).ToArray();
        Assert.Equal(2, backups.Length);
        Assert.Equal(["old 1", "old 2"], backups.Select(backup => File.ReadAllText(Path.Combine(root.Path, backup[1..]))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Unchanged_contents_are_skipped_when_asked()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var writer = new AtomicFileWriter(fs);
        var options = new AtomicWriteOptions { SkipIfUnchanged = true, KeepBackup = true, NewFileOwner = null };

        Assert.True(writer.Write("/f", Encoding.UTF8.GetBytes("same"), options));
        Assert.False(writer.Write("/f", Encoding.UTF8.GetBytes("same"), options));
        Assert.False(fs.FileExists("/f.bak"));
    }

    [Fact]
    public void A_directory_at_the_target_is_refused()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/d", Mode0600 | UnixFileMode.UserExecute);

        Assert.Equal(PathRefusal.TargetNotRegular, Assert.Throws<PathRefusedException>(() => new AtomicFileWriter(fs).Write("/d", "x"u8)).Reason);
    }

    [Fact]
    public async Task Extended_attributes_survive_a_rewrite_onto_the_new_inode_and_its_backup()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var writer = new AtomicFileWriter(fs);
        var path = root.Combine("shadow");
        File.WriteAllText(path, "old");
        await SetUserAttributeOrSkipAsync(path, "user.guestagent.label", "shadow_t-like \u00e9");
        await SetUserAttributeOrSkipAsync(path, "user.guestagent.empty", "");
        var inode = await InodeAsync(path);

        writer.Write("/shadow", "new"u8, new AtomicWriteOptions { KeepBackup = true });

        Assert.Equal("new", File.ReadAllText(path));
        Assert.NotEqual(inode, await InodeAsync(path));
        Assert.Equal(["user.guestagent.empty=", "user.guestagent.label=shadow_t-like \u00e9"], await UserAttributesAsync(path));
        Assert.Equal(["user.guestagent.empty=", "user.guestagent.label=shadow_t-like \u00e9"], await UserAttributesAsync(path + ".bak"));
    }

    [Fact]
    public async Task As_root_the_selinux_label_and_trusted_attributes_are_copied_but_file_capabilities_and_IMA_EVM_values_are_not()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var writer = new AtomicFileWriter(fs);
        var path = root.Combine("shadow");
        File.WriteAllText(path, "old");
        // Without SELinux loaded, security.selinux is an ordinary attribute root may set: the label RHEL's /etc/shadow has.
        await SetUserAttributeOrSkipAsync(path, "security.selinux", "system_u:object_r:shadow_t:s0");
        await SetUserAttributeOrSkipAsync(path, "trusted.guestagent", "kept");
        var capability = "\u0000\u0000\u0000\u0002" + new string('\u0000', 16);
        await SetUserAttributeOrSkipAsync(path, "security.capability", capability);
        Assert.Contains("security.capability=", (await UserAttributesAsync(path, "security.capability"))[0], StringComparison.Ordinal);
        // Without IMA loaded, ordinary attributes too: a hash and signature of the old contents, never copied.
        await SetUserAttributeOrSkipAsync(path, "security.ima", "\u0004old-hash");
        await SetUserAttributeOrSkipAsync(path, "security.evm", "\u0005old-signature");

        writer.Write("/shadow", "new"u8);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["security.selinux=system_u:object_r:shadow_t:s0", "trusted.guestagent=kept"], await UserAttributesAsync(path, "security.", "trusted."));
    }

    [Fact]
    public async Task An_attribute_the_new_file_refuses_fails_the_write_and_the_old_file_stays()
    {
        // As an SELinux policy denying the label would: installing the file unlabelled is worse than not at all.
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var path = root.Combine("shadow");
        File.WriteAllText(path, "old");
        await SetUserAttributeOrSkipAsync(path, "user.guestagent.label", "shadow_t-like");
        Exception? failure = null;

        var refused = SyscallTrace.Failing(() => failure = Record.Exception(() => new AtomicFileWriter(fs).Write("/shadow", "new"u8)), "fsetxattr", "EACCES");

        Assert.Contains(refused, line => line.Contains("user.guestagent.label", StringComparison.Ordinal) && line.Contains("EACCES", StringComparison.Ordinal));
        Assert.IsAssignableFrom<IOException>(failure);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["user.guestagent.label=shadow_t-like"], await UserAttributesAsync(path));
        Assert.Equal(["shadow"], Directory.GetFileSystemEntries(root.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task File_capabilities_are_not_copied_even_to_empty_contents_which_no_write_strips()
    {
        // The kernel drops security.capability when contents are written: an empty file is never written to.
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var path = root.Combine("program");
        File.WriteAllText(path, "old");
        var capability = "\u0000\u0000\u0000\u0002" + new string('\u0000', 16);
        await SetUserAttributeOrSkipAsync(path, "security.capability", capability);

        new AtomicFileWriter(fs).Write("/program", ""u8);

        Assert.Equal(0, new FileInfo(path).Length);
        Assert.Empty(await UserAttributesAsync(path, "security."));
    }

    [Fact]
    public async Task A_new_file_gets_no_attributes_and_a_file_without_any_stays_without()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var writer = new AtomicFileWriter(fs);

        writer.Write("/plain", "one"u8, new AtomicWriteOptions { NewFileOwner = null });
        writer.Write("/plain", "two"u8);

        Assert.Equal("two", File.ReadAllText(root.Combine("plain")));
        Assert.Empty(await UserAttributesAsync(root.Combine("plain")));
    }

    private const string AttributeScript = """
        import errno, os, sys
        path, op = sys.argv[1], sys.argv[2]
        if op == "set":
            try:
                os.setxattr(path, sys.argv[3], bytes.fromhex(sys.argv[4]), follow_symlinks=False)
            except OSError as e:
                if e.errno in (errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
                    sys.exit(3)
                raise
        else:
            for name in sorted(os.listxattr(path, follow_symlinks=False)):
                if any(name.startswith(prefix) for prefix in sys.argv[3:]):
                    print(name + "=" + os.getxattr(path, name, follow_symlinks=False).decode("utf-8", "replace").rstrip("\0"))
        """;

    /// <summary>Sets an attribute with python3's os.setxattr, or skips where the file system (or a missing privilege) refuses it.</summary>
    private static async Task SetUserAttributeOrSkipAsync(string path, string name, string value)
    {
        var python = ExternalTool.Require("python3", "python3");
        var hex = Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(value));
        var result = await ExternalTool.RunAsync(python, ["-c", AttributeScript, path, "set", name, hex]);
        if (result.ExitCode == 3)
        {
            Requirement.Unmet($"The file system of {Path.GetTempPath()} (or this user) may not set {name} extended attributes");
        }

        Assert.Equal(0, result.ExitCode);
    }

    /// <summary>The file's attributes under the given prefixes (user.* by default) as <c>name=value</c>, read by python3's os.getxattr.</summary>
    private static async Task<string[]> UserAttributesAsync(string path, params string[] prefixes)
    {
        var python = ExternalTool.Require("python3", "python3");
        var result = await ExternalTool.RunAsync(python, ["-c", AttributeScript, path, "list", .. prefixes.Length == 0 ? ["user."] : prefixes]);
        Assert.Equal(0, result.ExitCode);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task<string> InodeAsync(string path) =>
        (await ExternalTool.RunAsync(ExternalTool.Require("stat", "coreutils"), ["-c", "%i", path])).StandardOutput.Trim();

    /// <summary>As root, gives the file owner 1:1 so the test proves ownership is copied; otherwise keeps it.</summary>
    private static FileOwner ChangeOwnerIfRoot(IFileSystem fs, string path)
    {
        if (Owners.AsRoot)
        {
            fs.SetOwner(path, new FileOwner(1, 1));
        }

        return fs.GetStatus(path)!.Value.Owner;
    }
}
