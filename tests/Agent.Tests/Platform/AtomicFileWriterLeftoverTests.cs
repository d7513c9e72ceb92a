using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// What a write killed part-way leaves on disk, built exactly as the kill leaves it, then the next
/// write of the same file: its temp files go (only those, only a killed process's), and a backup
/// link left for a backup that already is the target's inode does not stay behind.
/// </summary>
public sealed class AtomicFileWriterLeftoverTests
{
    private const string Hex = "0123456789ab";

    /// <summary>Everything that exists now counts as a killed process's: as if this process started later.</summary>
    private static readonly DateTimeOffset AfterEverythingHere = DateTimeOffset.MaxValue;

    /// <summary>A clock by which everything made here is older than <see cref="StaleStagingFiles.MinimumAge"/>.</summary>
    private static readonly TimeProvider AnHourFromNow = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1));

    [Fact]
    public void A_live_temp_file_of_a_process_that_started_earlier_is_left_alone_until_it_is_old()
    {
        // This process "started" after the temp file was made (another, older writer's, still in
        // flight), or the clock was set back below this process's start: only its age protects it.
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(root.Combine("shadow"), "old");
        var live = root.Combine($".shadow.{Hex}.tmp");
        File.WriteAllText(live, "an older process's new version, not yet renamed");

        new AtomicFileWriter(fs, AfterEverythingHere).Write("/shadow", "new"u8);
        Assert.Equal("an older process's new version, not yet renamed", File.ReadAllText(live));

        new AtomicFileWriter(fs, AfterEverythingHere, clock: AnHourFromNow).Write("/shadow", "newer"u8);
        Assert.False(File.Exists(live));
        Assert.Equal("newer", File.ReadAllText(root.Combine("shadow")));
    }

    [Fact]
    public void The_cutoff_is_the_earlier_of_the_process_start_and_the_minimum_age()
    {
        var now = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(now.AddHours(-1), StaleStagingFiles.Cutoff(now.AddHours(-1), now));
        Assert.Equal(now - StaleStagingFiles.MinimumAge, StaleStagingFiles.Cutoff(now.AddMinutes(-1), now));
        // A clock set back below the start: the age still counts from the clock.
        Assert.Equal(now - StaleStagingFiles.MinimumAge, StaleStagingFiles.Cutoff(now.AddHours(2), now));
        Assert.Equal(DateTimeOffset.MinValue, StaleStagingFiles.Cutoff(DateTimeOffset.MinValue, now));
        Assert.Equal(DateTimeOffset.MinValue, StaleStagingFiles.Cutoff(now, DateTimeOffset.MinValue));
    }

    [Fact]
    public void The_temp_files_of_killed_writes_of_the_target_are_removed_before_the_next_write_and_nothing_else()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(root.Combine("shadow"), "old");
        string[] leftovers =
        [
            $".shadow.{Hex}.tmp",      // the new version, killed before its rename
            $".shadow.{Hex}.bak.tmp",  // the backup's hard link, killed before its rename
            $".shadow.bak.{Hex}.tmp",  // a copied backup (no hard links here), killed before its rename
        ];
        string[] others =
        [
            $".shadow.{Hex.ToUpperInvariant()}.tmp", // not the writer's: its digits are lowercase
            ".shadow.0123456789a.tmp",              // 11 digits
            $".shadowx.{Hex}.tmp",                   // another file's
            $".other.{Hex}.tmp",
            $"shadow.{Hex}.tmp",                     // not hidden
            $".shadow.{Hex}.tmp~",
            "shadow.bak",
        ];
        foreach (var name in leftovers.Concat(others))
        {
            File.WriteAllText(root.Combine(name), "x");
        }

        // A directory with the writer's pattern is not a file it made.
        Directory.CreateDirectory(root.Combine($".shadow.{Hex.Replace('0', 'f')}.tmp"));

        new AtomicFileWriter(fs, AfterEverythingHere, clock: AnHourFromNow).Write("/shadow", "new"u8);

        Assert.Equal("new", File.ReadAllText(root.Combine("shadow")));
        Assert.All(leftovers, name => Assert.False(File.Exists(root.Combine(name)), name));
        Assert.All(others, name => Assert.True(File.Exists(root.Combine(name)), name));
        Assert.True(Directory.Exists(root.Combine($".shadow.{Hex.Replace('0', 'f')}.tmp")));
    }

    [Fact]
    public void A_link_named_like_a_temp_file_is_not_one_the_writer_made_and_stays()
    {
        // Only regular files are the writer's: a link with its pattern is someone else's to keep.
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(root.Combine("shadow"), "old");
        File.WriteAllText(root.Combine("target"), "kept");
        var link = root.Combine($".shadow.{Hex}.tmp");
        File.CreateSymbolicLink(link, "target");

        new AtomicFileWriter(fs, AfterEverythingHere, clock: AnHourFromNow).Write("/shadow", "new"u8);

        Assert.Equal("new", File.ReadAllText(root.Combine("shadow")));
        Assert.Equal("target", new FileInfo(link).LinkTarget);
        Assert.Equal("kept", File.ReadAllText(root.Combine("target")));
    }

    [Fact]
    public void Leftovers_go_even_when_the_file_already_holds_what_is_written()
    {
        // An update run again after a crash finds its binary installed and writes nothing; the temp
        // file an earlier killed update left must not wait for the next real install.
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(root.Combine("guest-agent"), "new agent");
        File.WriteAllText(root.Combine($".guest-agent.{Hex}.tmp"), "a whole binary never installed");
        using var source = new MemoryStream("new agent"u8.ToArray());

        var written = new AtomicFileWriter(fs, AfterEverythingHere, clock: AnHourFromNow).Write("/guest-agent", source, new AtomicWriteOptions { SkipIfUnchanged = true });

        Assert.False(written);
        Assert.Equal(["/guest-agent"], fs.ListDirectory("/"));
    }

    [Fact]
    public void A_temp_file_made_since_this_process_started_is_left_alone_as_another_writers_live_one()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(root.Combine("config"), "old");
        // Made now, long after this process started: as a concurrent write of this process holds it.
        File.WriteAllText(root.Combine($".config.{Hex}.tmp"), "another write's new version");
        File.WriteAllText(root.Combine($".config.{Hex}.bak.tmp"), "another write's backup link");

        new AtomicFileWriter(fs).Write("/config", "new"u8, new AtomicWriteOptions { KeepBackup = true });

        Assert.Equal("new", File.ReadAllText(root.Combine("config")));
        Assert.Equal("another write's new version", File.ReadAllText(root.Combine($".config.{Hex}.tmp")));
        Assert.Equal("another write's backup link", File.ReadAllText(root.Combine($".config.{Hex}.bak.tmp")));
    }

    [Fact]
    public void A_long_names_cut_temp_files_are_recognised_too()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var name = new string('n', 255);
        File.WriteAllText(root.Combine(name), "old");
        // What SiblingNames.Staging gives a 255-byte name: cut to fit the dot, the 12 digits and the suffix.
        var temp = $".{name[..(255 - 2 - 12 - 4)]}.{Hex}.tmp";
        var backupLink = $".{name[..(255 - 2 - 12 - 8)]}.{Hex}.bak.tmp";
        File.WriteAllText(root.Combine(temp), "x");
        File.WriteAllText(root.Combine(backupLink), "x");

        new AtomicFileWriter(fs, AfterEverythingHere, clock: AnHourFromNow).Write("/" + name, "new"u8);

        Assert.Equal(["/" + name], fs.ListDirectory("/"));
    }

    [Fact]
    public async Task A_backup_that_already_is_the_targets_inode_leaves_no_staging_link_behind()
    {
        // A kill between the backup's rename and the target's leaves the target and its backup as
        // two names of one inode, and the new version's temp file beside them.
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(root.Combine("authorized_keys"), "ssh-rsa OLDKEY\n");
        await HardLinkAsync(root.Combine("authorized_keys"), root.Combine("authorized_keys.bak~"));
        File.WriteAllText(root.Combine($".authorized_keys.{Hex}.tmp"), "ssh-rsa NEWKEY\n");

        new AtomicFileWriter(fs, AfterEverythingHere, clock: AnHourFromNow).Write("/authorized_keys", "ssh-rsa NEWKEY\n"u8, new AtomicWriteOptions
        {
            KeepBackup = true,
            BackupSuffix = SiblingNames.InertBackupSuffix,
        });

        Assert.Equal("ssh-rsa NEWKEY\n", File.ReadAllText(root.Combine("authorized_keys")));
        Assert.Equal("ssh-rsa OLDKEY\n", File.ReadAllText(root.Combine("authorized_keys.bak~")));
        Assert.Equal(["/authorized_keys", "/authorized_keys.bak~"], fs.ListDirectory("/"));
    }

    [Fact]
    public async Task A_backup_that_already_is_the_targets_inode_leaves_no_staging_link_even_when_nothing_is_stale()
    {
        // The same state with the default cutoff: nothing is swept, the staging link still goes.
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(root.Combine("hosts"), "old\n");
        await HardLinkAsync(root.Combine("hosts"), root.Combine("hosts.bak"));

        new AtomicFileWriter(fs).Write("/hosts", "new\n"u8, new AtomicWriteOptions { KeepBackup = true });

        Assert.Equal("new\n", File.ReadAllText(root.Combine("hosts")));
        Assert.Equal("old\n", File.ReadAllText(root.Combine("hosts.bak")));
        Assert.Equal(["/hosts", "/hosts.bak"], fs.ListDirectory("/"));
    }

    [Fact]
    public void The_journals_streamed_replacement_sweeps_its_own_leftovers_too()
    {
        using var root = new TemporaryDirectory();
        var target = root.Combine("xenstore-journal");
        File.WriteAllText(target, "old\n");
        File.WriteAllText(root.Combine($".xenstore-journal.{Hex}.tmp"), "killed compaction\n");
        File.WriteAllText(root.Combine($".other.{Hex}.tmp"), "not the journal's\n");

        AtomicFileWriter.ReplaceStreamed(target, UnixFileMode.UserRead | UnixFileMode.UserWrite, stream => stream.Write("new\n"u8), AfterEverythingHere, AnHourFromNow);

        Assert.Equal("new\n", File.ReadAllText(target));
        Assert.Equal(["xenstore-journal", $".other.{Hex}.tmp"], Directory.EnumerateFileSystemEntries(root.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).Reverse().ToArray());
    }

    private static async Task HardLinkAsync(string existing, string created) =>
        Assert.Equal(0, (await ExternalTool.RunAsync(ExternalTool.Require("ln", "coreutils"), [existing, created])).ExitCode);

    [Theory]
    [InlineData(".name.0123456789ab.tmp", "name", ".tmp", true)]
    [InlineData(".name.0123456789ab.bak.tmp", "name", ".bak.tmp", true)]
    [InlineData(".name.0123456789ab.bak.tmp", "name", ".tmp", false)]
    [InlineData(".name.0123456789abc.tmp", "name", ".tmp", false)]
    [InlineData(".name.0123456789aB.tmp", "name", ".tmp", false)]
    [InlineData(".nam.0123456789ab.tmp", "name", ".tmp", false)]
    [InlineData(".hosts.0123456789ab.tmp", "fstab", ".tmp", false)]
    [InlineData("name.0123456789ab.tmp", "name", ".tmp", false)]
    [InlineData(".name_0123456789ab.tmp", "name", ".tmp", false)]
    public void Only_exactly_the_writers_staging_pattern_matches(string entry, string name, string suffix, bool matches) =>
        Assert.Equal(matches, SiblingNames.IsStaging(entry, name, suffix));
}
