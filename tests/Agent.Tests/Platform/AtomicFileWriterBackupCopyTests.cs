using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// The backup when no hard link can be made (a file system without them, or a file its owner gave the
/// most links the file system allows): a copy through one fixed buffer, refused past
/// <see cref="AtomicWriteOptions.MaxBackupCopyBytes"/>. The writer is told to make no link, as such a
/// file system would refuse it; the files are real.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AtomicFileWriterBackupCopyTests
{
    private const int EFBig = 27;
    private static readonly UnixFileMode Mode0640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
    private static readonly AtomicWriteOptions WithBackup = new() { KeepBackup = true };

    [Fact]
    public void A_copied_backup_has_the_old_contents_owner_and_mode_in_a_file_of_its_own()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var old = new byte[BoundedFileCopy.BufferBytes * 3 + 17];
        Random.Shared.NextBytes(old);
        File.WriteAllBytes(fs.Resolve("/config"), old);
        fs.SetMode("/config", Mode0640);

        Assert.True(new AtomicFileWriter(fs, hardLinkBackups: false).Write("/config", "new\n"u8, WithBackup));

        Assert.Equal("new\n", File.ReadAllText(fs.Resolve("/config")));
        Assert.Equal(old, File.ReadAllBytes(fs.Resolve("/config.bak")));
        Assert.Equal(Mode0640, fs.GetStatus("/config.bak")!.Value.Mode);
        Assert.Equal(fs.GetStatus("/config")!.Value.Owner, fs.GetStatus("/config.bak")!.Value.Owner);
        Assert.Equal(["config", "config.bak"], Directory.GetFileSystemEntries(root.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Copying_a_backup_costs_one_buffer_whatever_the_files_size()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        const int size = 12 * 1024 * 1024;
        WriteSparse(fs.Resolve("/big"), size);
        var writer = new AtomicFileWriter(fs, hardLinkBackups: false);
        // Once, so that the pool's buffer and the code's own first-call allocations are behind us.
        writer.Write("/warm-up", "x"u8, WithBackup);
        writer.Write("/warm-up", "y"u8, WithBackup);

        var before = GC.GetAllocatedBytesForCurrentThread();
        writer.Write("/big", "small now\n"u8, WithBackup);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(size, new FileInfo(fs.Resolve("/big.bak")).Length);
        // Reading the file whole would allocate its 12 MiB; the copy allocates far less than one buffer.
        Assert.True(allocated < BoundedFileCopy.BufferBytes, $"the backup allocated {allocated} bytes");
    }

    [Fact]
    public void A_file_over_the_limit_fails_the_write_with_EFBIG_and_changes_nothing()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        // Sparse: past the 2 GiB an array can hold, as the file a user made with `truncate -s 3G`.
        const long size = 3L * 1024 * 1024 * 1024;
        WriteSparse(fs.Resolve("/authorized_keys"), size);

        var error = Assert.Throws<BackupTooLargeException>(() =>
            new AtomicFileWriter(fs, hardLinkBackups: false).Write("/authorized_keys", "ssh-ed25519 AAAA key\n"u8, WithBackup));

        Assert.Equal(EFBig, error.HResult);
        Assert.Equal($"File too large: the backup of '/authorized_keys' must be a copy (no hard link to it could be made), and it has {size} bytes or more, over the {AtomicWriteOptions.DefaultMaxBackupCopyBytes} a backup copy may take", error.Message);
        Assert.Equal(size, new FileInfo(fs.Resolve("/authorized_keys")).Length);
        Assert.Equal(["authorized_keys"], Directory.GetFileSystemEntries(root.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_file_of_exactly_the_limit_is_copied()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var old = new byte[4096];
        Random.Shared.NextBytes(old);
        File.WriteAllBytes(fs.Resolve("/file"), old);

        Assert.True(new AtomicFileWriter(fs, hardLinkBackups: false).Write("/file", "new"u8, WithBackup with { MaxBackupCopyBytes = 4096 }));

        Assert.Equal(old, File.ReadAllBytes(fs.Resolve("/file.bak")));
        Assert.Equal("new", File.ReadAllText(fs.Resolve("/file")));
    }

    [Fact]
    public void The_limit_is_the_options_and_a_hard_linked_backup_has_none()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        WriteSparse(fs.Resolve("/file"), 4097);
        var tight = WithBackup with { MaxBackupCopyBytes = 4096 };

        var error = Assert.Throws<BackupTooLargeException>(() => new AtomicFileWriter(fs, hardLinkBackups: false).Write("/file", "new"u8, tight));
        Assert.True(new AtomicFileWriter(fs).Write("/file", "new"u8, tight));

        Assert.Equal(EFBig, error.HResult);
        // A plain file copied because no hard link could be made, not because it is privileged.
        Assert.False(error.Privileged);
        Assert.Equal((4097L, 4096L), (error.Length, error.Limit));
        Assert.Equal(4097, new FileInfo(fs.Resolve("/file.bak")).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => WithBackup with { MaxBackupCopyBytes = -1 });
    }

    [Fact]
    public void Skip_if_unchanged_never_reads_a_file_of_another_length()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        WriteSparse(fs.Resolve("/huge"), 3L * 1024 * 1024 * 1024);
        File.WriteAllText(fs.Resolve("/same"), "same\n");
        var skip = new AtomicWriteOptions { SkipIfUnchanged = true };
        var writer = new AtomicFileWriter(fs);
        writer.Write("/warm-up", "x"u8, skip);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var written = writer.Write("/huge", "new\n"u8, skip);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(written);
        Assert.True(allocated < BoundedFileCopy.BufferBytes, $"the comparison allocated {allocated} bytes");
        Assert.Equal("new\n", File.ReadAllText(fs.Resolve("/huge")));
        Assert.False(writer.Write("/same", "same\n"u8, skip));
        Assert.True(writer.Write("/same", "sane\n"u8, skip));
    }

    private static void WriteSparse(string path, long length)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        file.WriteByte(1);
        file.SetLength(length);
    }
}
