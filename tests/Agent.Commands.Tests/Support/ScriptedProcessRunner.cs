using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// A process runner whose programs are played by a test: each call is recorded and answered by
/// <c>play</c>, which may also change the file system as the real program would, or break it.
/// </summary>
internal sealed class ScriptedProcessRunner(Func<ProcessSpec, ProcessResult> play) : IProcessRunner
{
    public List<ProcessSpec> Calls { get; } = [];

    public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
    {
        Calls.Add(spec);
        return Task.FromResult(play(spec));
    }
}
