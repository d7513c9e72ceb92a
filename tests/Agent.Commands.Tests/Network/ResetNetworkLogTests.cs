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
