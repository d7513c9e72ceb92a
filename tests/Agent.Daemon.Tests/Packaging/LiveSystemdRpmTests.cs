using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// The RPM's scriptlets on a running systemd (<see cref="SandboxedGuest"/>): <c>%post</c> applies the
/// preset, which enables the unit without starting it (the RPM convention: the image's first boot
/// starts it); <c>%preun</c> disables and stops it; the agent's state outlives <c>rpm -e</c>.
/// rpm runs with <c>--nodeps</c>: its database in the sandbox is empty, since this Debian machine's
/// libc and libssl belong to dpkg.
/// </summary>
public sealed class LiveSystemdRpmTests(RpmPackageBuild build) : IClassFixture<RpmPackageBuild>
{
    private const string Unit = SandboxedGuest.Unit;

    [Fact]
    public async Task Rpm_install_enables_the_unit_by_preset_and_erase_stops_and_disables_it_keeping_the_state()
    {
        var package = await build.PackageAsync();
        var rpm = ExternalTool.Require("rpm", "rpm");
        await using var sandbox = await SandboxedGuest.BootAsync(package, "/root/guest-agent.rpm");

        var install = await sandbox.RunAsync(Path.GetFileName(rpm), "--install", "--nodeps", "/root/guest-agent.rpm");

        Assert.True(install.ExitCode == 0, $"rpm --install failed: {install.StandardError}");
        Assert.Equal("enabled", (await sandbox.RunAsync("systemctl", "is-enabled", Unit)).StandardOutput.Trim());
        Assert.Equal("inactive", await sandbox.PropertyAsync(Unit, "ActiveState"));

        await sandbox.RunCheckedAsync("systemctl", "start", Unit);
        Assert.Equal(SandboxedGuest.VersionAnswer(), await SandboxedGuest.SendAsync(SandboxedGuest.Tools(sandbox), "version", "agent"));
        Assert.True(File.Exists(sandbox.HostPath("/var/lib/guest-agent/xenstore-journal")), "the agent keeps its journal in its StateDirectory");

        var erase = await sandbox.RunAsync(Path.GetFileName(rpm), "--erase", "--nodeps", "guest-agent");

        Assert.True(erase.ExitCode == 0, $"rpm --erase failed: {erase.StandardError}");
        Assert.Equal("inactive", await sandbox.PropertyAsync(Unit, "ActiveState"));
        Assert.Equal("not-found", await sandbox.PropertyAsync(Unit, "LoadState"));
        Assert.False(File.Exists(sandbox.HostPath("/etc/systemd/system/multi-user.target.wants/" + Unit)), "the enable link survived rpm -e");
        Assert.False(File.Exists(sandbox.HostPath("/usr/sbin/guest-agent")), "the binary survived rpm -e");
        Assert.True(File.Exists(sandbox.HostPath("/var/lib/guest-agent/xenstore-journal")), "RPM has no purge: the agent's state stays");
        Assert.Contains("guest-agent: Stopped", await sandbox.WaitForJournalAsync(Unit, "guest-agent: Stopped"), StringComparison.Ordinal);
    }
}
