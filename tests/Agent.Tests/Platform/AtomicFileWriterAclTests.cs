using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// POSIX ACLs across a rewrite, set and read with the real <c>setfacl</c>/<c>getfacl</c>: the new
/// inode of an existing file has exactly the old file's access ACL or none, never the one a default
/// ACL on its directory gives every new inode (its backup copy likewise); a new file inherits the
/// default ACL, as any tool's does; <see cref="AtomicWriteOptions.ExactAccessControl"/> puts a saved
/// ACL (or its absence) back.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AtomicFileWriterAclTests
{
    [Fact]
    public async Task A_rewritten_file_without_an_ACL_and_its_backup_copy_gain_none_from_the_directory_s_default_ACL()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/etc", Mode("0755"));
        File.WriteAllText(fs.Resolve("/etc/config"), "old");
        fs.SetMode("/etc/config", Mode("0640"));
        await Acls.SetAsync("-d", "-m", "u:1234:rwx", fs.Resolve("/etc"));

        // Without hard links, the backup is a copy: a new inode in the same directory too.
        new AtomicFileWriter(fs, hardLinkBackups: false).Write("/etc/config", "new"u8, new AtomicWriteOptions { KeepBackup = true });

        Assert.Equal(Acls.NoneAt0640, await Acls.GetAsync(fs.Resolve("/etc/config")));
        Assert.Equal(Mode("0640"), fs.GetStatus("/etc/config")!.Value.Mode);
        Assert.Equal(Acls.NoneAt0640, await Acls.GetAsync(fs.Resolve("/etc/config.bak")));
        Assert.Equal(Mode("0640"), fs.GetStatus("/etc/config.bak")!.Value.Mode);
    }

    [Fact]
    public async Task A_rewritten_file_keeps_its_own_ACL_and_not_the_directory_s()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        await WriteWithReaderAsync(fs, "/config", "old");
        await Acls.SetAsync("-d", "-m", "u:1234:rwx", root.Path);

        new AtomicFileWriter(fs).Write("/config", "new"u8);

        Assert.Equal(Acls.Reader4321At0640, await Acls.GetAsync(fs.Resolve("/config")));
    }

    [Fact]
    public async Task A_new_file_inherits_the_directory_s_default_ACL_capped_by_its_mode()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        await Acls.SetAsync("-d", "-m", "u:1234:rwx", root.Path);

        new AtomicFileWriter(fs).Write("/config", "new"u8, new AtomicWriteOptions { NewFileMode = Mode("0644"), NewFileOwner = null });

        Assert.Equal(Mode("0644"), fs.GetStatus("/config")!.Value.Mode);
        Assert.Contains("user:1234:rwx\t#effective:r--", await Acls.GetAsync(fs.Resolve("/config")));
    }

    [Fact]
    public async Task An_exact_ACL_replaces_the_existing_one_and_an_empty_one_removes_it_however_the_directory_s_default_reads()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        await WriteWithReaderAsync(fs, "/saved", "saved");
        var saved = fs.ReadAccessControl("/saved");
        Assert.NotNull(saved);
        File.WriteAllText(fs.Resolve("/config"), "changed");
        await Acls.SetAsync("-m", "u:1234:rwx", fs.Resolve("/config"));
        await Acls.SetAsync("-d", "-m", "u:1234:rwx", root.Path);
        var writer = new AtomicFileWriter(fs);

        writer.Write("/config", "saved"u8, new AtomicWriteOptions { ExactMode = Mode("0640"), ExactAccessControl = saved });
        Assert.Equal(Acls.Reader4321At0640, await Acls.GetAsync(fs.Resolve("/config")));

        writer.Write("/config", "saved"u8, new AtomicWriteOptions { ExactMode = Mode("0640"), ExactAccessControl = Array.Empty<byte>() });
        Assert.Equal(Acls.NoneAt0640, await Acls.GetAsync(fs.Resolve("/config")));
        Assert.Equal(0, fs.ReadAccessControl("/config")!.Value.Length);

        // A file that did not exist gets the exact ACL too, not the directory's default.
        writer.Write("/restored", "saved"u8, new AtomicWriteOptions { ExactMode = Mode("0640"), ExactAccessControl = Array.Empty<byte>() });
        Assert.Equal(Acls.NoneAt0640, await Acls.GetAsync(fs.Resolve("/restored")));
    }

    [Fact]
    public async Task A_file_system_that_knows_no_ACLs_answers_that_it_cannot_tell_and_a_write_given_that_keeps_the_ACL_there()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        await WriteWithReaderAsync(fs, "/config", "old");

        // Not "none" (empty), which would remove the file's ACL: the interface's default, for an implementation without ACLs.
        IFileSystem withoutAcls = new FileSystemWithoutAcls(fs);
        var unknown = withoutAcls.ReadAccessControl("/config");
        Assert.Null(unknown);

        new AtomicFileWriter(fs).Write("/config", "new"u8, new AtomicWriteOptions { ExactMode = Mode("0640"), ExactAccessControl = unknown });
        Assert.Equal(Acls.Reader4321At0640, await Acls.GetAsync(fs.Resolve("/config")));
    }

    [Fact]
    public async Task Skip_if_unchanged_rewrites_contents_that_match_under_another_ACL_and_skips_when_it_matches()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/config"), "saved");
        fs.SetMode("/config", Mode("0644"));
        // The mask stays r--: the mode bits do not tell that the ACL changed.
        await Acls.SetAsync("-m", "u:1234:r--", fs.Resolve("/config"));
        Assert.Equal(Mode("0644"), fs.GetStatus("/config")!.Value.Mode);
        var writer = new AtomicFileWriter(fs);
        var exact = new AtomicWriteOptions { ExactMode = Mode("0644"), ExactAccessControl = Array.Empty<byte>(), SkipIfUnchanged = true };

        Assert.True(writer.Write("/config", "saved"u8, exact));
        Assert.Equal(["user::rw-", "group::r--", "other::r--"], await Acls.GetAsync(fs.Resolve("/config")));
        Assert.False(writer.Write("/config", "saved"u8, exact));
    }

    [Fact]
    public void Reading_the_ACL_never_follows_a_link_at_the_path()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/target"), "x");
        fs.CreateSymbolicLink("/link", fs.Resolve("/target"));

        Assert.ThrowsAny<IOException>(() => fs.ReadAccessControl("/link"));
    }

    [Theory]
    [InlineData(1, 12)]
    [InlineData(2, 2)]
    [InlineData(2, 13)]
    [InlineData(2, 4 + (8 * 8192))]
    public void A_malformed_exact_ACL_is_refused_when_it_is_set_so_nothing_is_written(int version, int length)
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);

        var error = Assert.Throws<ArgumentException>(() => new AtomicFileWriter(fs).Write("/config", "new"u8, new AtomicWriteOptions { ExactAccessControl = Acl(version, length) }));

        Assert.Equal("ExactAccessControl", error.ParamName);
        Assert.StartsWith("The ACL is not a POSIX access ACL as the kernel stores it", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(root.Path));
        // The rules the recovery record's 'acl' follows too: none, a header alone, up to 8191 entries.
        foreach (var taken in new[] { 0, 4, 4 + (8 * 8191) })
        {
            Assert.Equal(taken, new AtomicWriteOptions { ExactAccessControl = Acl(2, taken) }.ExactAccessControl!.Value.Length);
        }
    }

    [Theory]
    [InlineData("ENODATA")]
    [InlineData("EOPNOTSUPP")]
    public void A_file_system_answering_the_ACL_removal_that_it_has_none_to_remove_or_keeps_none_takes_the_write(string error)
    {
        // ext4 and tmpfs answer 0 for an absent ACL; a FUSE file system keeping attributes itself may
        // answer ENODATA, and one without ACLs (vfat, a tmpfs built without them) EOPNOTSUPP.
        using var root = new TemporaryDirectory();

        var (failure, answered) = RewriteWithAclRemovalFailing(root, error);

        Assert.Contains(answered, line => line.Contains("system.posix_acl_access", StringComparison.Ordinal) && line.Contains(error, StringComparison.Ordinal));
        Assert.Null(failure);
        Assert.Equal("new", File.ReadAllText(root.Combine("config")));
    }

    [Fact]
    public void Any_other_failure_to_remove_the_inherited_ACL_fails_the_write_and_changes_nothing()
    {
        using var root = new TemporaryDirectory();

        var (failure, _) = RewriteWithAclRemovalFailing(root, "EIO");

        Assert.Contains("removexattr(system.posix_acl_access)", Assert.IsAssignableFrom<IOException>(failure).Message, StringComparison.Ordinal);
        Assert.Equal("old", File.ReadAllText(root.Combine("config")));
        Assert.Equal(["config"], Directory.GetFileSystemEntries(root.Path).Select(Path.GetFileName));
    }

    /// <summary>Writes a 0640 file that <c>setfacl</c> gives the entry <c>u:4321:r--</c> (<see cref="Acls.Reader4321At0640"/>).</summary>
    /// <summary>
    /// The inherited ACL stands in for the label SELinux gives a new file (no SELinux here): a value
    /// the temp file already has once its mode is set is not set again (a same-label set needs relabel
    /// permissions a confined domain may lack).
    /// </summary>
    [Fact]
    public async Task A_rewrite_sets_no_attribute_its_temp_file_already_has_with_the_old_file_s_value()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        await Acls.SetAsync("-d", "-m", "u:1234:rwx", root.Path);
        new AtomicFileWriter(fs).Write("/config", "old"u8, new AtomicWriteOptions { NewFileMode = Mode("0640") });
        var inherited = await Acls.GetAsync(fs.Resolve("/config"));
        Assert.Contains("user:1234:rwx\t#effective:r--", inherited);

        var calls = SyscallTrace.Calls(() => new AtomicFileWriter(fs).Write("/config", "new"u8), "fsetxattr");

        Assert.Empty(calls);
        Assert.Equal("new", File.ReadAllText(fs.Resolve("/config")));
        Assert.Equal(inherited, await Acls.GetAsync(fs.Resolve("/config")));
    }

    private static async Task WriteWithReaderAsync(RootedFileSystem fs, string path, string contents)
    {
        File.WriteAllText(fs.Resolve(path), contents);
        fs.SetMode(path, Mode("0640"));
        await Acls.SetAsync("-m", "u:4321:r--", fs.Resolve(path));
    }

    /// <summary>Rewrites <c>/config</c> (<c>old</c> to <c>new</c>), which has no ACL, while every <c>fremovexattr</c> fails with <paramref name="error"/>.</summary>
    private static (Exception? Failure, IReadOnlyList<string> Calls) RewriteWithAclRemovalFailing(TemporaryDirectory root, string error)
    {
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/config"), "old");
        Exception? failure = null;
        var calls = SyscallTrace.Failing(() => failure = Record.Exception(() => new AtomicFileWriter(fs).Write("/config", "new"u8)), "fremovexattr", error);
        return (failure, calls);
    }

    /// <summary><paramref name="length"/> bytes starting with a little-endian <paramref name="version"/> (as much of it as fits).</summary>
    private static byte[] Acl(int version, int length)
    {
        var acl = new byte[length];
        BitConverter.GetBytes(version).AsSpan(0, Math.Min(4, length)).CopyTo(acl);
        return acl;
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);
}
