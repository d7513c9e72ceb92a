using System.Text;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Tests.Update;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The published daemon killed by the kernel at an exact system call, with strace's fault
/// injection: SIGKILL at the fsync of the install directory that follows the rename of the new
/// binary, the answer not yet journaled. The restarted agent runs the update again: it finds the new
/// binary already installed and keeps the backup of the one that ran before, instead of backing up
/// the new binary over it.
/// </summary>
public sealed class UpdateCrashTests
{
    private const string InstallPath = "/usr/sbin/guest-agent";
    private static readonly byte[] OldAgent = Encoding.ASCII.GetBytes("#!/bin/sh\necho OLD-AGENT-1.0\n");
    private static readonly byte[] NewAgent = Encoding.ASCII.GetBytes("#!/bin/sh\necho NEW-AGENT-2.0\n");
    private const string Config = """{"agentUpdate":{"allowHttp":true}}""";

    [Fact]
    public async Task An_update_killed_right_after_its_rename_runs_again_and_keeps_the_previous_binary_as_the_backup()
    {
        var strace = ExternalTool.Require("strace", "strace");
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        await using var server = new TinyHttpServer();
        var installed = agent.GuestFile(InstallPath);
        FixtureDirectories.Create(Path.GetDirectoryName(installed)!);
        await File.WriteAllBytesAsync(installed, OldAgent, TestContext.Current.CancellationToken);
        File.SetUnixFileMode(installed, (UnixFileMode)Convert.ToInt32("755", 8));
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        server.Serve("/guest-agent-2.0.tar.gz", archive);

        // -P: only calls on the install directory, whose first fsync is the one after the rename.
        await agent.StartAgentWrappedAsync(
            [strace, "-f", "-qq", "-o", "/dev/null", "-P", Path.GetDirectoryName(installed)!, "-e", "trace=fsync", "-e", "inject=fsync:signal=SIGKILL:when=1"],
            Config);
        await agent.Tools.WriteAsync(
            $"{AgentUnderTest.Home}/data/host/up-1",
            $$"""{"name":"agentupdate","value":"{{server.Url("/guest-agent-2.0.tar.gz")}},{{UpdateArchive.Md5(archive)}}"}""");
        var firstLog = await agent.WaitForAgentDeathAsync();

        // Killed after the rename: the new binary (which passed its check first) and the old one's backup.
        Assert.Equal(NewAgent, await File.ReadAllBytesAsync(installed, TestContext.Current.CancellationToken));
        Assert.Equal(OldAgent, await File.ReadAllBytesAsync(installed + ".bak", TestContext.Current.CancellationToken));
        var actions = Actions(agent);
        // The check is check-config on the configuration the agent runs with (AgentComposition.UpdateCheckArguments).
        Assert.Matches(@"/usr/sbin/\.guest-agent\.[0-9a-f]{12}\.tmp check-config --config /\S+/agent-[0-9a-f]{32}\.json$", Assert.Single(actions));
        Assert.DoesNotContain("installed the update", firstLog, StringComparison.Ordinal);

        var config = agent.WriteConfig(Config);
        await agent.StartAgentAsync("--config", config);

        Assert.Equal("""{"returncode":"0","message":""}""", await agent.Tools.WaitForResponseAsync(AgentUnderTest.Home, "up-1"));
        Assert.Equal(NewAgent, await File.ReadAllBytesAsync(installed, TestContext.Current.CancellationToken));
        Assert.Equal(OldAgent, await File.ReadAllBytesAsync(installed + ".bak", TestContext.Current.CancellationToken));
        // The re-run checked the binary in place and asked for the restart; nothing else is left beside it.
        Assert.Equal([$"{installed} check-config --config {config}", "/bin/systemctl --no-block restart guest-agent.service"], Actions(agent)[1..]);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(installed)!), entry => entry.Contains("guest-agent.", StringComparison.Ordinal) && entry.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.Contains("was already installed at /usr/sbin/guest-agent", agent.Agent!.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, await agent.StopAgentAsync());
    }

    private static string[] Actions(AgentUnderTest agent)
    {
        var path = agent.GuestFile("/var/lib/guest-agent/actions.log");
        return File.Exists(path) ? File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];
    }
}
