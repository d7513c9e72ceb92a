using System.Text.RegularExpressions;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>What the .deb holds and declares, read back with dpkg-deb, readelf and lintian.</summary>
[Collection(DebianPackageCollection.Name)]
public sealed partial class DebianPackageTests(DebianPackageBuild build)
{
    private static readonly string[] ExpectedEntries =
    [
        "./", "./etc/", "./etc/guest-agent/", "./etc/guest-agent/agent.json",
        "./usr/", "./usr/lib/", "./usr/lib/guest-agent/", "./usr/lib/guest-agent/update-rollback", "./usr/lib/systemd/", "./usr/lib/systemd/system/", "./usr/lib/systemd/system/guest-agent.service",
        "./usr/sbin/", "./usr/sbin/guest-agent",
        "./usr/share/", "./usr/share/doc/", "./usr/share/doc/guest-agent/", "./usr/share/doc/guest-agent/changelog.gz",
        "./usr/share/doc/guest-agent/commands.md.gz", "./usr/share/doc/guest-agent/copyright", "./usr/share/doc/guest-agent/daemon.md.gz",
        "./usr/share/doc/guest-agent/networking.md.gz",
        "./usr/share/lintian/", "./usr/share/lintian/overrides/", "./usr/share/lintian/overrides/guest-agent",
        "./usr/share/man/", "./usr/share/man/man8/", "./usr/share/man/man8/guest-agent.8.gz",
    ];

    [Fact]
    public async Task The_control_file_names_the_version_the_architecture_and_the_libraries_the_agent_needs()
    {
        var package = await build.PackageAsync();

        var fields = await ControlFieldsAsync(package);

        Assert.Equal("guest-agent", fields["Package"]);
        Assert.Equal(RepositoryFiles.VersionPrefix().Replace('-', '~'), fields["Version"]);
        Assert.Equal("amd64", fields["Architecture"]);
        Assert.Equal($"guest-agent_{fields["Version"]}_amd64.deb", Path.GetFileName(package));
        Assert.Matches(@"^libc6 \(>= 2\.[0-9]+\), ", fields["Depends"]);
        // Not linked but loaded at run time by keyinit, password and agentupdate.
        Assert.EndsWith(", libssl3 | libssl1.1", fields["Depends"], StringComparison.Ordinal);
        Assert.Equal("admin", fields["Section"]);
        Assert.True(int.Parse(fields["Installed-Size"], System.Globalization.CultureInfo.InvariantCulture) > 1024, fields["Installed-Size"]);
    }

    [Fact]
    public async Task Every_library_the_binary_links_comes_from_a_package_it_depends_on()
    {
        var package = await build.PackageAsync();
        var dpkg = ExternalTool.Require("dpkg", "dpkg");
        var readelf = ExternalTool.Require("readelf", "binutils");
        var depends = (await ControlFieldsAsync(package))["Depends"];
        var dependedOn = depends.Split([',', '|'], StringSplitOptions.TrimEntries).Select(d => d.Split(' ')[0]).ToHashSet();

        var dynamic = await ExternalTool.RunAsync(readelf, ["-d", build.Binary]);
        var needed = NeededLibrary().Matches(dynamic.StandardOutput).Select(m => m.Groups[1].Value).ToArray();

        Assert.Contains("libc.so.6", needed);
        foreach (var library in needed)
        {
            // Which package owns the library on this (Debian) machine: what an installation must pull in.
            var owner = await ExternalTool.RunAsync(dpkg, ["-S", $"*/{library}"]);
            Assert.True(owner.ExitCode == 0, $"no package owns {library}: {owner.StandardError}");
            // "libc6:amd64: /usr/lib/x86_64-linux-gnu/libc.so.6", or "a, b: path" when several own it.
            var packages = owner.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(line => !line.StartsWith("diversion ", StringComparison.Ordinal))
                .SelectMany(line => line[..line.IndexOf(": ", StringComparison.Ordinal)].Split(',', StringSplitOptions.TrimEntries))
                .Select(name => name.Split(':')[0])
                .ToHashSet();
            Assert.True(packages.Overlaps(dependedOn), $"{library} comes from {string.Join(", ", packages)}, not in Depends: {depends}");
        }
    }

