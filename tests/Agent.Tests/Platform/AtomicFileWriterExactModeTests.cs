using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="AtomicWriteOptions.ExactMode"/> and <see cref="AtomicWriteOptions.ExactOwner"/>, which
/// a rollback uses to put a saved file back as it was: the file gets them whether it exists or not,
/// already on the staged temp file (so the target never shows the old contents with another mode),
/// never setuid or setgid; a backup keeps the old file's; <see cref="AtomicWriteOptions.SkipIfUnchanged"/>
/// rewrites a file whose contents match but whose mode or owner does not.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AtomicFileWriterExactModeTests
{
    [Fact]
    public void An_existing_file_gets_the_exact_mode_already_on_the_staged_file_and_its_backup_keeps_the_old_one()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/config"), "changed");
        fs.SetMode("/config", Mode("0600"));
        var writer = new AtomicFileWriter(fs);

        using (var staged = writer.Stage("/config", new MemoryStream("saved"u8.ToArray()), new AtomicWriteOptions { ExactMode = Mode("1640"), KeepBackup = true })!)
        {
            Assert.Equal(Mode("1640"), File.GetUnixFileMode(staged.HostPath));
            Assert.Equal(Mode("0600"), fs.GetStatus("/config")!.Value.Mode);
            staged.Commit();
        }

        Assert.Equal("saved", fs.ReadAllText("/config"));
        Assert.Equal(Mode("1640"), fs.GetStatus("/config")!.Value.Mode);
        Assert.Equal(Mode("0600"), fs.GetStatus("/config.bak")!.Value.Mode);
    }

    [Fact]
    public void A_new_file_gets_the_exact_mode_rather_than_NewFileMode()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);

        new AtomicFileWriter(fs).Write("/config", "saved"u8, new AtomicWriteOptions { ExactMode = Mode("0604"), NewFileMode = Mode("0600"), NewFileOwner = null });

        Assert.Equal(Mode("0604"), fs.GetStatus("/config")!.Value.Mode);
    }

    [Fact]
    public void An_exact_mode_is_never_setuid_or_setgid_and_under_RestrictSUIDSGID_the_write_still_works()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/program"), "changed");

        SetIdRestriction.Run(() => new AtomicFileWriter(fs).Write("/program", "saved"u8, new AtomicWriteOptions { ExactMode = Mode("6755"), KeepBackup = true }));

        Assert.Equal("saved", fs.ReadAllText("/program"));
        Assert.Equal(Mode("0755"), fs.GetStatus("/program")!.Value.Mode);
    }

    [Fact]
    public void Skip_if_unchanged_rewrites_contents_that_match_under_another_mode_and_skips_when_both_match()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/config"), "saved");
        fs.SetMode("/config", Mode("0600"));
        var writer = new AtomicFileWriter(fs);
        var exact = new AtomicWriteOptions { ExactMode = Mode("0640"), SkipIfUnchanged = true };

        Assert.True(writer.Write("/config", "saved"u8, exact));
        Assert.Equal(Mode("0640"), fs.GetStatus("/config")!.Value.Mode);
        Assert.False(writer.Write("/config", "saved"u8, exact));
        // A setuid mode asked for is never the file's, so it is never "already there" either.
        File.SetUnixFileMode(fs.Resolve("/config"), Mode("4640"));
        Assert.True(writer.Write("/config", "saved"u8, exact with { ExactMode = Mode("4640") }));
        Assert.Equal(Mode("0640"), fs.GetStatus("/config")!.Value.Mode);
        Assert.False(writer.Write("/config", "saved"u8, exact with { ExactMode = Mode("4640") }));
    }

    [Fact]
    public void An_existing_file_gets_the_exact_owner_and_its_backup_keeps_the_old_one()
    {
        Assert.SkipUnless(Owners.AsRoot, "Giving a file another owner needs root");
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/config"), "changed");
        var changed = new FileOwner(1234, 1234);
        fs.SetOwner("/config", changed);
        var saved = new FileOwner(0, 42);
        var writer = new AtomicFileWriter(fs);
        var exact = new AtomicWriteOptions { ExactOwner = saved, KeepBackup = true, SkipIfUnchanged = true };

        Assert.True(writer.Write("/config", "changed"u8, exact));

        Assert.Equal(saved, fs.GetStatus("/config")!.Value.Owner);
        Assert.Equal(changed, fs.GetStatus("/config.bak")!.Value.Owner);
        Assert.False(writer.Write("/config", "changed"u8, exact));
    }

    [Fact]
    public async Task An_exact_mode_is_the_files_even_when_a_copied_ACL_s_mask_would_set_the_group_bits()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/config"), "changed");
        fs.SetMode("/config", Mode("0640"));
        // The mode's group bits are the mask's, rw-, which setfacl gives the named entry.
        await Acls.SetAsync("-m", "u:1234:rw-", fs.Resolve("/config"));
        Assert.Equal(Mode("0660"), fs.GetStatus("/config")!.Value.Mode);

        new AtomicFileWriter(fs).Write("/config", "saved"u8, new AtomicWriteOptions { ExactMode = Mode("0640") });

        Assert.Equal(Mode("0640"), fs.GetStatus("/config")!.Value.Mode);
    }

    [Fact]
    public void A_mode_with_bits_above_07777_is_refused_naming_the_option()
    {
        var tooWide = (UnixFileMode)Convert.ToInt32("10644", 8);

        Assert.Equal("ExactMode", Assert.Throws<ArgumentOutOfRangeException>(() => new AtomicWriteOptions { ExactMode = tooWide }).ParamName);
        Assert.Equal("NewFileMode", Assert.Throws<ArgumentOutOfRangeException>(() => new AtomicWriteOptions { NewFileMode = tooWide }).ParamName);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AtomicWriteOptions.Default with { CreateDirectoriesWithMode = tooWide });
        Assert.Equal("CreateDirectoriesWithMode", error.ParamName);
        Assert.StartsWith("Mode 10644 has bits above 07777", error.Message, StringComparison.Ordinal);
        // Every bit a mode holds is taken (setuid and setgid are dropped when the file is written).
        Assert.Equal(Mode("7777"), new AtomicWriteOptions { ExactMode = Mode("7777"), NewFileMode = Mode("7777"), CreateDirectoriesWithMode = Mode("7777") }.ExactMode);
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);
}
