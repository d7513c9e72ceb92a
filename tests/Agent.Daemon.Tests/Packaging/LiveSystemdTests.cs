using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Daemon.Tests.EndToEnd;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// The .deb installed with the real dpkg on a running systemd (this machine's, booted in a throw-away
/// <see cref="SystemdSandbox"/>), then driven as Nova drives a guest: what the other packaging tests
/// cannot see. The maintainer scripts enable and start the unit, Type=notify start-up completes, the
/// hardening still lets the agent write /etc/shadow, its state directory and the network files, bring
/// an interface up and set the hostname (resetnetwork), Restart= and
/// RestartPreventExitStatus= behave as the unit says, SIGTERM stops it cleanly, purge undoes it all.
/// The guest and its XenStore: <see cref="SandboxedGuest"/>.
/// </summary>
[Collection(DebianPackageCollection.Name)]
public sealed partial class LiveSystemdTests(DebianPackageBuild build)
{
    private const string Unit = SandboxedGuest.Unit;
    private const string Home = SandboxedGuest.Home;

    [Fact]
    public async Task Dpkg_install_enables_and_starts_the_agent_which_answers_nova_and_purge_stops_and_removes_it()
    {
        await using var sandbox = await BootAsync();
        var hostShadow = await File.ReadAllTextAsync("/etc/shadow", TestContext.Current.CancellationToken);

        await InstallAsync(sandbox);

        // postinst enabled it and started it; Type=notify means "active" only after READY=1.
        Assert.Equal("active", (await sandbox.RunAsync("systemctl", "is-active", Unit)).StandardOutput.Trim());
        Assert.Equal("enabled", (await sandbox.RunAsync("systemctl", "is-enabled", Unit)).StandardOutput.Trim());
        var tools = SandboxedGuest.Tools(sandbox);
        Assert.Equal(SandboxedGuest.VersionAnswer(), await SandboxedGuest.SendAsync(tools, "version", "agent"));

        // keyinit + password with Nova's key exchange and cipher: under the unit's hardening the agent
        // still rewrites /etc/shadow (the sandbox's; this machine's stays as it was).
        const string password = "L1ve-systemd-pw";
        var setPassword = await AgentUnderTest.RunBinaryAsync(["set-password", "--xenstore", sandbox.HostPath(SandboxedGuest.XenStoreSocket), "--domid", "0"], password + "\n");
        Assert.True(setPassword.ExitCode == 0, setPassword.StandardError);
        Assert.Equal("""{"returncode":"0","message":""}""", setPassword.StandardOutput.Trim());
        await ShadowAssert.RootPasswordInFileIsAsync(sandbox.HostPath("/etc/shadow"), password);
        Assert.Equal(hostShadow, await File.ReadAllTextAsync("/etc/shadow", TestContext.Current.CancellationToken));
        Assert.True(File.Exists(sandbox.HostPath("/var/lib/guest-agent/xenstore-journal")), "the agent keeps its journal of answered requests in its StateDirectory");

        // injectfile into /root (the unit has no ProtectHome=).
        const string key = "ssh-ed25519 AAAAlive nova@host\n";
        var hostKeys = File.Exists("/root/.ssh/authorized_keys") ? await File.ReadAllTextAsync("/root/.ssh/authorized_keys", TestContext.Current.CancellationToken) : null;
        Assert.Equal("""{"returncode":"0","message":""}""", await SandboxedGuest.SendAsync(tools, "injectfile", Convert.ToBase64String(Encoding.UTF8.GetBytes("/root/.ssh/authorized_keys," + key))));
        Assert.Equal(key, await File.ReadAllTextAsync(sandbox.HostPath("/root/.ssh/authorized_keys"), TestContext.Current.CancellationToken));
        Assert.Equal(hostKeys, File.Exists("/root/.ssh/authorized_keys") ? await File.ReadAllTextAsync("/root/.ssh/authorized_keys", TestContext.Current.CancellationToken) : null);

        await ResetNetworkAsync(sandbox, tools);

        var purge = await sandbox.RunAsync("dpkg", "--purge", "guest-agent");

        Assert.True(purge.ExitCode == 0, purge.StandardError);
        Assert.Equal("inactive", await sandbox.PropertyAsync(Unit, "ActiveState"));
        Assert.Equal("not-found", await sandbox.PropertyAsync(Unit, "LoadState"));
        Assert.NotEqual(0, (await sandbox.RunAsync("systemctl", "is-enabled", Unit)).ExitCode);
        Assert.False(File.Exists(sandbox.HostPath("/etc/systemd/system/multi-user.target.wants/" + Unit)), "the enable link survived the purge");
        Assert.False(Directory.Exists(sandbox.HostPath("/var/lib/guest-agent")), "/var/lib/guest-agent survived the purge");
        Assert.False(Directory.Exists(sandbox.HostPath("/etc/guest-agent")), "/etc/guest-agent survived the purge");
        Assert.Contains("guest-agent: Stopped", await sandbox.WaitForJournalAsync(Unit, "guest-agent: Stopped"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Systemd_restarts_a_killed_agent_stops_it_with_sigterm_and_does_not_restart_it_on_a_bad_configuration()
    {
        await using var sandbox = await BootAsync();
        await InstallAsync(sandbox);
        var tools = SandboxedGuest.Tools(sandbox);

        // An upgrade (the same package again): postinst restarts the agent on the new files.
        var installedPid = await sandbox.PropertyAsync(Unit, "MainPID");
        await InstallAsync(sandbox);
        Assert.Equal("active", await sandbox.PropertyAsync(Unit, "ActiveState"));
        var firstPid = await sandbox.PropertyAsync(Unit, "MainPID");
        Assert.NotEqual(installedPid, firstPid);
        Assert.Equal("0", await sandbox.PropertyAsync(Unit, "NRestarts"));

        // A crash: Restart=on-failure starts a new process, which serves again.
        await sandbox.RunCheckedAsync("systemctl", "kill", "--kill-whom=main", "--signal=SIGKILL", Unit);
        await WaitForRestartAsync(sandbox, firstPid);
        Assert.Equal(SandboxedGuest.VersionAnswer(), await SandboxedGuest.SendAsync(tools, "version", "agent"));

        // systemctl stop sends SIGTERM: the agent exits 0 on its own, well within TimeoutStopSec (a
        // SIGKILL after the timeout would leave Result=timeout and no "Stopped" line).
        await sandbox.RunCheckedAsync("systemctl", "stop", Unit);
        Assert.Equal("inactive", await sandbox.PropertyAsync(Unit, "ActiveState"));
        Assert.Equal("success", await sandbox.PropertyAsync(Unit, "Result"));
        Assert.Equal("0", await sandbox.PropertyAsync(Unit, "ExecMainStatus"));
        var journal = await sandbox.WaitForJournalAsync(Unit, "guest-agent: Stopped");
        Assert.Contains("Stopping on SIGTERM", journal, StringComparison.Ordinal);
        Assert.Contains("guest-agent: Stopped", journal, StringComparison.Ordinal);

        // A bad configuration exits 2: RestartPreventExitStatus=2 leaves the unit failed. Were it
        // restarted, systemd would show it "activating"/"auto-restart" from the moment it exited.
        await File.WriteAllTextAsync(sandbox.HostPath("/etc/guest-agent/agent.json"), "{ \"noSuchSetting\": 1 }\n", TestContext.Current.CancellationToken);
        Assert.NotEqual(0, (await sandbox.RunAsync("systemctl", "start", Unit)).ExitCode);
        Assert.Equal("2", await sandbox.PropertyAsync(Unit, "ExecMainStatus"));
        Assert.Equal("failed", await sandbox.PropertyAsync(Unit, "ActiveState"));
        Assert.Equal("failed", await sandbox.PropertyAsync(Unit, "SubState"));
        Assert.Equal("0", await sandbox.PropertyAsync(Unit, "NRestarts"));
        Assert.Contains("unknown key 'noSuchSetting'", await sandbox.WaitForJournalAsync(Unit, "noSuchSetting"), StringComparison.Ordinal);

        // Recorded, not asserted: the score's weights change between systemd versions (docs/daemon.md).
        var security = await sandbox.RunCheckedAsync("systemd-analyze", "security", "--no-pager", Unit);
        var exposure = ExposurePattern().Match(security);
        Assert.True(exposure.Success, $"systemd-analyze security printed no overall exposure: {security}");
        TestContext.Current.TestOutputHelper?.WriteLine($"systemd-analyze security {Unit}: {exposure.Groups[1].Value}");
    }

    [Fact]
    public async Task Agentupdate_over_https_from_a_private_ca_trusted_by_a_drop_in_replaces_the_packaged_binary_and_restarts_the_unit_through_systemctl()
    {
        var python = ExternalTool.Require("python3", "python3");
        await using var sandbox = await BootAsync();
        await InstallAsync(sandbox);
        var tools = SandboxedGuest.Tools(sandbox);
        // The update is the published binary; the package holds a stripped copy, so the bytes differ.
        var update = await File.ReadAllBytesAsync(DaemonBinary.Require(), TestContext.Current.CancellationToken);
        Assert.NotEqual(update, await File.ReadAllBytesAsync(sandbox.HostPath("/usr/sbin/guest-agent"), TestContext.Current.CancellationToken));
        var archive = await UpdateArchiveAsync(sandbox, update);
        // An https server inside the sandbox (its own network namespace) whose certificate a private
        // CA issued; the packaged agent.json (https only) is kept, and the operator's drop-in trusts the CA.
        using var authority = new TestCertificateAuthority("Live test private CA");
        await ServeOverHttpsAsync(sandbox, python, authority);
        authority.WritePem(sandbox.HostPath("/etc/guest-agent/private-ca.pem"));
        await File.WriteAllTextAsync(
            sandbox.HostPath("/etc/systemd/system/guest-agent.service.d/private-ca.conf"),
            "[Service]\nEnvironment=SSL_CERT_FILE=/etc/guest-agent/private-ca.pem\n",
            TestContext.Current.CancellationToken);
        await sandbox.RunCheckedAsync("systemctl", "daemon-reload");
        await sandbox.RunCheckedAsync("systemctl", "restart", Unit);
        var oldPid = await sandbox.PropertyAsync(Unit, "MainPID");

        var answer = await SandboxedGuest.SendAsync(tools, "agentupdate", $"https://127.0.0.1:8080/guest-agent.tar.gz,{Convert.ToHexStringLower(MD5.HashData(archive))}");

        // The answer comes first; the agent's `systemctl --no-block restart` then replaces the process.
        Assert.Equal("""{"returncode":"0","message":""}""", answer);
        Assert.Equal(update, await File.ReadAllBytesAsync(sandbox.HostPath("/usr/sbin/guest-agent"), TestContext.Current.CancellationToken));
        Assert.True(File.Exists(sandbox.HostPath("/usr/sbin/guest-agent.bak")), "the previous binary is kept as guest-agent.bak");
        await WaitForNewProcessAsync(sandbox, oldPid);
        // Restarted by its own systemctl call, not by Restart= after a crash (which counts in NRestarts).
        Assert.Equal("0", await sandbox.PropertyAsync(Unit, "NRestarts"));
        Assert.Equal(SandboxedGuest.VersionAnswer(), await SandboxedGuest.SendAsync(tools, "version", "agent"));
    }

    [Fact]
    public async Task Agentupdate_over_https_without_the_drop_in_answers_that_the_certificate_is_not_trusted()
    {
        // The counterpart: the same server and CA, no drop-in. Without it the test above could pass
        // on a machine that trusted the CA some other way.
        var python = ExternalTool.Require("python3", "python3");
        await using var sandbox = await BootAsync();
        await InstallAsync(sandbox);
        using var authority = new TestCertificateAuthority("Live test private CA");
        await ServeOverHttpsAsync(sandbox, python, authority);
        var before = await File.ReadAllBytesAsync(sandbox.HostPath("/usr/sbin/guest-agent"), TestContext.Current.CancellationToken);

        var answer = await SandboxedGuest.SendAsync(SandboxedGuest.Tools(sandbox), "agentupdate", $"https://127.0.0.1:8080/guest-agent.tar.gz,{new string('a', 32)}");

        Assert.Equal("""{"returncode":"500","message":"Couldn't download the update: the server's TLS certificate is not trusted"}""", answer);
        Assert.Equal(before, await File.ReadAllBytesAsync(sandbox.HostPath("/usr/sbin/guest-agent"), TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// resetnetwork under the hardening: the agent writes /etc/network/interfaces, /etc/hostname and
    /// /etc/hosts, runs ifup (netlink, CAP_NET_ADMIN) and sets the hostname, all inside the sandbox's
    /// own network and UTS namespaces. Its eth0 is one end of a veth pair with the VIF's MAC.
    /// </summary>
    private static async Task ResetNetworkAsync(SystemdSandbox sandbox, XenStoreTools tools)
    {
        // This machine has netplan installed (other tests use it) but the sandbox runs neither udev nor
        // networkd, which netplan apply needs; Debian's own ifupdown is what such a guest would run.
        await File.WriteAllTextAsync(sandbox.HostPath("/etc/guest-agent/agent.json"), """{ "network": { "backend": "ifupdown" } }""" + "\n", TestContext.Current.CancellationToken);
        await sandbox.RunCheckedAsync("systemctl", "restart", Unit);
        await sandbox.RunCheckedAsync("ip", "link", "add", "eth0", "address", GuestAgent.Daemon.Demo.DemoGuest.Mac, "type", "veth", "peer", "name", "host0");
        await sandbox.RunCheckedAsync("ip", "link", "set", "host0", "up");
        var hostName = await File.ReadAllTextAsync("/proc/sys/kernel/hostname", TestContext.Current.CancellationToken);
        await tools.WriteAsync(
            $"{Home}/vm-data/networking/{GuestAgent.Daemon.Demo.DemoGuest.Mac.Replace(":", "", StringComparison.Ordinal)}", GuestAgent.Daemon.Demo.DemoGuest.NetworkingJson,
            $"{Home}/vm-data/hostname", "live-instance");

        Assert.Equal("""{"returncode":"0","message":""}""", await SandboxedGuest.SendAsync(tools, "resetnetwork", ""));

        Assert.Contains("address 203.0.113.10", await File.ReadAllTextAsync(sandbox.HostPath("/etc/network/interfaces"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("inet 203.0.113.10/24", await sandbox.RunCheckedAsync("ip", "-4", "-o", "address", "show", "dev", "eth0"), StringComparison.Ordinal);
        Assert.Equal("live-instance", (await sandbox.RunCheckedAsync("hostname")).Trim());
        Assert.Equal("live-instance\n", await File.ReadAllTextAsync(sandbox.HostPath("/etc/hostname"), TestContext.Current.CancellationToken));
        Assert.Equal(hostName, await File.ReadAllTextAsync("/proc/sys/kernel/hostname", TestContext.Current.CancellationToken));
    }

    [GeneratedRegex(@"Overall exposure level for guest-agent\.service: ([0-9.]+ [A-Z]+)")]
    private static partial Regex ExposurePattern();

    private async Task<SystemdSandbox> BootAsync() => await SandboxedGuest.BootAsync(await build.PackageAsync(), "/root/guest-agent.deb");

    private static async Task InstallAsync(SystemdSandbox sandbox)
    {
        var install = await sandbox.RunAsync("dpkg", "--install", "/root/guest-agent.deb");
        Assert.True(install.ExitCode == 0, $"dpkg --install failed: {install.StandardError}{install.StandardOutput}");
    }

    /// <summary>A tar.gz holding <c>guest-agent</c>, written to the sandbox's /srv/updates; returns its bytes.</summary>
    private static async Task<byte[]> UpdateArchiveAsync(SystemdSandbox sandbox, byte[] binary)
    {
        using var staging = new TemporaryDirectory("guestagent-update-");
        var file = staging.Combine("guest-agent");
        await File.WriteAllBytesAsync(file, binary, TestContext.Current.CancellationToken);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var archive = sandbox.HostPath("/srv/updates/guest-agent.tar.gz");
        FixtureDirectories.Create(Path.GetDirectoryName(archive)!);
        var tar = await ExternalTool.RunAsync(ExternalTool.Require("tar", "tar"), ["-czf", archive, "-C", staging.Path, "guest-agent"]);
        Assert.True(tar.ExitCode == 0, tar.StandardError);
        return await File.ReadAllBytesAsync(archive, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Python's file server over TLS on 127.0.0.1:8080 inside the sandbox, serving /srv/updates with a
    /// certificate <paramref name="authority"/> issued for 127.0.0.1.
    /// </summary>
    private static async Task ServeOverHttpsAsync(SystemdSandbox sandbox, string python, TestCertificateAuthority authority)
    {
        using var certificate = authority.IssueLoopbackServer();
        FixtureDirectories.Create(sandbox.HostPath("/srv/tls"));
        FixtureDirectories.Create(sandbox.HostPath("/srv/updates"));
        await File.WriteAllTextAsync(sandbox.HostPath("/srv/tls/server.pem"), certificate.ExportCertificatePem(), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(sandbox.HostPath("/srv/tls/server.key"), certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem(), TestContext.Current.CancellationToken);
        const string Server = """
            import functools, http.server, ssl
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain("/srv/tls/server.pem", "/srv/tls/server.key")
            handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory="/srv/updates")
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 8080), handler)
            server.socket = context.wrap_socket(server.socket, server_side=True)
            server.serve_forever()
            """;
        await sandbox.RunCheckedAsync("systemd-run", "--unit=updates", "--property=Type=exec", python, "-c", Server);
        await WaitForListenerAsync(sandbox, python);
    }

    /// <summary>Waits (a safety net of two minutes) until something accepts connections on 127.0.0.1:8080 inside the sandbox.</summary>
    private static async Task WaitForListenerAsync(SystemdSandbox sandbox, string python)
    {
        await PollAsync(
            async () => (await sandbox.RunAsync(python, "-c", "import socket; socket.create_connection(('127.0.0.1', 8080)).close()")).ExitCode == 0
                ? null
                : $"the update server did not start: {await sandbox.JournalAsync("updates.service")}",
            TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Waits (a safety net of two minutes) until the unit is active with a main process other than <paramref name="previousPid"/>.</summary>
    private static async Task WaitForNewProcessAsync(SystemdSandbox sandbox, string previousPid)
    {
        await PollAsync(async () =>
        {
            var state = await sandbox.PropertyAsync(Unit, "ActiveState");
            var pid = await sandbox.PropertyAsync(Unit, "MainPID");
            return state == "active" && pid != "0" && pid != previousPid
                ? null
                : $"the agent was not restarted after the update (ActiveState={state}, MainPID={pid}): {await sandbox.JournalAsync(Unit)}";
        });
    }

    /// <summary>Waits (a safety net of two minutes) until systemd has restarted the unit once and the new process is serving.</summary>
    private static async Task WaitForRestartAsync(SystemdSandbox sandbox, string previousPid)
    {
        await PollAsync(async () =>
        {
            var restarts = await sandbox.PropertyAsync(Unit, "NRestarts");
            var state = await sandbox.PropertyAsync(Unit, "ActiveState");
            var pid = await sandbox.PropertyAsync(Unit, "MainPID");
            if (restarts == "1" && state == "active" && pid != "0")
            {
                Assert.NotEqual(previousPid, pid);
                return null;
            }

            return $"the killed agent was not restarted (NRestarts={restarts}, ActiveState={state}, MainPID={pid}): {await sandbox.JournalAsync(Unit)}";
        });
    }

    /// <summary>
    /// Calls <paramref name="notYet"/> every <paramref name="interval"/> (200 ms unless given) until it answers
    /// null, done; what it answers otherwise says what it saw, the failure once the wait's safety net of two
    /// minutes has passed. It may fail sooner itself, on a state that will not change.
    /// </summary>
    private static async Task PollAsync(Func<Task<string?>> notYet, TimeSpan? interval = null)
    {
        var deadline = Deadline.After(TimeSpan.FromMinutes(2));
        while (await notYet() is { } seen)
        {
            Assert.False(deadline.HasPassed, seen);
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(200));
        }
    }
}
