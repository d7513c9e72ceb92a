using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// The record of a <c>resetnetwork</c> is read from one look at it and written private in one go:
/// the file whose owner and mode are checked is the one read, and the mode is the writer's, set
/// before the rename. Here the path is swapped right after its first look by name, as a race would;
/// the old code checked the record by status and then read it by name (reading a record renamed
/// over it in between), and made an older, wider record private by a <c>chmod</c> by name after the
/// write (following a link put there in between, to whatever file it names).
/// </summary>
public sealed class TransactionStoreOneLookTests
{
    private const string StateDirectory = "/var/lib/guest-agent";
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0644 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static readonly TransactionRecord Checked = new(TransactionPhase.Applying, DateTimeOffset.UnixEpoch, [], ["/etc/checked"], [], [], [], null);
    private static readonly TransactionRecord Planted = new(TransactionPhase.Applying, DateTimeOffset.UnixEpoch, [], ["/etc/planted"], [], [], [], null);

    [Fact]
    public void The_record_read_is_the_one_looked_at_not_one_renamed_over_it_since()
    {
        using var root = new CommandRoot();
        var store = new TransactionStore(root.System, StateDirectory, NullLogger.Instance);
        store.Write(Checked);
        var record = root.HostPath(store.RecordPath);
        File.WriteAllBytes(record + ".swap", TransactionRecordFormat.Write(Planted));
        File.SetUnixFileMode(record + ".swap", Mode0600);
        var swapping = new SwappingFileSystem(root.System.FileSystem, store.RecordPath, () => File.Move(record + ".swap", record, overwrite: true));

        var read = new TransactionStore(root.System with { FileSystem = swapping }, StateDirectory, NullLogger.Instance).Read();

        Assert.Equal(["/etc/checked"], read.Removals);
    }

    [Fact]
    public void The_record_checked_is_the_one_read_so_one_writable_by_others_is_refused_though_a_private_one_replaced_it()
    {
        using var root = new CommandRoot();
        var store = new TransactionStore(root.System, StateDirectory, NullLogger.Instance);
        store.Write(Planted);
        var record = root.HostPath(store.RecordPath);
        File.SetUnixFileMode(record, Mode0600 | UnixFileMode.OtherWrite);
        File.WriteAllBytes(record + ".swap", TransactionRecordFormat.Write(Checked));
        File.SetUnixFileMode(record + ".swap", Mode0600);
        var swapping = new SwappingFileSystem(root.System.FileSystem, store.RecordPath, () => File.Move(record + ".swap", record, overwrite: true));

        var error = Assert.Throws<UntrustedRecordException>(new TransactionStore(root.System with { FileSystem = swapping }, StateDirectory, NullLogger.Instance).Read);

        Assert.Equal("it is writable by its group or others", error.Message);
    }

    [Fact]
    public void A_wider_record_is_rewritten_private_without_a_chmod_by_name_that_a_link_put_there_would_follow()
    {
        using var root = new CommandRoot();
        var store = new TransactionStore(root.System, StateDirectory, NullLogger.Instance);
        store.Write(Checked);
        var record = root.HostPath(store.RecordPath);
        File.SetUnixFileMode(record, Mode0644);
        root.WriteFile("/etc/victim", "someone else's\n", "644");
        var swapping = new SwappingFileSystem(root.System.FileSystem, store.RecordPath, () =>
        {
            File.CreateSymbolicLink(record + ".swap", root.HostPath("/etc/victim"));
            File.Move(record + ".swap", record, overwrite: true);
        });

        new TransactionStore(root.System with { FileSystem = swapping }, StateDirectory, NullLogger.Instance).Write(Planted);

        Assert.Equal(Mode0644, File.GetUnixFileMode(root.HostPath("/etc/victim")));
        Assert.Null(new FileInfo(record).LinkTarget);
        Assert.Equal(Mode0600, File.GetUnixFileMode(record));
        Assert.Equal(["/etc/planted"], store.Read().Removals);
    }
}
