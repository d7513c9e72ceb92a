using System.Text.RegularExpressions;
using GuestAgent.Daemon.Hosting;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The serving daemon gives back the pages of its executable it needed only to start
/// (docs/benchmarks.md, "Daemon"), and keeps serving from pages mapped again on touch.
/// </summary>
public sealed partial class StartupPageReleaseTests
{
    [Fact]
    public async Task Once_serving_the_daemon_unmaps_its_start_up_pages_and_keeps_answering()
    {
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        await agent.StartAgentAsync("--log-level", "debug");
        var daemon = agent.Agent!;
        await daemon.WaitForErrorTextAsync("Gave back ");

        var released = long.Parse(GaveBack().Match(daemon.StandardError).Groups["kib"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(released > 0, daemon.StandardError);
        // What is mapped again by now (the agent idles) is a fraction of what was given back.
        Assert.True(ExecutableReadOnlyResidentKib(daemon.Id) < released, $"{ExecutableReadOnlyResidentKib(daemon.Id)} KiB resident again of {released} KiB given back");

        // Code and data used again come back from the file: every built-in path still runs.
        for (var i = 0; i < 3; i++)
        {
            var result = await agent.CallAsync(["version"]);
            Assert.Equal(0, result.ExitCode);
        }

        Assert.Equal(0, (await agent.CallAsync(["features"])).ExitCode);
        Assert.Equal(0, await agent.StopAgentAsync());
    }

    private static long ExecutableReadOnlyResidentKib(int pid)
    {
        var executable = new FileInfo($"/proc/{pid}/exe").LinkTarget!;
        using var smaps = File.OpenText($"/proc/{pid}/smaps");
        return StartupPageRelease.Releasable(SmapsReader.Read(smaps), executable).Sum(mapping => mapping.ResidentKib);
    }

    [GeneratedRegex(@"Gave back (?<kib>\d+) KiB")]
    private static partial Regex GaveBack();
}
