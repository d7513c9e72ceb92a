using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// The .deb installed, removed and purged by the real dpkg, into a throw-away root (never this
/// machine): <c>dpkg --root</c> with <c>--force-script-chrootless</c> runs the maintainer scripts
/// with <c>DPKG_ROOT</c> set, as an image builder's bootstrap does, so they must only touch that root.
/// </summary>
[Collection(DebianPackageCollection.Name)]
public sealed class DebianPackageInstallTests(DebianPackageBuild build)
{
    private const string WantsLink = "etc/systemd/system/multi-user.target.wants/guest-agent.service";

    [Fact]
    public async Task Install_enables_the_unit_and_the_installed_agent_runs_remove_keeps_the_configuration_purge_removes_everything()
    {
        var package = await build.PackageAsync();
        using var root = new TemporaryDirectory("guestagent-dpkg-root-");
        var dpkg = DpkgIn(root);

        // The root has an empty dpkg database: libc6 and libssl are this machine's, not recorded there.
        var install = await RunAsync(dpkg, "--force-depends", "--install", package);
        Assert.True(install.ExitCode == 0, install.StandardError);

        foreach (var file in new[] { "usr/sbin/guest-agent", "usr/lib/systemd/system/guest-agent.service", "etc/guest-agent/agent.json", "usr/share/doc/guest-agent/copyright" })
        {
            Assert.True(File.Exists(root.Combine(file)), $"{file} was not installed");
        }

        Assert.Equal(
            await File.ReadAllTextAsync(RepositoryFiles.Path("packaging", "config", "agent.json"), TestContext.Current.CancellationToken),
            await File.ReadAllTextAsync(root.Combine("etc", "guest-agent", "agent.json"), TestContext.Current.CancellationToken));
        // deb-systemd-helper enabled the unit inside the root (DPKG_ROOT), as systemctl enable would.
        Assert.Equal("/usr/lib/systemd/system/guest-agent.service", new FileInfo(root.Combine(WantsLink)).LinkTarget);
        Assert.False(File.Exists(Path.Combine("/", WantsLink)) && !File.Exists("/usr/sbin/guest-agent"), "the package enabled the unit on this machine, not in the root");

        var version = await ExternalTool.RunAsync(root.Combine("usr", "sbin", "guest-agent"), ["--version"]);
        Assert.Equal(0, version.ExitCode);
        Assert.StartsWith($"guest-agent {RepositoryFiles.VersionPrefix()}", version.StandardOutput, StringComparison.Ordinal);
        var status = await RunAsync(dpkg, "--status", "guest-agent");
        Assert.Contains("Status: install ok installed", status.StandardOutput, StringComparison.Ordinal);

        // What the running agent would have left: its journal.
        FixtureDirectories.Create(root.Combine("var", "lib", "guest-agent"));
        await File.WriteAllTextAsync(root.Combine("var", "lib", "guest-agent", "xenstore-journal"), "boot\tx\n", TestContext.Current.CancellationToken);

        var remove = await RunAsync(dpkg, "--remove", "guest-agent");
        Assert.True(remove.ExitCode == 0, remove.StandardError);
        Assert.False(File.Exists(root.Combine("usr", "sbin", "guest-agent")));
        Assert.False(File.Exists(root.Combine("usr", "lib", "systemd", "system", "guest-agent.service")));
        // A removed package keeps its configuration and state until it is purged.
        Assert.True(File.Exists(root.Combine("etc", "guest-agent", "agent.json")));
        Assert.True(File.Exists(root.Combine("var", "lib", "guest-agent", "xenstore-journal")));
        Assert.Contains("Status: deinstall ok config-files", (await RunAsync(dpkg, "--status", "guest-agent")).StandardOutput, StringComparison.Ordinal);

        var purge = await RunAsync(dpkg, "--purge", "guest-agent");
        Assert.True(purge.ExitCode == 0, purge.StandardError);
        Assert.False(Directory.Exists(root.Combine("etc", "guest-agent")), "/etc/guest-agent survived the purge");
        Assert.False(Directory.Exists(root.Combine("var", "lib", "guest-agent")), "/var/lib/guest-agent survived the purge");
        Assert.False(File.Exists(root.Combine(WantsLink)) || new FileInfo(root.Combine(WantsLink)).LinkTarget is not null, "the unit is still enabled after the purge");
        Assert.False(new FileInfo(root.Combine("etc", "systemd", "system", "guest-agent.service")).LinkTarget is not null, "the unit is still masked after the purge");
        Assert.NotEqual(0, (await RunAsync(dpkg, "--status", "guest-agent")).ExitCode);
    }

    [Fact]
    public async Task An_upgrade_keeps_an_edited_configuration_and_an_operators_disable()
    {
        var package = await build.PackageAsync();
        using var root = new TemporaryDirectory("guestagent-dpkg-root-");
        var dpkg = DpkgIn(root);
        Assert.Equal(0, (await RunAsync(dpkg, "--force-depends", "--install", package)).ExitCode);
        var configuration = root.Combine("etc", "guest-agent", "agent.json");
        await File.WriteAllTextAsync(configuration, "{ \"logLevel\": \"debug\" }\n", TestContext.Current.CancellationToken);
        // systemctl disable, as an operator would run it.
        File.Delete(root.Combine(WantsLink));

        // The same version again: dpkg runs the upgrade path (postinst configure with the old version).
        var reinstall = await RunAsync(dpkg, "--force-depends", "--force-confold", "--install", package);

        Assert.True(reinstall.ExitCode == 0, reinstall.StandardError);
        Assert.Equal("{ \"logLevel\": \"debug\" }\n", await File.ReadAllTextAsync(configuration, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(root.Combine(WantsLink)) || new FileInfo(root.Combine(WantsLink)).LinkTarget is not null, "the upgrade enabled the unit the operator had disabled");
    }

    /// <summary>dpkg working on <paramref name="root"/>, with an initialised (empty) database there.</summary>
    private static string[] DpkgIn(TemporaryDirectory root)
    {
        var dpkg = ExternalTool.Require("dpkg", "dpkg");
        ExternalTool.Require("deb-systemd-helper", "init-system-helpers");
        PackageRoot.RequirePrivileges("dpkg");

        foreach (var directory in new[] { "info", "updates", "triggers" })
        {
            FixtureDirectories.Create(root.Combine("var", "lib", "dpkg", directory));
        }

        File.WriteAllText(root.Combine("var", "lib", "dpkg", "status"), "");
        File.WriteAllText(root.Combine("var", "lib", "dpkg", "available"), "");
        return [dpkg, $"--root={root.Path}", "--force-script-chrootless"];
    }

    private static Task<ToolResult> RunAsync(string[] dpkg, params string[] arguments) =>
        ExternalTool.RunAsync(dpkg[0], [.. dpkg[1..], .. arguments], timeout: TimeSpan.FromMinutes(5));
}
