using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.Commands.Tests.Network.Applying;

/// <summary>
/// The step runner on its own, with programs played by the test and a manual clock: when a step is
/// not started at all, what counts as running out of time (the deadline's cut, not the program's own
/// timeout), and what of a program's error output the answer quotes.
/// </summary>
public sealed class ApplyStepRunnerTests
{
    private readonly FakeTimeProvider _clock = new();

    private StepDeadline Deadline(TimeSpan end) => new(_clock, _clock.GetTimestamp(), end, "the time allowed");

    private static Task<StepFailure?> RunAsync(ScriptedProcessRunner programs, StepDeadline deadline, params ApplyStep[] steps) =>
        new ApplyStepRunner(programs, NullLogger.Instance).RunAsync(steps, deadline, TestContext.Current.CancellationToken);

    [Fact]
    public async Task With_exactly_no_time_left_the_step_is_not_started()
    {
        var programs = new ScriptedProcessRunner(_ => new ProcessResult(0, "", ""));
        var deadline = Deadline(TimeSpan.FromSeconds(10));
        _clock.Advance(TimeSpan.FromSeconds(10));

        var failure = await RunAsync(programs, deadline, ApplyStep.Run("ifup", "-a"));

        Assert.Equal(new StepFailure("the time allowed ran out before 'ifup -a' could start", OutOfTime: true), failure);
        Assert.Empty(programs.Calls);
    }

    [Fact]
    public async Task A_step_is_given_only_the_time_left_when_that_is_less_than_its_own_timeout()
    {
        var programs = new ScriptedProcessRunner(_ => new ProcessResult(0, "", ""));

        Assert.Null(await RunAsync(programs, Deadline(TimeSpan.FromSeconds(7)), ApplyStep.Run("ifup", "-a")));
        Assert.Null(await RunAsync(programs, Deadline(TimeSpan.FromMinutes(10)), ApplyStep.Run("ifup", "-a")));

        Assert.Equal([TimeSpan.FromSeconds(7), ApplyStep.Timeout], programs.Calls.Select(c => c.Timeout));
    }

    [Fact]
    public async Task A_program_that_hits_its_own_timeout_well_before_the_deadline_fails_its_step_without_running_out_of_time()
    {
        // Ten minutes left: the 90 s a program may take is not cut, and its timing out is the program's failure.
        var programs = new ScriptedProcessRunner(spec => spec.Program == "ifup"
            ? new ProcessResult(-1, "", "", TimedOut: true)
            : new ProcessResult(0, "", ""));

        var optional = await RunAsync(programs, Deadline(TimeSpan.FromMinutes(10)), ApplyStep.Try("ifup", "eth0"), ApplyStep.Run("ifup", "eth1") with { MustSucceed = true });

        Assert.Equal(new StepFailure("'ifup eth1' timed out", OutOfTime: false), optional);
        // The optional step's timeout did not stop the steps: the required one after it ran.
        Assert.Equal(["ifup eth0", "ifup eth1"], programs.Calls.Select(c => c.ToDisplayString()));
    }

    [Fact]
    public async Task The_answer_quotes_the_first_line_of_the_programs_error_output()
    {
        var programs = new ScriptedProcessRunner(_ => new ProcessResult(1, "", "\n  RTNETLINK answers: File exists  \nifup: failed to bring up eth0\n"));

        var failure = await RunAsync(programs, Deadline(TimeSpan.FromMinutes(10)), ApplyStep.Run("ifup", "eth0"));

        Assert.Equal(new StepFailure("'ifup eth0' exited with code 1: RTNETLINK answers: File exists", OutOfTime: false), failure);
    }
}
