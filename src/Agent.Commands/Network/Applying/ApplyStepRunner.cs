using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Network.Applying;

/// <summary>
/// Runs apply steps in order, each with at most what is left before the deadline: a program
/// still running when the deadline comes is killed (with its whole process tree, by the process
/// runner's timeout) and the steps after it are not started.
/// </summary>
internal sealed partial class ApplyStepRunner
{
    private readonly IProcessRunner _processes;
    private readonly ILogger _logger;

    /// <summary>Creates the runner.</summary>
    public ApplyStepRunner(IProcessRunner processes, ILogger logger)
    {
        _processes = processes;
        _logger = logger;
    }

    /// <summary>Runs the steps; returns why they stopped early, or <c>null</c> when every required one succeeded.</summary>
    public async Task<StepFailure?> RunAsync(IReadOnlyList<ApplyStep> steps, StepDeadline deadline, CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            var left = deadline.Remaining;
            if (left <= TimeSpan.Zero)
            {
                LogOutOfTime(_logger, step.Name, "not started");
                return new StepFailure($"{deadline.Allowance} ran out before '{step.Name}' could start", OutOfTime: true);
            }

            var cappedByDeadline = left < step.Process.Timeout;
            var spec = cappedByDeadline ? step.Process with { Timeout = left } : step.Process;
            ProcessResult result;
            string? notStarted = null;
            try
            {
                result = await _processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                // Says which program is missing (and where it was looked for); never the arguments.
                notStarted = exception.Message;
                result = new ProcessResult(127, "", notStarted);
            }

            if (result.TimedOut && cappedByDeadline)
            {
                LogOutOfTime(_logger, step.Name, "killed");
                return new StepFailure($"'{step.Name}' was still running when {deadline.Allowance} ran out, and was stopped", OutOfTime: true);
            }

            if (result.Succeeded)
            {
                continue;
            }

            var reason = notStarted is not null ? "could not be started" : result.TimedOut ? "timed out" : $"exited with code {result.ExitCode}";
            LogStepFailed(_logger, step.Name, reason, step.MustSucceed ? "a required step: the change is undone" : "an optional step: carrying on");
            if (step.MustSucceed)
            {
                // The runner's own text about a program it could not start is quoted whole (it names the
                // program and the search path, no output of the program's); a program's output is excerpted.
                var detail = notStarted is not null ? ": " + notStarted : Detail(result.StandardError);
                return new StepFailure($"'{step.Name}' {reason}{detail}", OutOfTime: false);
            }
        }

        return null;
    }

    private static string Detail(string standardError)
    {
        var line = standardError.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return line is null ? "" : ": " + MessageText.Printable(line);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: '{Step}' {Reason} ({Consequence})")]
    private static partial void LogStepFailed(ILogger logger, string step, string reason, string consequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: out of time, '{Step}' {Outcome}")]
    private static partial void LogOutOfTime(ILogger logger, string step, string outcome);
}
