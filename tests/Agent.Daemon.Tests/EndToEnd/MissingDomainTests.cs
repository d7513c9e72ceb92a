using System.Text;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Demo;
using GuestAgent.Testing;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// <c>run --domain-path</c> naming a domain XenStore does not have (a typo, or a toolstack that has
/// not created it yet): the agent starts and serves anyway, since on real Xen the nodes may come
/// later, but says so once at start, naming the path; and requests written once the host creates the
/// nodes are answered. A guest's own home without <c>data/host</c> is not warned about: the agent
/// creates that node itself, as the original agent does.
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
    public async Task A_guests_own_home_without_data_host_is_not_warned_about_and_the_agent_creates_it()
    {
        // In-process: the xenstored verb's socket acts as dom0, and this needs a guest's connection
        // (relative paths resolve to the guest's home, as on /dev/xen/xenbus).
        using var directory = new TemporaryDirectory("guest-agent-guesthome-");
        var socket = directory.Combine("guest.sock");
        var root = directory.Combine("root");
        DemoGuest.CreateRoot(root);
        await using var server = new XenStoreServer();
        server.Listen(socket, XenStoreIdentity.Guest(7));
        var home = server.CreateGuestDomain(7);
        server.Remove(home + "/data/host");
        using var error = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var running = Program.RunAsync(
            ["run", "--xenstore", socket, "--root", root, "--config", "/dev/null"],
            new StandardStreams(TextReader.Null, TextWriter.Null, TextWriter.Synchronized(error)),
            stop.Token);
        // The start-up check comes before the exchange creates the node: once it exists, any warning was written.
        // A request written then is answered under the guest's home.
        while (server.TryRead(home + "/data/host") is null && !running.IsCompleted)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        server.Write(home + "/data/host/guest-1", """{"name":"version","value":"agent"}"""u8);
        while (server.TryRead(home + "/data/guest/guest-1") is null && !running.IsCompleted)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        var response = server.TryRead(home + "/data/guest/guest-1");
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Success, await running);
        Assert.StartsWith("""{"returncode":"0","message":""", Encoding.UTF8.GetString(response ?? []), StringComparison.Ordinal);
        Assert.DoesNotContain(Warning, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_domain_that_exists_is_served_without_a_warning()
    {
        await using var agent = await AgentUnderTest.StartAsync();

        await agent.Agent!.WaitForErrorTextAsync(" serving ");

        Assert.DoesNotContain(Warning, agent.Agent.StandardError, StringComparison.Ordinal);
    }
}
