namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// <c>run --domain-path</c> naming a domain XenStore does not have (a typo, or a toolstack that has
/// not created it yet): the agent starts and serves anyway, since on real Xen the nodes may come
/// later, but says so once at start, naming the path; and requests written once the host creates the
/// nodes are answered.
/// </summary>
public sealed class MissingDomainTests
{
    private const string Warning = "does not exist in XenStore";

    [Fact]
    public async Task A_domain_that_does_not_exist_is_warned_about_once_and_served_once_it_does()
    {
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);

        await agent.StartAgentForDomainAsync("/local/domain/9");
        await agent.Agent!.WaitForErrorTextAsync(" serving ");

        var log = agent.Agent.StandardError;
        Assert.Equal(
            ["<4>guest-agent: /local/domain/9 does not exist in XenStore: serving /local/domain/9 anyway, but its requests are seen only once the host creates /local/domain/9/data/host (is --domain-path or 'xenstore.domainPath' the domain meant?)"],
            log.Split('\n').Where(line => line.Contains(Warning, StringComparison.Ordinal)));
        // The host creates the domain late: its first request is answered.
        await agent.Tools.WriteAsync("/local/domain/9/data/host/late-1", """{"name":"version","value":"agent"}""");
        Assert.StartsWith("""{"returncode":"0","message":""", await agent.Tools.WaitForResponseAsync("/local/domain/9", "late-1"), StringComparison.Ordinal);
        Assert.Equal(0, await agent.StopAgentAsync());
    }

    [Fact]
    public async Task A_domain_without_its_data_host_node_is_warned_about_naming_that_node()
    {
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        await agent.Tools.RemoveAsync($"{AgentUnderTest.Home}/data/host");

        await agent.StartAgentAsync();
        await agent.Agent!.WaitForErrorTextAsync(" serving ");

        var line = Assert.Single(agent.Agent.StandardError.Split('\n'), line => line.Contains(Warning, StringComparison.Ordinal));
        Assert.StartsWith($"<4>guest-agent: {AgentUnderTest.Home}/data/host does not exist in XenStore: serving {AgentUnderTest.Home} anyway", line, StringComparison.Ordinal);
        Assert.Equal(0, await agent.StopAgentAsync());
    }

    [Fact]
    public async Task A_connection_whose_own_home_has_no_data_host_is_warned_about_and_served_once_it_does()
    {
        // dom0's socket without --domain-path: the agent's home is /local/domain/0, where no host writes.
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);

        await agent.StartAgentForOwnHomeAsync();
        await agent.Agent!.WaitForErrorTextAsync(" serving ");

        Assert.Equal(
            ["<4>guest-agent: data/host does not exist in XenStore under the connection's own home: serving it anyway, but requests are seen only once the host creates it (on a privileged connection, such as dom0's, name the guest's home with --domain-path or 'xenstore.domainPath')"],
            agent.Agent.StandardError.Split('\n').Where(line => line.Contains(Warning, StringComparison.Ordinal)));
        await agent.Tools.WriteAsync("/local/domain/0/data/host/own-1", """{"name":"version","value":"agent"}""");
        Assert.StartsWith("""{"returncode":"0","message":""", await agent.Tools.WaitForResponseAsync("/local/domain/0", "own-1"), StringComparison.Ordinal);
        Assert.Equal(0, await agent.StopAgentAsync());
    }

    [Fact]
    public async Task A_domain_that_exists_is_served_without_a_warning()
    {
        await using var agent = await AgentUnderTest.StartAsync();

        await agent.Agent!.WaitForErrorTextAsync(" serving ");

        Assert.DoesNotContain(Warning, agent.Agent.StandardError, StringComparison.Ordinal);
    }
}
