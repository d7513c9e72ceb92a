using Microsoft.Extensions.Logging;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Tests.Support;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Every line <c>resetnetwork</c> logs starts with its request's id, as the host's own lines about
/// the request do: an operator follows one request through the log, its rollback included.
/// </summary>
public sealed class ResetNetworkLogTests
{
    [Fact]
    public async Task Every_line_of_a_resetnetwork_and_of_its_rollback_names_its_request()
    {
        using var root = ResetNetworkEndToEndTests.RackspaceMachine("ubuntu");
        var logs = new CapturingLoggerFactory();
        var command = new NetworkCommands(root.CreateSystem("netplan"), ResetNetworkEndToEndTests.VmData(), logger: logs.CreateLogger<NetworkCommands>());

        var error = await Assert.ThrowsAsync<CommandException>(() => command.ResetNetworkAsync(ResetNetworkRequest.Context("3f1c-failing")));

        Assert.Equal("500", error.ReturnCode);
        string[] lines = [.. logs.Messages];
        Assert.Contains("Warning: Request 3f1c-failing: resetnetwork: restored 5 files after a failed apply", lines);
        Assert.All(lines, line => Assert.Matches("^(Information|Warning): Request 3f1c-failing: resetnetwork: ", line));
    }

    [Theory]
    [InlineData("ipv4-only", "configured 1 interface (4 files)")]
    [InlineData("rackspace", "configured 2 interfaces (4 files)")]
    public async Task The_closing_line_counts_in_words_that_agree_with_the_number(string fixture, string counted)
    {
        using var root = FakeRoot.For("ubuntu");
        root.AddInterface("eth0", fixture == "ipv4-only" ? "00:16:3e:00:00:01" : "bc:76:4e:20:6c:5a");
        if (fixture == "rackspace")
        {
            root.AddInterface("eth1", "bc:76:4e:20:6c:5b");
        }

        var logs = new CapturingLoggerFactory();
        var command = new NetworkCommands(root.CreateSystem(), ResetNetworkEndToEndTests.VmData(fixture), logger: logs.CreateLogger<NetworkCommands>());

        Assert.Equal(CommandResult.Ok(), await command.ResetNetworkAsync(ResetNetworkRequest.Context("counted")));

        Assert.Contains("Information: Request counted: resetnetwork: " + counted, logs.Messages);
    }

    [Fact]
    public async Task The_default_gateways_FreeBSD_leaves_out_are_named_in_a_warning_and_the_rest_is_configured()
    {
        // FreeBSD's rc.conf holds one default router: the original refused two and configured nothing.
        using var root = new FakeRoot();
        root.Write("/etc/os-release", "NAME=FreeBSD\nID=freebsd\nVERSION_ID=14.1\n");
        root.Write("/etc/rc.conf", "sshd_enable=\"YES\"\n");
        root.Write("/etc/hosts", "127.0.0.1\tlocalhost\n");
        root.AddInterface("eth0", "00:16:3e:00:00:01");
        root.AddInterface("eth1", "00:16:3e:00:00:02");
        root.AddInterface("eth2", "00:16:3e:00:00:03");
        var logs = new CapturingLoggerFactory();
        var command = new NetworkCommands(root.CreateSystem(), ResetNetworkEndToEndTests.VmData("several-gateways"), logger: logs.CreateLogger<NetworkCommands>());

        Assert.Equal(CommandResult.Ok(), await command.ResetNetworkAsync(ResetNetworkRequest.Context("bsd")));

        var rc = root.Read("/etc/rc.conf")!;
        Assert.Contains("defaultrouter=\"192.0.2.1\"\n", rc, StringComparison.Ordinal);
        Assert.Contains("ifconfig_eth1=\"10.0.12.7 netmask 255.255.255.0 up\"\n", rc, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.12.1", rc, StringComparison.Ordinal);
        Assert.Contains(
            "Warning: Request bsd: resetnetwork: FreeBSD's rc.conf holds one IPv4 default router: defaultrouter is eth0's 192.0.2.1 (the first interface by name with one); "
            + "left out: eth1's 10.0.12.1, eth2's 172.31.1.1 (their addresses and routes are written)",
            logs.Messages);
        Assert.Contains(
            "Warning: Request bsd: resetnetwork: FreeBSD's rc.conf holds one IPv6 default router: ipv6_defaultrouter is eth0's 2001:db8::1 (the first interface by name with one); "
            + "left out: eth1's 2001:db8:1::1 (their addresses and routes are written)",
            logs.Messages);
    }

    [Fact]
    public async Task Each_request_served_by_the_same_command_logs_its_own_id()
    {
        using var root = ResetNetworkEndToEndTests.RackspaceMachine("ubuntu");
        var logs = new CapturingLoggerFactory();
        var command = new NetworkCommands(root.CreateSystem(), ResetNetworkEndToEndTests.VmData(), logger: logs.CreateLogger<NetworkCommands>());

        Assert.Equal(CommandResult.Ok(), await command.ResetNetworkAsync(ResetNetworkRequest.Context("first")));
        var first = logs.Messages.Count;
        Assert.Equal(CommandResult.Ok(), await command.ResetNetworkAsync(ResetNetworkRequest.Context("second")));

        string[] lines = [.. logs.Messages];
        Assert.True(first > 0 && lines.Length > first);
        Assert.All(lines[..first], line => Assert.Contains(": Request first: resetnetwork: ", line, StringComparison.Ordinal));
        Assert.All(lines[first..], line => Assert.Contains(": Request second: resetnetwork: ", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_structured_sink_reads_the_request_id_of_every_line_from_the_state()
    {
        using var root = ResetNetworkEndToEndTests.RackspaceMachine("ubuntu");
        var sink = new StateReadingLogger();
        var command = new NetworkCommands(root.CreateSystem(), ResetNetworkEndToEndTests.VmData(), logger: sink.CreateLogger<NetworkCommands>());

        Assert.Equal(CommandResult.Ok(), await command.ResetNetworkAsync(ResetNetworkRequest.Context("3f1c-structured")));

        Assert.NotEmpty(sink.Entries);
        Assert.All(sink.Entries, entry => Assert.Equal(["3f1c-structured"], entry.ValuesOf("RequestId")));
    }
}
