using GuestAgent.Exchanges;
using GuestAgent.Testing;
using GuestAgent.Tests.Platform;

namespace GuestAgent.Tests.Exchanges;

/// <summary>
/// The journal's load looks at its file once (<c>O_PATH|O_NOFOLLOW</c>) and reads it, and makes it
/// private, through the inode it found: never a status read by name and then an open by name (the old
/// code), between which a link or FIFO put at the path was followed or opened, and another file read
/// and chmodded by a decision made on the first. strace shows every <c>openat</c> naming the file.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ResponseJournalLookTests
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void A_journal_of_this_boot_is_read_and_made_private_through_the_file_looked_at()
    {
        using var root = new TemporaryDirectory("gajournal-");
        var path = root.Combine("xenstore-journal");
        var hash = ResponseJournal.Hash("request"u8);
        File.WriteAllText(path, $"boot\tboot-a\n1\t{hash}\t{Convert.ToBase64String("answer"u8)}\n");
        File.SetUnixFileMode(path, Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var journal = new ResponseJournal(root.Path, capacity: 4, bootId: "boot-a");
        var load = default(JournalLoadResult);

        var opens = SyscallTrace.Calls(() => load = journal.Load(), "openat");

        Assert.Null(load.Failure);
        Assert.True(journal.TryGet("1", hash, out var response));
        Assert.Equal("answer"u8.ToArray(), response);
        Assert.Equal(Mode0600, File.GetUnixFileMode(path));
        ReadInPlaceOpenTests.AssertOnlyLookedAt(opens, "xenstore-journal\", O_RDONLY");
    }
}
