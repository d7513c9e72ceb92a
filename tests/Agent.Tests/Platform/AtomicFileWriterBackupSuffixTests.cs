using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// A backup with another suffix than <c>.bak</c>: <see cref="SiblingNames.InertBackupSuffix"/> for
/// files in directories whose reader takes every file (logrotate's included directories, cron.d).
/// The real logrotate's view of it is checked with <c>injectfile</c>, which uses it.
/// </summary>
public sealed class AtomicFileWriterBackupSuffixTests
{
    private static readonly UnixFileMode Mode0640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    [Fact]
    public void The_backup_takes_the_suffix_asked_for_keeping_mode_and_owner_and_leaves_a_bak_alone()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(root.Combine("app"), "old");
        File.WriteAllText(root.Combine("app.bak"), "an administrator's copy");
        fs.SetMode("/app", Mode0640);
        var owner = fs.GetStatus("/app")!.Value.Owner;
        var options = new AtomicWriteOptions { KeepBackup = true, BackupSuffix = SiblingNames.InertBackupSuffix };

        new AtomicFileWriter(fs).Write("/app", "new"u8, options);
        new AtomicFileWriter(fs).Write("/app", "newer"u8, options);

        Assert.Equal("new", File.ReadAllText(root.Combine("app.bak~")));
        Assert.Equal(Mode0640, fs.GetStatus("/app.bak~")!.Value.Mode);
        Assert.Equal(owner, fs.GetStatus("/app.bak~")!.Value.Owner);
        Assert.Equal("an administrator's copy", File.ReadAllText(root.Combine("app.bak")));
        Assert.Equal(["/app", "/app.bak", "/app.bak~"], fs.ListDirectory("/"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/../x")]
    [InlineData(".bak\n")]
    [InlineData(".bak\0")]
    [InlineData(".0123456789012345678901234567890~")]
    public void A_suffix_that_could_not_end_a_sibling_name_is_refused(string suffix)
    {
        Assert.Throws<ArgumentException>(() => new AtomicWriteOptions { BackupSuffix = suffix });
        Assert.Throws<ArgumentException>(() => SiblingNames.Backup("app", suffix));
    }
}
