using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// The sandbox the live package tests rely on (<see cref="SystemdSandbox"/>, scripts/systemd-sandbox.sh):
/// systemd really is its PID 1, what is done inside stays inside, and disposing it leaves nothing running.
/// </summary>
public sealed class SystemdSandboxTests
{
    [Fact]
    public async Task Changes_inside_never_reach_this_machine_and_disposing_ends_every_process_and_removes_its_cgroup()
    {
        var probe = "/etc/guest-agent-sandbox-probe-" + Guid.NewGuid().ToString("N");
        var hostName = await File.ReadAllTextAsync("/proc/sys/kernel/hostname", TestContext.Current.CancellationToken);
        string cgroup;
        string servicePid;
        await using (var sandbox = await SystemdSandbox.BootAsync(seed =>
        {
            // A private mode on the seed's etc/ must not become /etc's inside (the script takes the machine's),
            // nor one on the seed itself /'s, as a caller's umask of 077 makes it.
            Directory.CreateDirectory(Path.Combine(seed, "etc"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(seed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.WriteAllText(Path.Combine(seed, probe.TrimStart('/') + ".seeded"), "seeded\n");
        }))
        {
            Assert.Equal("systemd", (await File.ReadAllTextAsync($"/proc/{sandbox.InitPid}/comm", TestContext.Current.CancellationToken)).Trim());
            Assert.Equal("systemd", (await sandbox.RunCheckedAsync("cat", "/proc/1/comm")).Trim());

            await sandbox.RunCheckedAsync("touch", probe);
            await sandbox.RunCheckedAsync("hostname", "sandbox-probe");
            await sandbox.RunCheckedAsync("systemd-run", "--unit=probe", "/usr/bin/sleep", "infinity");

            Assert.True(File.Exists(sandbox.HostPath(probe)), "the file made inside is not visible through /proc/PID/root");
            Assert.Equal("seeded\n", await File.ReadAllTextAsync(sandbox.HostPath(probe + ".seeded"), TestContext.Current.CancellationToken));
            Assert.False(File.Exists(probe), "a file made inside the sandbox appeared on this machine");
            Assert.False(File.Exists(probe + ".seeded"), "a seeded file appeared on this machine");
            Assert.Equal(File.GetUnixFileMode("/etc"), File.GetUnixFileMode(sandbox.HostPath("/etc")));
            Assert.Equal(File.GetUnixFileMode("/"), File.GetUnixFileMode(sandbox.HostPath("/")));
            Assert.Equal("sandbox-probe", (await sandbox.RunCheckedAsync("hostname")).Trim());
            Assert.Equal(hostName, await File.ReadAllTextAsync("/proc/sys/kernel/hostname", TestContext.Current.CancellationToken));

            cgroup = sandbox.CgroupPath ?? throw new InvalidOperationException("the sandbox recorded no cgroup");
            // The host's view of the service's cgroup lists host PIDs.
            servicePid = (await File.ReadAllTextAsync(Path.Combine(cgroup, "system.slice", "probe.service", "cgroup.procs"), TestContext.Current.CancellationToken)).Trim();
            Assert.Equal("/usr/bin/sleep\0infinity\0", await File.ReadAllTextAsync($"/proc/{servicePid}/cmdline", TestContext.Current.CancellationToken));
        }

        Assert.False(Directory.Exists(cgroup), $"the sandbox's cgroup {cgroup} is still there");
        var cmdline = $"/proc/{servicePid}/cmdline";
        Assert.False(File.Exists(cmdline) && File.ReadAllText(cmdline) == "/usr/bin/sleep\0infinity\0", "the sandbox's service survived it");
    }

    [Fact]
    public async Task Closing_the_scripts_input_alone_ends_the_sandbox_and_removes_its_cgroup()
    {
        // The claim the live tests rest on: a runner that dies without disposing leaves nothing behind.
        await using var sandbox = await SystemdSandbox.BootAsync(_ => { });
        var cgroup = sandbox.CgroupPath ?? throw new InvalidOperationException("the sandbox recorded no cgroup");
        var init = sandbox.InitPid;
        Assert.True(IsSystemd(init));

        sandbox.CloseInput();

        // Bounded wait for the watchdog, not a timing claim: only a watchdog that never acts runs into it.
        var deadline = Deadline.After(TimeSpan.FromMinutes(2));
        while ((IsSystemd(init) || Directory.Exists(cgroup)) && !deadline.HasPassed)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.False(IsSystemd(init), $"the sandbox's systemd (PID {init}) is still running");
        Assert.False(Directory.Exists(cgroup), $"the sandbox's cgroup {cgroup} is still there");
    }

    private static bool IsSystemd(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "systemd";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
