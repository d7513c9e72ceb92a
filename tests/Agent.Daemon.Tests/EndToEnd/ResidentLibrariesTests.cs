namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// What the serving daemon maps. OpenSSL alone is a third of the memory target's budget (3.5 MB
/// resident, docs/benchmarks.md "Daemon"), and one innocent call on the request path
/// (<c>RandomNumberGenerator</c> for a temp name) loads it; the memory benchmark is not run in CI,
/// so this keeps the request path free of it.
/// </summary>
public sealed class ResidentLibrariesTests
{
    [Fact]
    public async Task Serving_requests_and_rewriting_its_journal_loads_no_OpenSSL()
    {
        await using var agent = await AgentUnderTest.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            var result = await agent.CallAsync(["version"]);
            Assert.Equal(0, result.ExitCode);
        }

        // A journal left by another boot is rewritten (compacted) at start, through the atomic writer.
        await agent.StopAgentAsync();
        var journal = Path.Combine(agent.Root, "var/lib/guest-agent/xenstore-journal");
        var lines = await File.ReadAllLinesAsync(journal, TestContext.Current.CancellationToken);
        Assert.StartsWith("boot\t", lines[0], StringComparison.Ordinal);
        lines[0] = "boot\tan-earlier-boot";
        await File.WriteAllLinesAsync(journal, lines, TestContext.Current.CancellationToken);
        await agent.StartAgentAsync();
        Assert.StartsWith("boot\t", (await File.ReadAllLinesAsync(journal, TestContext.Current.CancellationToken))[0], StringComparison.Ordinal);
        Assert.DoesNotContain("an-earlier-boot", await File.ReadAllTextAsync(journal, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, (await agent.CallAsync(["version"])).ExitCode);

        var maps = await File.ReadAllTextAsync($"/proc/{agent.Agent!.Id}/maps", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("libcrypto", maps, StringComparison.Ordinal);
        Assert.DoesNotContain("libssl", maps, StringComparison.Ordinal);
    }
}
