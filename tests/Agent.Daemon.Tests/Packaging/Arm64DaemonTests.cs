using System.Text.RegularExpressions;
using GuestAgent.Daemon.Tests.EndToEnd;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// The daemon published for arm64 on this x86-64 machine (<c>GUEST_AGENT_ARM64_BINARY</c>, which
/// scripts/test.sh cross-publishes): run by qemu-user against Debian's arm64 libc and libssl
/// (multiarch), and packaged by both build scripts, as an operator building images for arm64 guests would.
/// </summary>
public sealed partial class Arm64DaemonTests
{
    [Fact]
    public async Task The_arm64_daemon_runs_novas_first_boot_and_answers_as_the_x86_64_one_does()
    {
        var arm64 = Arm64Guest.Require();
        using var temporary = new TemporaryDirectory("guest-agent-demo-tmpdir-");
        var environment = new Dictionary<string, string> { ["TMPDIR"] = temporary.Path, ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "" };

        var emulated = await ExternalTool.RunAsync(Arm64Guest.Emulator(), [arm64, "demo"], environment: environment);
        var native = await AgentUnderTest.RunBinaryAsync(["demo"], environment: environment);

        Assert.True(emulated.ExitCode == 0, emulated.StandardOutput + emulated.StandardError);
        Assert.Contains("every answer is one Nova accepts", emulated.StandardOutput, StringComparison.Ordinal);
        Assert.True(native.ExitCode == 0, native.StandardOutput + native.StandardError);
        // Everything but what is random (ids, keys, the salt) or timed is the same, line for line.
        Assert.Equal(Comparable(native.StandardOutput), Comparable(emulated.StandardOutput));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temporary.Path));
    }

    [Fact]
    public async Task An_arm64_binary_becomes_an_arm64_deb_that_depends_on_arm64s_libc()
    {
        var arm64 = Arm64Guest.Require();
        ExternalTool.Require("dpkg-shlibdeps", "dpkg-dev");
        var dpkgDeb = ExternalTool.Require("dpkg-deb", "dpkg");
        using var output = new TemporaryDirectory();

        var result = await ExternalTool.RunAsync(RepositoryFiles.Path("packaging", "debian", "build.sh"), [arm64, "1.0.0", output.Path]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        var package = result.StandardOutput.Trim();
        Assert.Equal(output.Combine("guest-agent_1.0.0_arm64.deb"), package);
        var architecture = await ExternalTool.RunAsync(dpkgDeb, ["--field", package, "Architecture"]);
        Assert.Equal("arm64", architecture.StandardOutput.Trim());
        var depends = await ExternalTool.RunAsync(dpkgDeb, ["--field", package, "Depends"]);
        Assert.Matches(@"^libc6 \(>= 2\.[0-9]+\), libssl3 \| libssl1\.1$", depends.StandardOutput.Trim());

        // The binary shipped is the arm64 one, stripped of its .comment as the x86-64 one is.
        using var unpacked = new TemporaryDirectory();
        Assert.Equal(0, (await ExternalTool.RunAsync(dpkgDeb, ["--extract", package, unpacked.Path])).ExitCode);
        var sections = await ExternalTool.RunAsync(ExternalTool.Require("readelf", "binutils"), ["-h", "-S", unpacked.Combine("usr/sbin/guest-agent")]);
        Assert.Contains("AArch64", sections.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(".comment", sections.StandardOutput, StringComparison.Ordinal);
        var lintian = await ExternalTool.RunAsync(ExternalTool.Require("lintian", "lintian"), ["--fail-on", "error,warning", package], timeout: TimeSpan.FromMinutes(10));
        Assert.True(lintian.ExitCode == 0, lintian.StandardOutput + lintian.StandardError);
    }

    [Fact]
    public async Task An_arm64_binary_becomes_an_aarch64_rpm_that_requires_only_aarch64_libraries()
    {
        var arm64 = Arm64Guest.Require();
        var rpm = ExternalTool.Require("rpm", "rpm");
        ExternalTool.Require("rpmbuild", "rpm");
        using var output = new TemporaryDirectory();
        using var database = new TemporaryDirectory("guestagent-rpmdb-");

        var result = await ExternalTool.RunAsync(RepositoryFiles.Path("packaging", "rpm", "build.sh"), [arm64, "1.0.0", output.Path], timeout: TimeSpan.FromMinutes(5));

        Assert.True(result.ExitCode == 0, result.StandardError);
        var package = result.StandardOutput.Trim();
        Assert.Equal(output.Combine("guest-agent-1.0.0-1.aarch64.rpm"), package);
        var requires = await ExternalTool.RunAsync(rpm, ["--dbpath", database.Path, "-qp", "--requires", package]);
        Assert.Contains("ld-linux-aarch64.so.1()(64bit)", requires.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"libc\.so\.6\(GLIBC_2\.[0-9]+\)\(64bit\)", requires.StandardOutput);
        Assert.DoesNotContain("x86-64", requires.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>The demo's output with what differs between any two runs (ids, keys, salt, timings) blanked.</summary>
    private static string Comparable(string demo)
    {
        var text = DemoDirectory().Replace(demo, "guest-agent-demo-*");
        text = RequestId().Replace(text, "<id>");
        text = KeyExchangeNumber().Replace(text, "${prefix}<number>\"");
        text = EncryptedPassword().Replace(text, "${prefix}<encrypted>\"");
        text = ShadowHash().Replace(text, "$$6$$<salt>$$<hash>:");
        return Timing().Replace(text, "Done in <t> s");
    }

    [GeneratedRegex("guest-agent-demo-[A-Za-z0-9]{6}")]
    private static partial Regex DemoDirectory();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex RequestId();

    [GeneratedRegex("(?<prefix>\"name\": \"keyinit\", \"value\": \"|\"returncode\":\"D0\",\"message\":\")[0-9]+\"")]
    private static partial Regex KeyExchangeNumber();

    [GeneratedRegex("(?<prefix>\"name\": \"password\", \"value\": \")[A-Za-z0-9+/=]+\"")]
    private static partial Regex EncryptedPassword();

    [GeneratedRegex(@"\$6\$[./A-Za-z0-9]+\$[./A-Za-z0-9]+:")]
    private static partial Regex ShadowHash();

    [GeneratedRegex(@"Done in [0-9.]+ s")]
    private static partial Regex Timing();
}
