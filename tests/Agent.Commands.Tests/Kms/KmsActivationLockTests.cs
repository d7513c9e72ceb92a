using System.Text.Json;
using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Hosting;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Tests.Kms;

/// <summary>
/// One activation at a time: a <c>kmsactivate</c> that overlaps one in progress (in this process, as
/// two exchanges' loops would run them) waits for it and then saves the registration that one left,
/// or, when it is not done in time, is refused with nothing changed; a start-up recovery that finds an
/// activation in progress leaves its hidden <c>systemid</c> alone. The first activation is held inside
/// <c>rhnreg_ks</c> by an event, never by timing.
/// </summary>
public sealed class KmsActivationLockTests : IDisposable
{
    private const string Up2Date = "/etc/sysconfig/rhn/up2date";
    private const string SystemId = "/etc/sysconfig/rhn/systemid";
    private const string LockFile = "/var/lib/guest-agent/kmsactivate.lock";
    private const string OldSystemId = "<?xml version=\"1.0\"?><params><!-- the old registration --></params>\n";
    private const string FirstRequest = """{"activation_key":"1-FIRST","profile":"web01","domains":["rhn-first.example.com"]}""";
    private const string SecondRequest = """{"activation_key":"1-SECOND","profile":"web01","domains":["rhn-second.example.com"]}""";

    private readonly CommandRoot _root;
    private readonly ManualResetEventSlim _firstInRhnregKs = new();
    private readonly ManualResetEventSlim _releaseFirst = new();
    private readonly TaskCompletionSource _secondInRhnregKs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public KmsActivationLockTests()
    {
        // The first activation's rhnreg_ks: it stops until released, then registers.
        _root = new CommandRoot(processes: new ScriptedProcessRunner(_ =>
        {
            _firstInRhnregKs.Set();
            _releaseFirst.Wait(TestContext.Current.CancellationToken);
            File.WriteAllText(HostPath(SystemId), "registration of the first");
            return new ProcessResult(0, "", "");
        }));
        _root.WriteFile("/etc/os-release", "ID=rhel\n");
        _root.WriteFile(Up2Date, "serverURL=https://old.example.com/XMLRPC\n", "644");
        _root.WriteFile(SystemId, OldSystemId, "600");
    }

    [Fact]
    public async Task A_second_activation_waits_for_the_first_and_its_failure_puts_back_the_first_ones_registration()
    {
        var first = StartBlockedFirst();
        var clock = new RetryObservingTimeProvider(TimeSpan.FromSeconds(1));
        var rhnregKs = new ScriptedProcessRunner(_ =>
        {
            _secondInRhnregKs.TrySetResult();
            return new ProcessResult(1, "", "Invalid activation key");
        });
        var second = Task.Run(
            () => KmsActivateCommand.KmsActivate(Json(SecondRequest), SecondContext(rhnregKs, clock, new KmsActivateOptions { LockTimeout = Timeout.InfiniteTimeSpan })),
            TestContext.Current.CancellationToken);

        // Either it found the lock held and waits for it, or (unlocked) it ran rhnreg_ks beside the first.
        var happened = await Task.WhenAny(clock.Retrying, _secondInRhnregKs.Task).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.Same(clock.Retrying, happened);
        Assert.False(second.IsCompleted);
        Assert.Empty(rhnregKs.Calls);
        Assert.True(File.Exists(HostPath(LockFile)));

        _releaseFirst.Set();
        Assert.Equal(CommandResult.Ok(), await first);
        var error = await Assert.ThrowsAsync<CommandException>(() => second);

        Assert.Equal("Couldn't activate with RHN: 1", error.Message);
        Assert.Single(rhnregKs.Calls);
        // The second's rollback put back what the first made, not the registration before both.
        Assert.Equal("registration of the first", File.ReadAllText(HostPath(SystemId)));
        Assert.Contains("serverURL=https://rhn-first.example.com/XMLRPC;", File.ReadAllText(HostPath(Up2Date)), StringComparison.Ordinal);
        Assert.Equal([SystemId, Up2Date], _root.System.FileSystem.ListDirectory("/etc/sysconfig/rhn"));
    }

