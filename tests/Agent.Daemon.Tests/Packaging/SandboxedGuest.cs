using GuestAgent.Daemon.Tests.EndToEnd;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// A <see cref="SystemdSandbox"/> made into a guest for a package: the package file in <c>/root</c>,
/// XenStore served by the embedded server (<c>guest-agent xenstored</c>, a unit inside the sandbox) at
/// the path libxenstore picks by default, so the packaged configuration works as is, and the one
/// change to the unit a machine that is not a Xen guest needs. Requests are sent as Nova's dom0 plugin
/// sends them, with <c>xenstore-write</c> and <c>xenstore-read</c> from outside the sandbox.
/// </summary>
internal static class SandboxedGuest
{
    public const string Unit = "guest-agent.service";

    // The embedded server's socket connections act as dom0, so the packaged agent (no domainPath: the
    // guest's own home) serves /local/domain/0, where --guest-domid 0 creates data/host and data/guest.
    public const string Home = "/local/domain/0";
    public const string XenStoreSocket = "/run/xenstored/socket";

    private const string XenstoredBinary = "/usr/local/libexec/guest-agent-sandbox/guest-agent";

    /// <summary>Boots the sandbox with <paramref name="package"/> at <paramref name="guestPath"/> (not installed) and XenStore serving.</summary>
    public static async Task<SystemdSandbox> BootAsync(string package, string guestPath)
    {
        var binary = DaemonBinary.Require();
        ExternalTool.Require("xenstore-write", "xenstore-utils");
        var sandbox = await SystemdSandbox.BootAsync(seed =>
        {
            CopyInto(seed, package, guestPath);
            CopyInto(seed, binary, XenstoredBinary);
            // The only change to the packaged unit: it is conditioned on running in a Xen guest, which
            // this machine is not. Nothing else in it is touched.
            var dropIn = Path.Combine(seed, "etc/systemd/system/guest-agent.service.d/sandbox.conf");
            FixtureDirectories.Create(Path.GetDirectoryName(dropIn)!);
            File.WriteAllText(dropIn, "# Not a Xen guest: the sandbox of tests/Agent.Daemon.Tests/Packaging/SandboxedGuest.cs\n[Unit]\nConditionVirtualization=\n");
        });
        try
        {
            // Type=notify: systemd-run returns once the server said READY=1, i.e. listens.
            await sandbox.RunCheckedAsync(
                "systemd-run", "--unit=xenstored", "--property=Type=notify", "--property=RuntimeDirectory=xenstored",
                XenstoredBinary, "xenstored", "--socket", XenStoreSocket, "--guest-domid", "0");
            // Container images (Docker's) forbid starting services from maintainer scripts with a
            // policy-rc.d that exits 101; a booted guest has none. Removed from the overlay only.
            await sandbox.RunCheckedAsync("rm", "-f", "/usr/sbin/policy-rc.d");
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>The Xen project's tools, pointed from outside at the sandbox's XenStore socket.</summary>
    public static XenStoreTools Tools(SystemdSandbox sandbox) => new(sandbox.HostPath(XenStoreSocket));

    /// <summary>Nova's dom0 plugin: <c>xenstore-write</c> the request, poll for the answer with <c>xenstore-read</c>.</summary>
    public static async Task<string> SendAsync(XenStoreTools tools, string name, string value)
    {
        var id = Guid.NewGuid().ToString("D");
        await tools.WriteAsync($"{Home}/data/host/{id}", $"{{\"name\": \"{name}\", \"value\": \"{value}\"}}");
        return await tools.WaitForResponseAsync(Home, id, TimeSpan.FromMinutes(1));
    }

    /// <summary>What <c>version</c> answers: the version Directory.Build.props sets.</summary>
    public static string VersionAnswer() => $$"""{"returncode":"0","message":"{{RepositoryFiles.VersionPrefix()}}"}""";

    private static void CopyInto(string seed, string file, string guestPath)
    {
        var target = Path.Combine(seed, guestPath.TrimStart('/'));
        FixtureDirectories.Create(Path.GetDirectoryName(target)!);
        File.Copy(file, target);
    }
}
