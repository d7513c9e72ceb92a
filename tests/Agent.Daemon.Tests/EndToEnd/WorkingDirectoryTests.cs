using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// <c>guest-agent run</c> started by hand from a directory someone else can write: it serves from
/// <c>/</c>, so nothing it does (a program it starts, a relative path) can depend on that directory.
/// </summary>
public sealed class WorkingDirectoryTests
{
    [Fact]
    public async Task Run_started_from_another_directory_works_from_the_root_directory()
    {
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        using var elsewhere = new TemporaryDirectory();

        await agent.StartAgentWrappedAsync(["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", elsewhere.Path]);

        Assert.Equal("/", new DirectoryInfo($"/proc/{agent.Agent!.Id}/cwd").LinkTarget);
        var result = await agent.CallAsync("version");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, await agent.StopAgentAsync());
    }
}
