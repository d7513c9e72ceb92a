using GuestAgent.Exchanges;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Exchanges;

/// <summary>
/// A journal left wider than 0600 (an older agent, a restored backup) on a file system that is
/// read-only at start (<c>fchmod</c> failing with <c>EROFS</c>, as on a <c>/var</c> remounted read-only;
/// <c>UnwritableStateDirectoryTests</c> runs it on a real read-only tmpfs): its entries are still what
/// was answered, and are used, so a request seen again is answered from them, never run twice
/// (docs/xenstore.md, "Journal").
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ResponseJournalReadOnlyTests : IDisposable
{
    private const UnixFileMode Mode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private static readonly string Hash = ResponseJournal.Hash("request"u8);

    private readonly TemporaryDirectory _root = new("gajournal-ro-");

    [Fact]
    public void A_wider_journal_that_cannot_be_made_private_keeps_its_entries()
    {
        var path = _root.Combine("xenstore-journal");
        File.WriteAllText(path, $"boot\tboot-a\n1\t{Hash}\t{Convert.ToBase64String("answer"u8)}\n");
        File.SetUnixFileMode(path, Mode0644);
        var journal = new ResponseJournal(_root.Path, capacity: 4, bootId: "boot-a");
        JournalLoadResult load = default;

        Assert.NotEmpty(SyscallTrace.Failing(() => load = journal.Load(), "fchmod", "EROFS", path));

        Assert.Null(load.Failure);
        Assert.Equal(Mode0644, load.LeftWide);
        Assert.True(journal.TryGet("1", Hash, out var response));
        Assert.Equal("answer"u8.ToArray(), response);
        Assert.Equal(Mode0644, File.GetUnixFileMode(path));
    }

    [Fact]
    public void One_that_cannot_be_made_private_for_another_reason_is_not_used()
    {
        // EIO (a failing disk): not a file system that keeps everyone out of it. (EPERM and EACCES come
        // as UnauthorizedAccessException, which was never taken.)
        var path = _root.Combine("xenstore-journal");
        File.WriteAllText(path, $"boot\tboot-a\n1\t{Hash}\t{Convert.ToBase64String("answer"u8)}\n");
        File.SetUnixFileMode(path, Mode0644);
        var journal = new ResponseJournal(_root.Path, capacity: 4, bootId: "boot-a");
        JournalLoadResult load = default;

        Assert.NotEmpty(SyscallTrace.Failing(() => load = journal.Load(), "fchmod", "EIO", path));

        Assert.NotNull(load.Failure);
        Assert.Null(load.LeftWide);
        Assert.False(journal.TryGet("1", Hash, out _));
    }

    public void Dispose() => _root.Dispose();
}
