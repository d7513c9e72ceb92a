using System.Text.RegularExpressions;
using GuestAgent.XenStore.Tests.Infrastructure;

namespace GuestAgent.XenStore.Tests.Conformance;

/// <summary>
/// The embedded server under the Xen project's own XenStore test program, test-xenstore
/// (tools/tests/xenstore, Debian xen-utils-4.17), through libxenstore. Each of its tests writes its
/// nodes under <c>xenstore-test/PID</c> (relative: dom0's home), runs, then checks the store;
/// a failure prints <c>NAME: failed (ret = ERRNO, stage STAGE)</c>, stops the run and exits 3.
/// A passing test prints its timing, except in random mode (<c>-r</c>), which prints nothing but
/// failures. Two things pass silently, so they are asserted here: a <c>-t</c> naming no test runs
/// nothing and exits 0, and a transaction test whose commits answer EAGAIN 100 times in a row gives
/// up and passes, leaving only the "Exhaustive transaction retries" line at the end.
/// </summary>
public sealed class XenTestProgramTests : IAsyncLifetime
{
    private const string Program = "test-xenstore";
    private const string TestRoot = "/local/domain/0/xenstore-test";

    /// <summary>A safety net only: it turns an event that never comes into a failure instead of a hang.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(1);

    /// <summary>The tests test-xenstore 4.17 has, in its order.</summary>
    private static readonly string[] TestNames =
    [
        "read 1", "read 2000", "write 1", "write 2000", "dir", "rm node", "rm dir",
        "ta empty", "ta empty x", "ta rmw", "ta rmw x", "ta err",
    ];

    private readonly EmbeddedXenStore _store = new();

    public static TheoryData<string> Tests => [.. TestNames];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task It_lists_the_tests_this_class_runs()
    {
        var result = await XenUtils.RunAsync(_store.Dom0Socket, Program, "-l");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(TestNames, Lines(result.StandardOutput).Select(line => line[..line.IndexOf(':', StringComparison.Ordinal)].TrimEnd()));
    }

    [Fact]
    public async Task Every_test_passes_in_one_run()
    {
        var result = await XenUtils.RunAsync(_store.Dom0Socket, Program);

        AssertPassed(result, TestNames.Select(name => Timing(name, @"\d+ ns")));
    }

    [Theory]
    [MemberData(nameof(Tests))]
    public async Task Each_test_passes_twenty_times_over(string test)
    {
        var result = await XenUtils.RunAsync(_store.Dom0Socket, Program, "-t", test, "-i", "20");

        AssertPassed(result, [Timing(test, @"avg: \d+ ns \(\d+ ns \.\. \d+ ns\)")]);
    }

    [Fact]
    public async Task A_random_run_of_two_seconds_passes()
    {
        await using var client = await _store.Dom0Async();
        await using var watch = await client.WatchAsync(TestRoot);
        Assert.Equal(TestRoot, (await watch.Events.ReadAsync().AsTask().WaitAsync(Hang)).Path);

        var result = await XenUtils.RunAsync(_store.Dom0Socket, Program, "-r", "2", "-i", "3");

        // Random mode prints only failures, so the watch is what shows the tests ran at all.
        AssertPassed(result, []);
        Assert.StartsWith(TestRoot + "/", (await watch.Events.ReadAsync().AsTask().WaitAsync(Hang)).Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transaction_test_whose_commits_always_conflict_passes_with_only_a_closing_line_to_say_so()
    {
        // Why the passing runs above assert that this line is absent: the exit code does not tell.
        _store.Server.ForceTransactionConflicts(100);

        var result = await XenUtils.RunAsync(_store.Dom0Socket, Program, "-t", "ta empty");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(Timing("ta empty", @"\d+ ns"), Lines(result.StandardOutput)[0]);
        Assert.Equal("Exhaustive transaction retries (100) occurred 1 times.", Lines(result.StandardOutput)[1]);
        Assert.Equal(100, _store.Server.TransactionConflicts);
    }

    [Fact]
    public async Task A_guest_connection_fails_the_first_test_as_it_may_not_create_nodes_in_its_home()
    {
        // The guest's home is dom0's, readable by the guest (as a toolstack makes it), so creating
        // xenstore-test/PID there answers EACCES (13) before the first test's own setup.
        var result = await XenUtils.RunAsync(_store.GuestSocket, Program);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["read 1    : failed (ret = 13, stage pre-init)"], Lines(result.StandardOutput));
        Assert.Null(_store.Server.TryRead(EmbeddedXenStore.GuestHome + "/xenstore-test"));
    }

    private void AssertPassed(Testing.ToolResult result, IEnumerable<string> expectedLines)
    {
        Assert.True(result.ExitCode == 0, $"{Program} exited {result.ExitCode}: {result.StandardOutput}{result.StandardError}");
        var lines = Lines(result.StandardOutput);
        var patterns = expectedLines.ToList();
        Assert.True(lines.Length == patterns.Count, $"expected {patterns.Count} lines, got:\n{result.StandardOutput}");
        foreach (var (pattern, line) in patterns.Zip(lines))
        {
            Assert.Matches(pattern, line);
        }

        Assert.Equal("", result.StandardError);

        // Its clean-up runs only after every test passed: it removes the run's nodes and, in a
        // transaction, xenstore-test itself once empty.
        Assert.Null(_store.Server.TryRead(TestRoot));
    }

    /// <summary>A test's passing line: its name padded to 10 (<c>%-10s</c>), a colon, the timing.</summary>
    private static string Timing(string test, string timing) => "^" + Regex.Escape(test.PadRight(10)) + ": " + timing + "$";

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
