using System.Globalization;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// <see cref="GuestAgent.Hosting.InheritedStopSignals"/> in a child process (tests/Agent.SignalProbe)
/// started with SIGTERM and SIGINT ignored, as a launcher may leave them (<c>env --ignore-signal</c>
/// stands in for it): called first thing, the host stops gracefully on either; not called, SIGINT
/// stays ignored although <see cref="GuestAgent.Hosting.ShutdownSignals"/> registered it.
/// </summary>
/// <remarks>
/// The probe runs on the JIT runtime, which installs a SIGTERM handler of its own before <c>Main</c>,
/// over an ignored SIGTERM: there only SIGINT is still ignored when <c>Main</c> starts. A NativeAOT
/// program keeps both ignored; the daemon's end-to-end tests (InheritedSignalTests) and the
/// NativeAOT sample's check in scripts/test.sh show the SIGTERM half there.
/// </remarks>
public sealed class InheritedStopSignalsTests
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private const ulong Int = 1UL << (SigInt - 1);
    private const ulong IntAndTerm = Int | (1UL << (SigTerm - 1));

    [Theory]
    [InlineData("TERM", "SIGTERM")]
    [InlineData("INT", "SIGINT")]
    public async Task Restored_first_thing_an_ignored_stop_signal_stops_the_host_gracefully(string signal, string name)
    {
        await using var probe = SignalProbeProcess.StartWithStopSignalsIgnored("--restore-stop-signals");
        await probe.WaitForLineAsync("ready");
        var status = Status(probe.Id);
        Assert.Equal(0UL, Mask(status, "SigIgn") & IntAndTerm);
        Assert.Equal(IntAndTerm, Mask(status, "SigCgt") & IntAndTerm);

        await probe.SignalAsync(signal);

        Assert.Equal(0, await probe.WaitForExitAsync());
        Assert.Equal(["restored SIGINT", "ready", $"stopping {name}", "stopped"], probe.Lines);
    }

    [Fact]
    public async Task Signals_at_their_default_are_left_as_they_are()
    {
        await using var probe = SignalProbeProcess.Start("--restore-stop-signals");
        await probe.WaitForLineAsync("ready");

        await probe.SignalAsync("TERM");

        Assert.Equal(0, await probe.WaitForExitAsync());
        Assert.Equal(["restored ", "ready", "stopping SIGTERM", "stopped"], probe.Lines);
    }

    [Fact]
    public async Task Without_it_an_inherited_ignored_sigint_stays_ignored_and_its_registration_never_fires()
    {
        await using var probe = SignalProbeProcess.StartWithStopSignalsIgnored();
        await probe.WaitForLineAsync("ready");

        var status = Status(probe.Id);

        Assert.Equal(Int, Mask(status, "SigIgn") & Int);
        Assert.Equal(0UL, Mask(status, "SigCgt") & Int);
    }

    private static string Status(int pid) => File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status");

    private static ulong Mask(string status, string field) =>
        ulong.Parse(status.Split('\n').Single(line => line.StartsWith(field + ":", StringComparison.Ordinal))[(field.Length + 1)..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
