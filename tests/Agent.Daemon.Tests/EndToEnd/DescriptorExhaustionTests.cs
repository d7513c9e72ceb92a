using System.Globalization;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The published daemons out of file descriptors, for real: <c>prlimit</c> lowers the running process's
/// soft limit to its lowest free descriptor, so its next <c>open</c>, <c>accept</c> or <c>socket</c> fails
/// with <c>EMFILE</c>, then gives the limit back. Each must keep serving once descriptors free up and say
/// what happened, once.
/// </summary>
public sealed class DescriptorExhaustionTests
{
    private static string Request(string name) => $"{{\"name\": \"{name}\", \"value\": \"agent\"}}";

    [Fact]
    public async Task Xenstored_out_of_descriptors_warns_once_and_accepts_the_waiting_client_once_one_frees_up()
    {
        using var directory = new TemporaryDirectory("s58-exhaust-xsd-");
        var socket = directory.Combine("xs.sock");
        await using var server = await DaemonProcess.StartReadyAsync(directory, ["xenstored", "--socket", socket]);
        var tools = new XenStoreTools(socket);
        var limit = await ExhaustAsync(server.Id);

        // Queued by the kernel, the client waits to be accepted; a server that gave up accepting leaves it
        // waiting for ever, and every later client with it.
        var waiting = tools.ReadAsync("/local/domain/0/name");
        await server.WaitForErrorTextAsync($"<4>xenstored: cannot accept a connection on {socket} (out of file descriptors: EMFILE or ENFILE)");
        Assert.False(waiting.IsCompleted);
        await RestoreAsync(server.Id, limit);

        Assert.Equal("Domain-0", await waiting.WithinSafetyNet());
        Assert.Equal("Domain-0", await tools.ReadAsync("/local/domain/0/name"));
        await server.WaitForErrorTextAsync($"<6>xenstored: accepting connections on {socket} again");
        Assert.Single(server.StandardError.Split('\n'), line => line.Contains("cannot accept", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_agent_out_of_descriptors_answers_and_journals_again_once_they_free_up()
    {
        await using var agent = await AgentUnderTest.StartAsync();
        var tools = agent.Tools;
        var limit = await ExhaustAsync(agent.Agent!.Id);

        // Answering needs no new descriptor; journaling it does (an append opens the file).
        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/during", Request("version"));
        Assert.StartsWith("""{"returncode":"0","message":""", await tools.WaitForResponseAsync(AgentUnderTest.Home, "during"), StringComparison.Ordinal);
        await agent.Agent.WaitForErrorTextAsync("could not be written (IOException: Too many open files");
        await RestoreAsync(agent.Agent.Id, limit);
        await tools.WriteAsync($"{AgentUnderTest.Home}/data/host/after", Request("version"));
        Assert.StartsWith("""{"returncode":"0","message":""", await tools.WaitForResponseAsync(AgentUnderTest.Home, "after"), StringComparison.Ordinal);

        // Both answers are in the file, so neither request runs twice after a restart in this boot.
        var journal = await File.ReadAllLinesAsync(agent.GuestFile("/var/lib/guest-agent/xenstore-journal"), TestContext.Current.CancellationToken);
        var ids = journal.Select(line => line.Split('\t')[0]).ToArray();
        Assert.Contains("during", ids);
        Assert.Contains("after", ids);
        Assert.Contains("the response journal", agent.Agent.StandardError, StringComparison.Ordinal);
        Assert.Contains("is written again", agent.Agent.StandardError, StringComparison.Ordinal);
    }

    // Lowers the soft limit to the lowest descriptor number the process has free, so it has none left;
    // returns the limits to put back.
    private static async Task<string> ExhaustAsync(int pid)
    {
        ExternalTool.Require("prlimit", "util-linux");
        var current = await ExternalTool.RunAsync("prlimit", ["--pid", pid.ToString(CultureInfo.InvariantCulture), "--nofile", "--raw", "--noheadings", "--output", "SOFT,HARD"]);
        Assert.True(current.ExitCode == 0, current.StandardError);
        var limits = current.StandardOutput.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var open = Directory.GetFileSystemEntries($"/proc/{pid}/fd").Select(path => int.Parse(Path.GetFileName(path), CultureInfo.InvariantCulture)).ToHashSet();
        var free = Enumerable.Range(0, int.MaxValue).First(fd => !open.Contains(fd));
        await SetAsync(pid, $"{free.ToString(CultureInfo.InvariantCulture)}:{limits[1]}");
        return $"{limits[0]}:{limits[1]}";
    }

    private static Task RestoreAsync(int pid, string limit) => SetAsync(pid, limit);

    private static async Task SetAsync(int pid, string limit)
    {
        var result = await ExternalTool.RunAsync("prlimit", ["--pid", pid.ToString(CultureInfo.InvariantCulture), $"--nofile={limit}"]);
        Assert.True(result.ExitCode == 0, $"prlimit --nofile={limit} failed: {result.StandardError}");
    }
}
