using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// The programs a record names are stored as given (bare names) and found again, at the next start,
/// by the same lookup as any other: only in the absolute directories of the search path. Real
/// scripts stand in for <c>hostname</c>, <c>ifdown</c> and <c>ifup</c>; the same names in a relative
/// search directory are never started.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RecoveryProgramLookupTests : InterruptedChangeTests
{
    [Fact]
    public async Task Recovery_runs_the_recorded_programs_from_absolute_search_directories_only()
    {
        await _change.RunUntilCrashAsync(new ScriptedProcessRunner(spec => spec.Program == "ifup" ? throw new SimulatedCrash() : new ProcessResult(0, "", "")));
        Assert.Contains("\"program\": \"ifup\"", _change.Record(), StringComparison.Ordinal);
        using var programs = new TemporaryDirectory();
        var ran = programs.Combine("ran");
        var fakes = programs.Combine("fakes");
        foreach (var name in new[] { "hostname", "ifdown", "ifup" })
        {
            Script(programs.Combine("bin"), name, $"echo \"$0 $*\" >> '{ran}'");
            Script(fakes, name, $"echo \"fake $0\" >> '{ran}'");
        }

        var relativeFakes = Path.GetRelativePath(Environment.CurrentDirectory, fakes);
        var runner = new ProcessRunner(TimeProvider.System, new ProgramLocator($"{relativeFakes}:{programs.Combine("bin")}"));

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(runner));

        var bin = programs.Combine("bin");
        Assert.Equal([$"{bin}/hostname old-name", $"{bin}/ifdown --force eth0", $"{bin}/ifup eth0"], File.ReadAllLines(ran));
        _change.AssertRestored();
    }

    private static void Script(string directory, string name, string body)
    {
        FixtureDirectories.Create(directory);
        var path = Path.Join(directory, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }
}
