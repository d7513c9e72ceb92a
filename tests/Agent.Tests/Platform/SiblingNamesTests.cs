using System.Text;
using GuestAgent.Platform;

namespace GuestAgent.Tests.Platform;

public sealed class SiblingNamesTests
{
    private static int Bytes(string name) => Encoding.UTF8.GetByteCount(name);

    [Theory]
    [InlineData("interfaces", "interfaces.bak")]
    [InlineData("50-cloud-init.yaml", "50-cloud-init.yaml.bak")]
    public void A_name_with_room_for_it_gets_the_plain_bak(string name, string backup) =>
        Assert.Equal(backup, SiblingNames.Backup(name));

    [Fact]
    public void The_plain_form_is_kept_up_to_exactly_255_bytes()
    {
        var name = new string('a', 251);

        Assert.Equal(name + ".bak", SiblingNames.Backup(name));
    }

    [Theory]
    [InlineData(252, "n")]
    [InlineData(255, "n")]
    [InlineData(127, "\u00e9")]
    [InlineData(85, "\u2603")]
    [InlineData(63, "\U0001F600")]
    public void A_long_name_gets_a_backup_that_fits_cut_at_a_whole_character(int count, string character)
    {
        var name = string.Concat(Enumerable.Repeat(character, count));

        var backup = SiblingNames.Backup(name);

        Assert.InRange(Bytes(backup), 1, SiblingNames.MaxNameBytes);
        Assert.Matches(@"~[0-9a-f]{16}\.bak$", backup);
        var stem = backup[..backup.LastIndexOf('~')];
        Assert.StartsWith(stem, name, StringComparison.Ordinal);
        // A whole number of characters: the cut never splits a UTF-8 sequence or a surrogate pair.
        Assert.Equal(stem, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(stem)));
        Assert.True(Bytes(stem) > SiblingNames.MaxNameBytes - 4 - 21, "the cut keeps as much of the name as fits");
    }

    [Fact]
    public void The_same_name_always_gets_the_same_backup_and_different_names_different_ones()
    {
        var first = new string('x', 254) + "1";
        var second = new string('x', 254) + "2";

        Assert.Equal(SiblingNames.Backup(first), SiblingNames.Backup(new string('x', 254) + "1"));
        Assert.NotEqual(SiblingNames.Backup(first), SiblingNames.Backup(second));
    }

    [Theory]
    [InlineData("/etc/netctl/eth0", "/etc/netctl/eth0.bak")]
    [InlineData("relative", "relative.bak")]
    public void A_backup_path_stays_in_the_same_directory(string path, string backup) =>
        Assert.Equal(backup, SiblingNames.BackupPath(path));

    [Fact]
    public void A_long_backup_path_only_shortens_the_file_name()
    {
        var name = new string('p', 255);

        Assert.Equal("/etc/netctl/" + SiblingNames.Backup(name), SiblingNames.BackupPath("/etc/netctl/" + name));
    }

    [Theory]
    [InlineData("app", "app.bak~")]
    [InlineData("/etc/logrotate.d/app", "/etc/logrotate.d/app.bak~")]
    public void A_backup_may_end_in_another_suffix(string path, string backup) =>
        Assert.Equal(backup, SiblingNames.BackupPath(path, SiblingNames.InertBackupSuffix));

    [Theory]
    [InlineData(251)]
    [InlineData(255)]
    public void A_long_name_keeps_the_other_suffix_last_so_the_backup_still_ends_in_a_tilde(int length)
    {
        var name = new string('l', length);

        var backup = SiblingNames.Backup(name, SiblingNames.InertBackupSuffix);

        Assert.InRange(Bytes(backup), 1, SiblingNames.MaxNameBytes);
        Assert.Matches(@"~[0-9a-f]{16}\.bak~$", backup);
        Assert.NotEqual(SiblingNames.Backup(name), backup);
    }

    [Theory]
    [InlineData(1, ".tmp")]
    [InlineData(255, ".tmp")]
    [InlineData(255, ".bak.tmp")]
    public void Staging_names_are_hidden_unique_and_fit(int length, string suffix)
    {
        var name = new string('s', length);

        var staging = SiblingNames.Staging(name, suffix);

        Assert.StartsWith(".s", staging, StringComparison.Ordinal);
        Assert.EndsWith(suffix, staging, StringComparison.Ordinal);
        Assert.InRange(Bytes(staging), 1, SiblingNames.MaxNameBytes);
        Assert.NotEqual(staging, SiblingNames.Staging(name, suffix));
        Assert.StartsWith("/etc/.s", SiblingNames.StagingPath("/etc/" + name, suffix), StringComparison.Ordinal);
    }
}
