using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// Runs a real stand-in program for each one asked for (a shell script for <c>netplan apply</c>,
/// say) through the real <see cref="ProcessRunner"/>, with the timeout the caller asked for, so
/// deadlines, kills and exit codes are the real thing on a machine without those tools.
/// </summary>
/// <param name="standIn">The program to run in place of each one asked for.</param>
/// <param name="time">The clock the timeouts run on; the system clock when <c>null</c>.</param>
internal sealed class StandInProcessRunner(Func<ProcessSpec, ProcessSpec> standIn, TimeProvider? time = null) : IProcessRunner
{
    private readonly ProcessRunner _real = new(time ?? TimeProvider.System);

    /// <summary>The programs asked for, as the agent named them.</summary>
    public List<string> Calls { get; } = [];

    public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Calls.Add(spec.ToDisplayString());
        var replacement = standIn(spec);
        return _real.RunAsync(new ProcessSpec(replacement.Program, replacement.Arguments) { Timeout = spec.Timeout }, cancellationToken);
    }
}
