using System.Text.RegularExpressions;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>The RPM read back with rpm's queries, its payload installed into a throw-away root.</summary>
public sealed partial class RpmPackageTests(RpmPackageBuild build) : IClassFixture<RpmPackageBuild>
{
    private static readonly string[] ExpectedFiles =
    [
        "drwxr-xr-x root:root /etc/guest-agent",
        "-rw-r--r-- root:root /etc/guest-agent/agent.json",
        "drwxr-xr-x root:root /usr/lib/guest-agent",
        "-rwxr-xr-x root:root /usr/lib/guest-agent/update-rollback",
        "-rw-r--r-- root:root /usr/lib/systemd/system-preset/90-guest-agent.preset",
        "-rw-r--r-- root:root /usr/lib/systemd/system/guest-agent.service",
        "-rwxr-xr-x root:root /usr/sbin/guest-agent",
        "drwxr-xr-x root:root /usr/share/doc/guest-agent",
        "-rw-r--r-- root:root /usr/share/doc/guest-agent/commands.md",
        "-rw-r--r-- root:root /usr/share/doc/guest-agent/daemon.md",
        "-rw-r--r-- root:root /usr/share/doc/guest-agent/networking.md",
        "drwxr-xr-x root:root /usr/share/licenses/guest-agent",
        "-rw-r--r-- root:root /usr/share/licenses/guest-agent/copyright",
        "-rw-r--r-- root:root /usr/share/man/man8/guest-agent.8.gz",
    ];

    [Fact]
    public async Task The_header_names_the_version_the_architecture_and_the_licenses()
    {
        var package = await build.PackageAsync();

        var info = (await QueryAsync(package, "-i")).StandardOutput;

        Assert.Matches(@"(?m)^Name\s*: guest-agent$", info);
        Assert.Matches($@"(?m)^Version\s*: {Regex.Escape(RepositoryFiles.VersionPrefix().Replace('-', '~'))}$", info);
        Assert.Matches(@"(?m)^Release\s*: 1$", info);
        Assert.Matches(@"(?m)^Architecture: x86_64$", info);
        Assert.Matches(@"(?m)^License\s*: Apache-2.0 AND MIT AND Zlib$", info);
    }

    [Fact]
    public async Task The_files_their_modes_and_owners_and_the_conffile_kept_on_upgrades()
    {
        var package = await build.PackageAsync();

        var files = await QueryAsync(package, "--qf", "[%{FILEMODES:perms} %{FILEUSERNAME}:%{FILEGROUPNAME} %{FILENAMES}\\n]");
        var flags = await QueryAsync(package, "--qf", "[%{FILEFLAGS:fflags} %{FILENAMES}\\n]");
        var list = await QueryAsync(package, "-l");

        Assert.Equal(ExpectedFiles, Lines(files.StandardOutput));
        Assert.Equal(ExpectedFiles.Select(line => line.Split(' ')[2]), Lines(list.StandardOutput));
        // c: a configuration file; n: noreplace, an edited one stays and the new one comes as .rpmnew.
        Assert.Contains("cn /etc/guest-agent/agent.json", Lines(flags.StandardOutput));
    }

    [Fact]
    public async Task It_requires_every_library_the_binary_links_and_libssl()
    {
        var package = await build.PackageAsync();
        var readelf = ExternalTool.Require("readelf", "binutils");

        var requires = Lines((await QueryAsync(package, "--requires")).StandardOutput);
        var dynamic = await ExternalTool.RunAsync(readelf, ["-d", build.Binary]);

        Assert.Contains("(libssl.so.3()(64bit) or libssl.so.1.1()(64bit))", requires);
        var needed = NeededLibrary().Matches(dynamic.StandardOutput).Select(m => m.Groups[1].Value).ToArray();
        Assert.Contains("libc.so.6", needed);
        Assert.All(needed, library => Assert.Contains($"{library}()(64bit)", requires));
    }

    [Theory]
    [InlineData("POSTIN", "systemctl --no-reload preset guest-agent.service")]
    [InlineData("PREUN", "systemctl --no-reload disable --now guest-agent.service")]
    [InlineData("POSTUN", "systemctl try-restart guest-agent.service")]
    public async Task The_scriptlets_are_valid_shell_with_no_macro_left_unexpanded(string tag, string action)
    {
        var package = await build.PackageAsync();
        var sh = ExternalTool.Require("sh", "dash");

        var program = (await QueryAsync(package, "--qf", $"%{{{tag}PROG}}")).StandardOutput;
        var body = (await QueryAsync(package, "--qf", $"%{{{tag}}}")).StandardOutput;
        var syntax = await ExternalTool.RunAsync(sh, ["-n", "-c", body]);

        Assert.Equal("/bin/sh", program);
        Assert.True(syntax.ExitCode == 0, syntax.StandardError);
        Assert.Contains(action, body, StringComparison.Ordinal);
        // A systemd_* macro the building machine lacked would be left as text and fail at install.
        Assert.DoesNotContain("%", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_payload_installs_into_another_root_and_the_preset_enables_the_unit_there()
    {
        var package = await build.PackageAsync();
        var rpm = ExternalTool.Require("rpm", "rpm");
        var systemctl = ExternalTool.Require("systemctl", "systemd");
        PackageRoot.RequirePrivileges("rpm");
        using var root = new TemporaryDirectory("guestagent-rpm-root-");
        Assert.Equal(0, (await ExternalTool.RunAsync(rpm, ["--root", root.Path, "--initdb"])).ExitCode);

        // The scriptlets run chrooted under rpm --root, which an empty root cannot do: the payload alone,
        // then what %post does (systemctl preset), by systemd itself, offline on that root.
        var install = await ExternalTool.RunAsync(rpm, ["--root", root.Path, "--install", "--nodeps", "--noscripts", package]);
        Assert.True(install.ExitCode == 0, install.StandardError);
        var preset = await ExternalTool.RunAsync(systemctl, [$"--root={root.Path}", "preset", "guest-agent.service"]);
        Assert.True(preset.ExitCode == 0, preset.StandardError);

        Assert.Equal("/usr/lib/systemd/system/guest-agent.service", new FileInfo(root.Combine("etc", "systemd", "system", "multi-user.target.wants", "guest-agent.service")).LinkTarget);
        var version = await ExternalTool.RunAsync(root.Combine("usr", "sbin", "guest-agent"), ["--version"]);
        Assert.StartsWith($"guest-agent {RepositoryFiles.VersionPrefix()}", version.StandardOutput, StringComparison.Ordinal);

        // An edited configuration is saved, not lost, when the package is erased.
        await File.WriteAllTextAsync(root.Combine("etc", "guest-agent", "agent.json"), "{}\n", TestContext.Current.CancellationToken);
        var erase = await ExternalTool.RunAsync(rpm, ["--root", root.Path, "--erase", "--nodeps", "--noscripts", "guest-agent"]);
        Assert.True(erase.ExitCode == 0, erase.StandardError);
        Assert.False(File.Exists(root.Combine("usr", "sbin", "guest-agent")));
        Assert.Equal("{}\n", await File.ReadAllTextAsync(root.Combine("etc", "guest-agent", "agent.json.rpmsave"), TestContext.Current.CancellationToken));
    }

    private async Task<ToolResult> QueryAsync(string package, params string[] query)
    {
        var rpm = ExternalTool.Require("rpm", "rpm");
        var result = await ExternalTool.RunAsync(rpm, ["--dbpath", build.QueryDatabase, "-qp", .. query, package]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")]
    private static partial Regex NeededLibrary();
}
