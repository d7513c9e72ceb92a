using System.Text;
using GuestAgent.Exchanges;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Exchanges;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ResponseJournalTests : IDisposable
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0644 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Mode0700 = Mode0600 | UnixFileMode.UserExecute;
    private static readonly string Hash = ResponseJournal.Hash("request"u8);

    private readonly TemporaryDirectory _root = new("gajournal-");

    [Fact]
    public void The_state_directory_is_created_private_whatever_the_umask()
    {
        // The tests run under umask 000 (HostileUmask), which would leave a plain mkdir at 0777.
        var state = _root.Combine("var", "lib", "guest-agent");
        var journal = new ResponseJournal(state, capacity: 4, bootId: "boot-a");

        var load = journal.Load();
        journal.Record("1", Hash, "answer"u8.ToArray());

        Assert.Null(load.Failure);
        Assert.Equal(Mode0700, File.GetUnixFileMode(state));
        Assert.Equal(Mode0600, File.GetUnixFileMode(Path.Combine(state, "xenstore-journal")));
    }

    [Fact]
    public void An_existing_state_directory_keeps_its_mode()
    {
        // The state directory may be configured to a shared one: its mode is not the agent's to change.
        File.SetUnixFileMode(_root.Path, Mode0644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);

        new ResponseJournal(_root.Path, capacity: 4, bootId: "boot-a").Load();

        Assert.Equal(Mode0644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute, File.GetUnixFileMode(_root.Path));
    }

    [Fact]
    public void An_existing_journal_of_this_boot_is_made_private_at_load_and_keeps_its_entries()
    {
        var path = _root.Combine("xenstore-journal");
        File.WriteAllText(path, $"boot\tboot-a\n1\t{Hash}\t{Convert.ToBase64String("answer"u8)}\n");
        File.SetUnixFileMode(path, Mode0644);
        var journal = new ResponseJournal(_root.Path, capacity: 4, bootId: "boot-a");

        var load = journal.Load();

        Assert.Null(load.Failure);
        Assert.Equal(Mode0600, File.GetUnixFileMode(path));
        Assert.True(journal.TryGet("1", Hash, out var response));
        Assert.Equal("answer"u8.ToArray(), response);
    }

    [Fact]
    public void A_compacted_journal_is_private_and_leaves_no_temp_file()
    {
        var journal = new ResponseJournal(_root.Path, capacity: 2, bootId: "boot-a");
        journal.Load();

        // Twice the capacity in lines (boot line included) triggers a compaction.
        for (var i = 0; i < 6; i++)
        {
            journal.Record(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Hash, "answer"u8.ToArray());
        }

        var path = _root.Combine("xenstore-journal");
        Assert.Equal(Mode0600, File.GetUnixFileMode(path));
        Assert.Equal(["xenstore-journal"], Directory.EnumerateFileSystemEntries(_root.Path).Select(Path.GetFileName));
        Assert.True(File.ReadAllLines(path).Length <= 4);
        Assert.True(journal.TryGet("5", Hash, out _));
    }

    [Fact]
    public void A_link_planted_at_the_old_fixed_temp_name_is_not_followed()
    {
        // The journal of another boot is rewritten at load: the compaction an older version did
        // through "xenstore-journal.tmp", truncating whatever a link there pointed to.
        var victim = _root.Combine("victim");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(_root.Combine("xenstore-journal.tmp"), victim);
        File.WriteAllText(_root.Combine("xenstore-journal"), $"boot\tboot-old\n1\t{Hash}\t{Convert.ToBase64String("old"u8)}\n");
        var journal = new ResponseJournal(_root.Path, capacity: 4, bootId: "boot-a");

        var load = journal.Load();

        Assert.Null(load.Failure);
        Assert.Equal(1, load.Dropped);
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Equal(["boot\tboot-a"], File.ReadAllLines(_root.Combine("xenstore-journal")));
        Assert.Equal(Mode0600, File.GetUnixFileMode(_root.Combine("xenstore-journal")));
    }

    [Fact]
    public void A_link_at_the_journal_name_is_replaced_never_read_through_or_changed()
    {
        var victim = _root.Combine("victim");
        File.WriteAllText(victim, $"boot\tboot-a\n1\t{Hash}\t{Convert.ToBase64String("planted"u8)}\n");
        File.SetUnixFileMode(victim, Mode0644);
        var path = _root.Combine("xenstore-journal");
        File.CreateSymbolicLink(path, victim);
        var journal = new ResponseJournal(_root.Path, capacity: 4, bootId: "boot-a");

        var load = journal.Load();
        journal.Record("2", Hash, "answer"u8.ToArray());

        Assert.Null(load.Failure);
        Assert.False(journal.TryGet("1", Hash, out _));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal(Mode0644, File.GetUnixFileMode(victim));
        Assert.Equal(2, File.ReadAllLines(victim).Length);
        Assert.Equal(2, File.ReadAllLines(path).Length);
    }

    [Fact]
    public void A_state_directory_that_cannot_be_created_leaves_a_journal_in_memory()
    {
        var blocker = _root.Combine("file");
        File.WriteAllText(blocker, "a file");
        var journal = new ResponseJournal(Path.Combine(blocker, "state"), capacity: 4, bootId: "boot-a");

        var load = journal.Load();
        journal.Record("1", Hash, "answer"u8.ToArray());

        Assert.IsAssignableFrom<IOException>(load.Failure);
        Assert.True(journal.TryGet("1", Hash, out var response));
        Assert.Equal("answer"u8.ToArray(), response);
        Assert.Equal("a file", File.ReadAllText(blocker));
    }

    [Fact]
    public void A_journal_of_another_boot_that_cannot_be_rewritten_is_not_trusted()
    {
        // A directory where the compaction must rename its file: the rewrite fails after the read.
        var path = _root.Combine("xenstore-journal");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "x"), "");
        var journal = new ResponseJournal(_root.Path, capacity: 4, bootId: "boot-a");

        var load = journal.Load();
        journal.Record("1", Hash, "answer"u8.ToArray());

        Assert.NotNull(load.Failure);
        Assert.True(journal.TryGet("1", Hash, out _));
        Assert.Equal(["xenstore-journal"], Directory.EnumerateFileSystemEntries(_root.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_journal_loaded_fine_that_then_cannot_be_written_fails_once_and_keeps_answers_in_memory()
    {
        // As on a restart in the same boot with /var gone read-only or full: the file loads, but
        // appending fails. Here its directory is swapped for a regular file after the load.
        var state = _root.Combine("state");
        FixtureDirectories.Create(state);
        File.WriteAllText(Path.Combine(state, "xenstore-journal"), $"boot\tboot-a\n0\t{Hash}\t{Convert.ToBase64String("earlier"u8)}\n");
        var journal = new ResponseJournal(state, capacity: 16, bootId: "boot-a");
        Assert.Null(journal.Load().Failure);
        Directory.Move(state, _root.Combine("moved"));
        File.WriteAllText(state, "a file");

        Assert.ThrowsAny<IOException>(() => journal.Record("1", Hash, "first"u8.ToArray()));
        for (var i = 2; i <= 10; i++)
        {
            journal.Record(i.ToString(System.Globalization.CultureInfo.InvariantCulture), Hash, "later"u8.ToArray());
        }

        Assert.True(journal.TryGet("0", Hash, out _));
        Assert.True(journal.TryGet("1", Hash, out var first));
        Assert.Equal("first"u8.ToArray(), first);
        Assert.True(journal.TryGet("10", Hash, out var last));
        Assert.Equal("later"u8.ToArray(), last);
        Assert.Equal("a file", File.ReadAllText(state));
    }

    [Fact]
    public void Recording_an_answer_again_says_whether_it_is_in_the_file_now()
    {
        // As a host retrying PutResponseAsync after a failed delivery: the same answer recorded twice.
        var state = _root.Combine("state");
        var journal = new ResponseJournal(state, capacity: 16, bootId: "boot-a");
        Assert.Null(journal.Load().Failure);

        Assert.True(journal.Record("1", Hash, "written"u8.ToArray()));
        Assert.True(journal.Record("1", Hash, "written"u8.ToArray()));
        Assert.False(journal.Record("2", Hash, "session's"u8.ToArray(), durable: false));
        Assert.False(journal.Record("2", Hash, "session's"u8.ToArray(), durable: false));

        // The journal goes memory-only: an answer whose write failed is not in the file when recorded again.
        Directory.Move(state, _root.Combine("moved"));
        File.WriteAllText(state, "a file");
        Assert.ThrowsAny<IOException>(() => journal.Record("3", Hash, "unwritten"u8.ToArray()));
        Assert.False(journal.Record("3", Hash, "unwritten"u8.ToArray()));
        Assert.False(journal.Record("4", Hash, "later"u8.ToArray()));
    }

    [Fact]
    public void An_entry_appended_after_a_torn_last_line_is_read_back_and_the_torn_one_is_dropped()
    {
        var path = _root.Combine("xenstore-journal");
        var first = new ResponseJournal(_root.Path, capacity: 16, bootId: "boot-a");
        first.Load();
        first.Record("kept", Hash, "kept answer"u8.ToArray());
        first.Record("torn", Hash, "an answer long enough to be cut"u8.ToArray());
        // As a crash, power cut or full disk mid-append leaves it: the last line without its end.
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(stream.Length - 6);
        }

        var second = new ResponseJournal(_root.Path, capacity: 16, bootId: "boot-a");
        var load = second.Load();
        second.Record("after", Hash, "after answer"u8.ToArray());
        var third = new ResponseJournal(_root.Path, capacity: 16, bootId: "boot-a");
        var reload = third.Load();

        Assert.Null(load.Failure);
        Assert.Equal(1, load.Damaged);
        Assert.Equal(0, reload.Damaged);
        Assert.False(second.TryGet("torn", Hash, out _));
        Assert.True(third.TryGet("after", Hash, out var after));
        Assert.Equal("after answer"u8.ToArray(), after);
        Assert.True(third.TryGet("kept", Hash, out var kept));
        Assert.Equal("kept answer"u8.ToArray(), kept);
        Assert.False(third.TryGet("torn", Hash, out _));
        Assert.Equal(["boot", "kept", "after"], File.ReadAllLines(path).Select(line => line.Split('\t')[0]));
        Assert.EndsWith("\n", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(Mode0600, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_last_line_without_its_newline_is_not_trusted_even_when_it_parses()
    {
        // "QUJD" is "ABC": a response cut at a multiple of four base64 characters still decodes, to
        // an answer that was never the command's.
        var path = _root.Combine("xenstore-journal");
        File.WriteAllText(path, $"boot\tboot-a\n1\t{Hash}\t{Convert.ToBase64String("whole"u8)}\n2\t{Hash}\tQUJD");
        var journal = new ResponseJournal(_root.Path, capacity: 4, bootId: "boot-a");

        var load = journal.Load();

        Assert.Equal(1, load.Damaged);
        Assert.True(journal.TryGet("1", Hash, out _));
        Assert.False(journal.TryGet("2", Hash, out _));
        Assert.Equal($"boot\tboot-a\n1\t{Hash}\t{Convert.ToBase64String("whole"u8)}\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_line_an_earlier_version_appended_to_a_torn_one_is_dropped_and_the_file_cleaned()
    {
        // What an agent that appended without checking left: the torn entry and the next one on one line.
        var path = _root.Combine("xenstore-journal");
        var merged = $"1\t{Hash}\tYW5zd2Vy2\t{Hash}\t{Convert.ToBase64String("second"u8)}";
        File.WriteAllText(path, $"boot\tboot-a\n{merged}\n3\t{Hash}\t{Convert.ToBase64String("third"u8)}\n");
        var journal = new ResponseJournal(_root.Path, capacity: 4, bootId: "boot-a");

        var load = journal.Load();

        Assert.Equal(1, load.Damaged);
        Assert.False(journal.TryGet("1", Hash, out _));
        Assert.True(journal.TryGet("3", Hash, out _));
        Assert.Equal(["boot\tboot-a", $"3\t{Hash}\t{Convert.ToBase64String("third"u8)}"], File.ReadAllLines(path));
    }

    [Fact]
    public void An_undamaged_journal_of_this_boot_is_left_as_it_is_at_load()
    {
        var path = _root.Combine("xenstore-journal");
        File.WriteAllText(path, $"boot\tboot-a\n1\t{Hash}\t{Convert.ToBase64String("answer"u8)}\n");
        File.SetUnixFileMode(path, Mode0600);
        File.SetLastWriteTimeUtc(path, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var load = new ResponseJournal(_root.Path, capacity: 4, bootId: "boot-a").Load();

        Assert.Equal(0, load.Damaged);
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Only_the_last_capacity_answers_are_kept_in_memory_and_after_a_reload()
    {
        var journal = new ResponseJournal(_root.Path, capacity: 3, bootId: "boot-a");
        journal.Load();
        foreach (var id in new[] { "1", "2", "3", "4" })
        {
            journal.Record(id, Hash, Encoding.ASCII.GetBytes("answer " + id));
        }

        var reloaded = new ResponseJournal(_root.Path, capacity: 3, bootId: "boot-a");
        reloaded.Load();

        foreach (var kept in new[] { journal, reloaded })
        {
            Assert.False(kept.TryGet("1", Hash, out _));
            Assert.All(new[] { "2", "3", "4" }, id => Assert.True(kept.TryGet(id, Hash, out _), id));
        }
    }

    [Fact]
    public void An_answer_kept_in_memory_only_stays_so_when_it_is_replaced()
    {
        // An answer bound to this process (a keyinit's public key) that XenStore refused and that is
        // replaced by an error must not reach the file: a restarted agent would replay it.
        var journal = new ResponseJournal(_root.Path, capacity: 4, bootId: "boot-a");
        journal.Load();
        journal.Record("1", Hash, "D0 answer"u8.ToArray(), durable: false);
        journal.Record("2", Hash, "durable answer"u8.ToArray());

        journal.Replace("1", Hash, "shorter error"u8);
        journal.Replace("2", Hash, "shorter error"u8);

        Assert.True(journal.TryGet("1", Hash, out var inMemory));
        Assert.Equal("shorter error"u8.ToArray(), inMemory);
        var reloaded = new ResponseJournal(_root.Path, capacity: 4, bootId: "boot-a");
        reloaded.Load();
        Assert.False(reloaded.TryGet("1", Hash, out _));
        Assert.True(reloaded.TryGet("2", Hash, out var durable));
        Assert.Equal("shorter error"u8.ToArray(), durable);
    }

    public void Dispose() => _root.Dispose();
}
