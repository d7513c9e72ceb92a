using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Daemon.Cli;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Daemon.Tests.Verbs;

/// <summary>
/// <c>run</c> rolls back an unfinished <c>resetnetwork</c> first thing, before XenStore is even
/// needed (here it is unreachable, so the run ends right after), and a record it cannot read never
/// stops it from going on. What an <c>agentupdate</c> it was killed in left staged is cleared then too,
/// and the old RHN system id a killed <c>kmsactivate</c> left aside is put back.
/// </summary>
public sealed class RunVerbRecoveryTests : IDisposable
{
    private const string RecordPath = "var/lib/guest-agent/resetnetwork/transaction.json";
    private readonly TemporaryDirectory _directory = new("guest-agent-recovery-");

    public RunVerbRecoveryTests()
    {
        FixtureDirectories.Create(Root);
        FixtureDirectories.Create(Path.Combine(Root, "etc"));
        File.WriteAllText(Path.Combine(Root, "etc/hostname"), "old-name\n");
        File.WriteAllText(_directory.Combine("agent.json"), "{}");
    }

    private string Root => _directory.Combine("root");

    [Fact]
    public async Task A_change_the_last_run_was_killed_in_is_rolled_back_before_xenstore_is_reached()
    {
        // The last run died in `netplan apply`, the new file written.
        var system = AgentSystem.ForRoot(Root) with { Processes = new DyingRunner() };
        await Assert.ThrowsAsync<InvalidProgramException>(() => new NetworkApplier(system, NullLogger.Instance).ApplyAsync(
            new RenderResult([new RenderedFile("/etc/hostname", "new-name\n", RenderedFile.Public)], []),
            new ApplyPlan([], [ApplyStep.Run("netplan", "apply")]),
            TestContext.Current.CancellationToken));
        Assert.Equal("new-name\n", File.ReadAllText(Path.Combine(Root, "etc/hostname")));

        var (code, error) = await RunAsync();

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("<4>NetworkRecovery: resetnetwork: the resetnetwork started at ", error, StringComparison.Ordinal);
        Assert.Contains("did not finish (the agent stopped while applying them); its 1 previous file was restored and applied again", error, StringComparison.Ordinal);
        Assert.Contains("guest-agent: XenStore is unreachable", error, StringComparison.Ordinal);
        Assert.Equal("old-name\n", File.ReadAllText(Path.Combine(Root, "etc/hostname")));
        Assert.Equal("netplan apply\n", File.ReadAllText(Path.Combine(Root, "var/lib/guest-agent/actions.log")));
        Assert.False(File.Exists(Path.Combine(Root, RecordPath)));
    }

    [Fact]
    public async Task A_record_that_cannot_be_read_is_set_aside_and_the_agent_goes_on()
    {
        WriteTruncatedRecord();

        var (code, error) = await RunAsync();

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("<3>NetworkRecovery: resetnetwork: the record of an unfinished resetnetwork", error, StringComparison.Ordinal);
        // It went on to connect, as it would to serve.
        Assert.Contains("guest-agent: XenStore is unreachable", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Root, RecordPath)));
        Assert.Single(Directory.GetFiles(Path.Combine(Root, "var/lib/guest-agent/resetnetwork"), "transaction.unreadable-*.json"));
        Assert.Equal("old-name\n", File.ReadAllText(Path.Combine(Root, "etc/hostname")));
    }

    [Fact]
    public async Task What_an_update_the_last_run_was_killed_in_left_staged_is_removed_before_xenstore_is_reached()
    {
        var stale = Path.Combine(Root, "var/lib/guest-agent/updates/894d9c1eebdd43f2");
        FixtureDirectories.Create(Path.Combine(stale, "tree"));
        File.WriteAllText(Path.Combine(stale, "download"), "the first 19 MB");

        var (code, error) = await RunAsync();

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains(
            "<4>UpdateStagingRecovery: agentupdate: removed 1 leftovers of updates that did not finish from /var/lib/guest-agent/updates: 894d9c1eebdd43f2",
            error,
            StringComparison.Ordinal);
        Assert.Contains("guest-agent: XenStore is unreachable", error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Root, "var/lib/guest-agent/updates")));
    }

    [Fact]
    public async Task The_old_systemid_a_killed_kmsactivate_left_aside_is_moved_back_before_xenstore_is_reached()
    {
        var rhn = Path.Combine(Root, "etc/sysconfig/rhn");
        FixtureDirectories.Create(rhn);
        File.WriteAllText(Path.Combine(rhn, ".systemid.0123456789ab.kmsactivate"), "old registration");

        var (code, error) = await RunAsync();

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("<4>KmsActivationRecovery: kmsactivate: an activation the agent was stopped in left the old system id aside; moved .systemid.0123456789ab.kmsactivate back", error, StringComparison.Ordinal);
        Assert.Contains("guest-agent: XenStore is unreachable", error, StringComparison.Ordinal);
        Assert.Equal(["systemid"], Directory.GetFileSystemEntries(rhn).Select(Path.GetFileName));
        Assert.Equal("old registration", File.ReadAllText(Path.Combine(rhn, "systemid")));
    }

    [Fact]
    public async Task The_recoveries_run_in_order_and_one_that_fails_does_not_stop_the_next()
    {
        // An unreadable resetnetwork record (its recovery fails, logged), a staged update and an aside system id.
        WriteTruncatedRecord();
        FixtureDirectories.Create(Path.Combine(Root, "var/lib/guest-agent/updates/894d9c1eebdd43f2"));
        var rhn = Path.Combine(Root, "etc/sysconfig/rhn");
        FixtureDirectories.Create(rhn);
        File.WriteAllText(Path.Combine(rhn, ".systemid.0123456789ab.kmsactivate"), "old registration");

        var (code, error) = await RunAsync();

        Assert.Equal(ExitCodes.Failure, code);
        int[] order =
        [
            error.IndexOf("<3>NetworkRecovery: resetnetwork: the record of an unfinished resetnetwork", StringComparison.Ordinal),
            error.IndexOf("<4>UpdateStagingRecovery: agentupdate: removed 1 leftovers", StringComparison.Ordinal),
            error.IndexOf("<4>KmsActivationRecovery: kmsactivate: an activation the agent was stopped in left the old system id aside", StringComparison.Ordinal),
            error.IndexOf("guest-agent: XenStore is unreachable", StringComparison.Ordinal),
        ];
        Assert.True(order[0] >= 0 && order.Order().SequenceEqual(order), error);
        Assert.Equal("old registration", File.ReadAllText(Path.Combine(rhn, "systemid")));
    }

    /// <summary>
    /// A record cut short, private in root's directories as the agent makes it: left to the tests' umask 000,
    /// others could write it, and it would be set aside as untrusted instead of unreadable.
    /// </summary>
    private void WriteTruncatedRecord()
    {
        var record = Path.Combine(Root, RecordPath);
        FixtureDirectories.Create(Path.GetDirectoryName(record)!);
        File.WriteAllText(record, "{\"version\": 1, \"pha");
        File.SetUnixFileMode(record, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public void Dispose() => _directory.Dispose();

    private async Task<(int Code, string Error)> RunAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(
            ["run", "--root", Root, "--config", _directory.Combine("agent.json"), "--xenstore", _directory.Combine("no-xenstore.sock")],
            new StandardStreams(TextReader.Null, output, error),
            TestContext.Current.CancellationToken);
        return (code, error.ToString());
    }

    /// <summary>The agent killed while the program runs: nothing after it happens.</summary>
    private sealed class DyingRunner : IProcessRunner
    {
        public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default) =>
            throw new InvalidProgramException("killed");
    }
}