    [Fact]
    public async Task A_second_activation_still_waiting_when_its_lock_timeout_runs_out_is_refused_and_changes_nothing()
    {
        var first = StartBlockedFirst();
        var duringFirst = TreeSnapshot.TakeExceptState(_root.System.FileSystem.Root);
        var clock = new RetryObservingManualClock(TimeSpan.FromSeconds(0.5));
        var rhnregKs = new ScriptedProcessRunner(_ =>
        {
            _secondInRhnregKs.TrySetResult();
            return new ProcessResult(0, "", "");
        });

        var refused = Assert.ThrowsAsync<CommandException>(() =>
            KmsActivateCommand.KmsActivate(Json(SecondRequest), SecondContext(rhnregKs, clock, new KmsActivateOptions { LockTimeout = TimeSpan.FromSeconds(1) })));
        // Once the second has found the lock held and waits for it, its second runs out.
        var happened = await Task.WhenAny(clock.Retrying, _secondInRhnregKs.Task).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.Same(clock.Retrying, happened);
        clock.Advance(TimeSpan.FromSeconds(1));
        var error = await refused.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal("Another kmsactivate is in progress and was still running after 1 s; nothing was changed", error.Message);
        Assert.Empty(rhnregKs.Calls);
        Assert.Equal(duringFirst, TreeSnapshot.TakeExceptState(_root.System.FileSystem.Root));

        _releaseFirst.Set();
        Assert.Equal(CommandResult.Ok(), await first);
        Assert.Equal("registration of the first", File.ReadAllText(HostPath(SystemId)));
        Assert.Contains("serverURL=https://rhn-first.example.com/XMLRPC;", File.ReadAllText(HostPath(Up2Date)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recovery_that_finds_an_activation_in_progress_leaves_its_hidden_systemid_alone()
    {
        var first = StartBlockedFirst();
        var aside = Assert.Single(Directory.GetFiles(HostPath("/etc/sysconfig/rhn"), ".systemid.*"));
        var logger = new RecordingLogger<KmsActivationRecovery>();

        Assert.Empty(new KmsActivationRecovery(_root.System, logger: logger).Recover());

        Assert.Equal(OldSystemId, File.ReadAllText(aside));
        Assert.False(File.Exists(HostPath(SystemId)));
        Assert.Contains("is left to it", Assert.Single(logger.At(LogLevel.Warning)), StringComparison.Ordinal);

        _releaseFirst.Set();
        Assert.Equal(CommandResult.Ok(), await first);
        Assert.Equal("registration of the first", File.ReadAllText(HostPath(SystemId)));
        Assert.Equal([SystemId, Up2Date], _root.System.FileSystem.ListDirectory("/etc/sysconfig/rhn"));
    }

    [Fact]
    public async Task The_lock_lives_in_the_configured_state_directory()
    {
        var options = new KmsActivateOptions { StateDirectory = "/srv/agent-state" };
        _root.Services.Add(options);
        _releaseFirst.Set();

        Assert.Equal(CommandResult.Ok(), await KmsActivateCommand.KmsActivate(Json(FirstRequest), _root.Context("kmsactivate")));

        Assert.True(File.Exists(HostPath("/srv/agent-state/kmsactivate.lock")));
        Assert.False(Directory.Exists(HostPath("/var/lib/guest-agent")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, _root.System.FileSystem.GetStatus("/srv/agent-state")!.Value.Mode);
    }

    public static TheoryData<TimeSpan> UntakeableTimeouts() =>
        [TimeSpan.FromTicks(-1), TimeSpan.FromSeconds(-1), TimeSpan.FromMilliseconds(-2), TimeSpan.FromMilliseconds(uint.MaxValue), TimeSpan.MaxValue, TimeSpan.MinValue];

    [Theory]
    [MemberData(nameof(UntakeableTimeouts))]
    public void A_lock_timeout_no_timer_can_take_is_refused_when_the_options_are_made(TimeSpan timeout)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KmsActivateOptions { LockTimeout = timeout });
        Assert.Equal(nameof(KmsActivateOptions.LockTimeout), error.ParamName);
    }

    [Fact]
    public void No_wait_the_longest_a_timer_takes_and_an_infinite_wait_are_accepted()
    {
        Assert.Equal(TimeSpan.Zero, new KmsActivateOptions { LockTimeout = TimeSpan.Zero }.LockTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(uint.MaxValue - 1.0), new KmsActivateOptions { LockTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0) }.LockTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, new KmsActivateOptions { LockTimeout = Timeout.InfiniteTimeSpan }.LockTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), KmsActivateOptions.Default.LockTimeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("var/lib/guest-agent")]
    [InlineData("/var/lib/\0guest-agent")]
    public void A_state_directory_that_is_not_absolute_is_refused(string directory)
    {
        var error = Assert.Throws<ArgumentException>(() => new KmsActivateOptions { StateDirectory = directory });
        Assert.Equal(nameof(KmsActivateOptions.StateDirectory), error.ParamName);
    }

    public void Dispose()
    {
        _releaseFirst.Set();
        _firstInRhnregKs.Dispose();
        _releaseFirst.Dispose();
        _root.Dispose();
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private string HostPath(string agentPath) => _root.HostPath(agentPath);

    /// <summary>Starts the first activation and returns once it is inside rhnreg_ks: its files written, the old systemid aside.</summary>
    private Task<CommandResult> StartBlockedFirst()
    {
        var first = Task.Run(() => KmsActivateCommand.KmsActivate(Json(FirstRequest), _root.Context("kmsactivate")), TestContext.Current.CancellationToken);
        _firstInRhnregKs.Wait(TestContext.Current.CancellationToken);
        return first;
    }

    /// <summary>The second activation's context: the same root and exchange session, its own rhnreg_ks, clock and options.</summary>
    private CommandContext SecondContext(ScriptedProcessRunner rhnregKs, TimeProvider clock, KmsActivateOptions options)
    {
        var services = (_root.System with { Processes = rhnregKs, Time = clock }).AddTo(new ServiceMap());
        services.Add(options);
        return new CommandContext(Guid.NewGuid().ToString(), "kmsactivate", _root.Session, services, TestContext.Current.CancellationToken);
    }
}
