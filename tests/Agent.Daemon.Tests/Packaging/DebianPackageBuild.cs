using GuestAgent.Daemon.Tests.EndToEnd;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// The .deb built once per test class by <c>packaging/debian/build.sh</c> from the published daemon
/// (<c>GUEST_AGENT_BINARY</c>); every test first checks its own requirements, so a missing binary or
/// tool skips locally and fails in CI like the other end-to-end tests.
/// </summary>
public sealed class DebianPackageBuild : IDisposable
{
    private readonly TemporaryDirectory output = new("guestagent-deb-");
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? package;

    /// <summary>The published binary the package was built from.</summary>
    public string Binary { get; private set; } = string.Empty;

    /// <summary>Builds the package (the first time) and returns its path.</summary>
    public async Task<string> PackageAsync()
    {
        var binary = DaemonBinary.Require();
        ExternalTool.Require("dpkg-deb", "dpkg");
        ExternalTool.Require("dpkg-shlibdeps", "dpkg-dev");
        ExternalTool.Require("objcopy", "binutils");
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (package is null)
            {
                // No VERSION argument: the script takes VersionPrefix from Directory.Build.props.
                var result = await ExternalTool.RunAsync(RepositoryFiles.Path("packaging", "debian", "build.sh"), [binary, "", output.Path], timeout: TimeSpan.FromMinutes(2));
                Assert.True(result.ExitCode == 0, $"build.sh failed ({result.ExitCode}): {result.StandardError}");
                package = result.StandardOutput.Trim();
                Binary = binary;
            }

            return package;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        gate.Dispose();
        output.Dispose();
    }
}
