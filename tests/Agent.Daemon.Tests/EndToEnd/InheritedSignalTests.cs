using System.Globalization;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// <c>run</c> and <c>xenstored</c> started with SIGINT and SIGTERM ignored (a non-interactive shell's
/// <c>cmd &amp;</c> ignores SIGINT; <c>env --ignore-signal</c> stands in for whatever did it) still
/// stop gracefully on either: the daemon gives both their default back before .NET looks at them.
/// </summary>
public sealed class InheritedSignalTests
{
    // env execs the daemon (same pid) with both signals ignored, as it inherits them from a launcher.
    private static readonly string[] IgnoringBoth = ["/usr/bin/env", "--ignore-signal=INT,TERM"];

    private const ulong IntAndTerm = (1UL << (DaemonProcess.SigInt - 1)) | (1UL << (DaemonProcess.SigTerm - 1));

    [Fact]
    public async Task The_wrapper_really_starts_a_program_with_both_ignored()
    {
        var env = ExternalTool.Require("env", "coreutils");

        var result = await ExternalTool.RunAsync(env, ["--ignore-signal=INT,TERM", "cat", "/proc/self/status"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(IntAndTerm, Mask(result.StandardOutput, "SigIgn") & IntAndTerm);
    }

    [Theory]
    [InlineData(DaemonProcess.SigInt, "SIGINT")]
    [InlineData(DaemonProcess.SigTerm, "SIGTERM")]
    public async Task Run_started_with_stop_signals_ignored_stops_gracefully_on_each(int signal, string name)
    {
        await using var agent = await AgentUnderTest.StartAsync(startAgent: false);
        await agent.StartAgentWrappedAsync(IgnoringBoth);
        var process = agent.Agent!;
        AssertHandled(process.Id);

        process.Signal(signal);

        Assert.Equal(0, await process.WaitForExitAsync());
        // Idle when signalled: the line says so rather than promising to finish a request.
        Assert.Contains($"Stopping on {name}: no request is in progress", process.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DaemonProcess.SigInt)]
    [InlineData(DaemonProcess.SigTerm)]
    public async Task Xenstored_started_with_stop_signals_ignored_stops_gracefully_on_each(int signal)
    {
        using var directory = new TemporaryDirectory("guest-agent-signals-");
        var socket = directory.Combine("xs.sock");
        await using var server = await DaemonProcess.StartReadyAsync(directory, ["xenstored", "--socket", socket], IgnoringBoth);
        AssertHandled(server.Id);

        server.Signal(signal);

        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.Contains("xenstored: stopping (0 connection(s) open)", server.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(socket));
    }

    // Neither ignored any more, and both caught (the runtime's handler behind the stop registrations).
    private static void AssertHandled(int pid)
    {
        var status = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status");
        Assert.Equal(0UL, Mask(status, "SigIgn") & IntAndTerm);
        Assert.Equal(IntAndTerm, Mask(status, "SigCgt") & IntAndTerm);
    }

    private static ulong Mask(string status, string field) =>
        ulong.Parse(status.Split('\n').Single(line => line.StartsWith(field + ":", StringComparison.Ordinal))[(field.Length + 1)..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
