using System.Runtime.InteropServices;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// packaging/debian/build.sh's arguments, run on a small ELF executable (/bin/true) so they need no
/// published daemon and take a fraction of a second.
/// </summary>
public sealed class DebianBuildScriptTests
{
    private static string Script() => RepositoryFiles.Path("packaging", "debian", "build.sh");

    private static Dictionary<string, string> At(long epoch) => new() { ["SOURCE_DATE_EPOCH"] = epoch.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static void RequireTools()
    {
        ExternalTool.Require("dpkg-deb", "dpkg");
        ExternalTool.Require("dpkg-shlibdeps", "dpkg-dev");
        ExternalTool.Require("objcopy", "binutils");
    }

    [Fact]
    public async Task A_pre_release_version_becomes_one_that_sorts_before_its_release()
    {
        RequireTools();
        using var output = new TemporaryDirectory();

        var result = await ExternalTool.RunAsync(Script(), ["/bin/true", "1.2.0-rc.1", output.Path], environment: At(1_700_000_000));

        Assert.True(result.ExitCode == 0, result.StandardError);
        var architecture = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64";
        Assert.Equal(output.Combine($"guest-agent_1.2.0~rc.1_{architecture}.deb"), result.StandardOutput.Trim());
        var version = await ExternalTool.RunAsync("dpkg-deb", ["--field", result.StandardOutput.Trim(), "Version"]);
        Assert.Equal("1.2.0~rc.1", version.StandardOutput.Trim());
        Assert.Equal(0, (await ExternalTool.RunAsync("dpkg", ["--compare-versions", "1.2.0~rc.1", "lt", "1.2.0"])).ExitCode);
    }

    [Fact]
    public async Task The_same_input_and_date_give_the_same_bytes()
    {
        RequireTools();
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();

        var one = await ExternalTool.RunAsync(Script(), ["/bin/true", "1.0.0", first.Path], environment: At(1_700_000_000));
        var two = await ExternalTool.RunAsync(Script(), ["/bin/true", "1.0.0", second.Path], environment: At(1_700_000_000));
        var later = await ExternalTool.RunAsync(Script(), ["/bin/true", "1.0.0", second.Combine("later")], environment: At(1_800_000_000));

        Assert.True(one.ExitCode == 0 && two.ExitCode == 0 && later.ExitCode == 0, one.StandardError + two.StandardError + later.StandardError);
        var bytes = await File.ReadAllBytesAsync(one.StandardOutput.Trim(), TestContext.Current.CancellationToken);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(two.StandardOutput.Trim(), TestContext.Current.CancellationToken));
        Assert.NotEqual(bytes, await File.ReadAllBytesAsync(later.StandardOutput.Trim(), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/bin/true", "1.0 beta", "'1.0 beta' is not a usable Debian version")]
    [InlineData("/nonexistent/guest-agent", "1.0.0", "binary '/nonexistent/guest-agent' does not exist")]
    public async Task Bad_arguments_are_refused_with_a_reason_and_exit_status_2(string binary, string version, string reason)
    {
        RequireTools();
        using var output = new TemporaryDirectory();

        var result = await ExternalTool.RunAsync(Script(), [binary, version, output.Path]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(reason, result.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(output.Path));
    }

    [Fact]
    public async Task A_file_that_is_not_an_executable_is_refused()
    {
        RequireTools();
        using var directory = new TemporaryDirectory();
        var text = directory.Combine("guest-agent");
        await File.WriteAllTextAsync(text, "#!/bin/sh\n", TestContext.Current.CancellationToken);

        var result = await ExternalTool.RunAsync(Script(), [text, "1.0.0", directory.Combine("out")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"'{text}' is not an x86-64 or AArch64 ELF executable", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory.Combine("out")));
    }
}