    [Fact]
    public async Task The_files_are_root_owned_with_the_modes_debian_expects_and_the_debug_symbols_are_not_shipped()
    {
        var package = await build.PackageAsync();
        var dpkgDeb = ExternalTool.Require("dpkg-deb", "dpkg");

        var contents = await ExternalTool.RunAsync(dpkgDeb, ["--contents", package]);
        Assert.Equal(0, contents.ExitCode);
        var entries = contents.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(columns => columns[5], columns => (Mode: columns[0], Owner: columns[1]));

        Assert.Equal(ExpectedEntries.Order(StringComparer.Ordinal), entries.Keys.Order(StringComparer.Ordinal));
        Assert.All(entries, entry => Assert.Equal("root/root", entry.Value.Owner));
        foreach (var (path, (mode, _)) in entries)
        {
            var expected = path.EndsWith('/') ? "drwxr-xr-x" : path is "./usr/sbin/guest-agent" or "./usr/lib/guest-agent/update-rollback" ? "-rwxr-xr-x" : "-rw-r--r--";
            Assert.True(mode == expected, $"{path} is {mode}, expected {expected}");
        }
    }

    [Fact]
    public async Task The_configuration_file_is_a_conffile_and_the_maintainer_scripts_are_there()
    {
        var package = await build.PackageAsync();
        var dpkgDeb = ExternalTool.Require("dpkg-deb", "dpkg");

        var conffiles = await ExternalTool.RunAsync(dpkgDeb, ["--info", package, "conffiles"]);
        var info = await ExternalTool.RunAsync(dpkgDeb, ["--info", package]);

        Assert.Equal(["/etc/guest-agent/agent.json"], conffiles.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var script in new[] { "postinst", "prerm", "postrm" })
        {
            Assert.Matches($@"\s{script}\s+#!/bin/sh", info.StandardOutput);
        }
    }

    [Fact]
    public async Task The_shipped_binary_has_no_symbols_and_still_matches_the_published_debug_file()
    {
        var package = await build.PackageAsync();
        var dpkgDeb = ExternalTool.Require("dpkg-deb", "dpkg");
        var readelf = ExternalTool.Require("readelf", "binutils");
        using var extracted = new TemporaryDirectory();
        Assert.Equal(0, (await ExternalTool.RunAsync(dpkgDeb, ["--extract", package, extracted.Path])).ExitCode);
        var shipped = extracted.Combine("usr", "sbin", "guest-agent");

        var sections = (await ExternalTool.RunAsync(readelf, ["-SW", shipped])).StandardOutput;

        Assert.DoesNotContain(".symtab", sections, StringComparison.Ordinal);
        Assert.DoesNotContain(".debug_", sections, StringComparison.Ordinal);
        Assert.Contains(".gnu_debuglink", sections, StringComparison.Ordinal);
        // The build id is what debuggers match the separate guest-agent.dbg with.
        var shippedId = BuildId().Match((await ExternalTool.RunAsync(readelf, ["-n", shipped])).StandardOutput);
        var publishedId = BuildId().Match((await ExternalTool.RunAsync(readelf, ["-n", build.Binary])).StandardOutput);
        Assert.True(shippedId.Success, "the shipped binary has no build id");
        Assert.Equal(publishedId.Groups[1].Value, shippedId.Groups[1].Value);
    }

    [Fact]
    public async Task Lintian_reports_no_error_or_warning_and_every_override_is_still_needed()
    {
        var package = await build.PackageAsync();
        var lintian = ExternalTool.Require("lintian", "lintian");

        var result = await ExternalTool.RunAsync(lintian, ["--fail-on", "error,warning", "--display-info", package], timeout: TimeSpan.FromMinutes(10));

        var report = result.StandardOutput + result.StandardError;
        Assert.True(result.ExitCode == 0, report);
        Assert.DoesNotMatch("(?m)^[EW]: ", report);
        Assert.DoesNotContain("unused-override", report, StringComparison.Ordinal);
        Assert.DoesNotContain("mismatched-override", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_lintian_override_comes_with_its_reason()
    {
        var lines = await File.ReadAllLinesAsync(RepositoryFiles.Path("packaging", "debian", "lintian-overrides"), TestContext.Current.CancellationToken);

        var overrides = lines.Select((line, index) => (line, index)).Where(entry => entry.line.Length > 0 && !entry.line.StartsWith('#')).ToArray();

        Assert.NotEmpty(overrides);
        Assert.All(overrides, entry => Assert.True(entry.index > 0 && lines[entry.index - 1].StartsWith("# ", StringComparison.Ordinal), $"no reason written above '{entry.line}'"));
    }

    internal static async Task<Dictionary<string, string>> ControlFieldsAsync(string package)
    {
        var dpkgDeb = ExternalTool.Require("dpkg-deb", "dpkg");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "Package", "Version", "Architecture", "Depends", "Section", "Installed-Size", "Maintainer" })
        {
            var result = await ExternalTool.RunAsync(dpkgDeb, ["--field", package, name]);
            Assert.Equal(0, result.ExitCode);
            fields[name] = result.StandardOutput.Trim();
        }

        return fields;
    }

    [GeneratedRegex(@"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")]
    private static partial Regex NeededLibrary();

    [GeneratedRegex(@"Build ID: ([0-9a-f]+)")]
    private static partial Regex BuildId();
}
