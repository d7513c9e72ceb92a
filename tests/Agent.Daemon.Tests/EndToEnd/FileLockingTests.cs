using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// The published daemon reads files another process holds an exclusive <c>flock</c> on. .NET on
/// Unix emulates <c>FileShare</c> with <c>flock(LOCK_SH|LOCK_NB)</c> on every read it opens, which
/// such a holder refuses ("being used by another process"); the daemon turns that emulation off
/// (<c>System.IO.DisableFileLocking</c>, baked into the binary), since its own locks are real
/// <c>flock</c>/<c>fcntl</c> calls (docs/daemon.md, "File locking").
/// </summary>
public sealed class FileLockingTests
{
    [Fact]
    public async Task The_configuration_is_read_while_another_process_holds_an_exclusive_flock_on_it()
    {
        using var directory = new TemporaryDirectory();
        var config = directory.Combine("agent.json");
        await File.WriteAllTextAsync(config, """{ "logLevel": "warning" }""", TestContext.Current.CancellationToken);
        await using var holder = await CompetingLock.HoldAsync(config, "flock");

        // The switch is in the binary, not in the environment: the variable that would also turn
        // the emulation off is set to "not true" here.
        var result = await ExternalTool.RunAsync(
            DaemonBinary.Require(),
            ["run", "--config", config, "--root", directory.Path, "--xenstore", directory.Combine("no-xenstore.sock")],
            standardInput: null,
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = "", ["DOTNET_SYSTEM_IO_DISABLEFILELOCKING"] = "" });

        // Past the configuration (unreadable would exit 2) to the missing XenStore.
        Assert.True(result.ExitCode == 1, result.StandardError);
        // Its logLevel applies: the start's information line about the configuration is not logged.
        Assert.DoesNotContain("<6>", result.StandardError, StringComparison.Ordinal);
        Assert.StartsWith("guest-agent: XenStore is unreachable: ", result.StandardError.TrimEnd('\n').Split('\n')[^1], StringComparison.Ordinal);
        Assert.False(await CompetingLock.ProbeAsync(config, "flock"), "the holder let go before the agent read the file");
    }
}
