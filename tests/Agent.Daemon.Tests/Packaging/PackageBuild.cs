using GuestAgent.Daemon.Tests.EndToEnd;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// A package built once per fixture by one of the packaging/*/build.sh scripts from the published
/// daemon (<c>GUEST_AGENT_BINARY</c>); every test first checks its own requirements, so a missing
/// binary or tool skips locally and fails in CI like the other end-to-end tests.
/// </summary>
public abstract class PackageBuild : IDisposable
{
    private readonly TemporaryDirectory output = new("guestagent-package-");
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? package;

    /// <summary>The published binary the package was built from.</summary>
    public string Binary { get; private set; } = string.Empty;

    /// <summary>The build script, relative to the repository root.</summary>
    protected abstract string[] Script { get; }

    /// <summary>Checks the tools the script needs (skips locally, fails in CI).</summary>
    protected abstract void RequireTools();

    /// <summary>Builds the package (the first time) and returns its path.</summary>
    public async Task<string> PackageAsync()
    {
        var binary = DaemonBinary.Require();
        RequireTools();
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (package is null)
            {
                // No VERSION argument: the script takes VersionPrefix from Directory.Build.props. Its work
                // directory under a TMPDIR holding a space, as a builder's may: every path in it is one word.
                var temporary = Directory.CreateDirectory(System.IO.Path.Combine(output.Path, "build tmp")).FullName;
                var result = await ExternalTool.RunAsync(
                    RepositoryFiles.Path(Script), [binary, "", output.Path], environment: new Dictionary<string, string> { ["TMPDIR"] = temporary }, timeout: TimeSpan.FromMinutes(10));
                Assert.True(result.ExitCode == 0, $"{string.Join('/', Script)} failed ({result.ExitCode}): {result.StandardError}");
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
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            gate.Dispose();
            output.Dispose();
        }
    }
}

/// <summary>The .deb, by packaging/debian/build.sh.</summary>
public sealed class DebianPackageBuild : PackageBuild
{
    protected override string[] Script => ["packaging", "debian", "build.sh"];

    protected override void RequireTools()
    {
        ExternalTool.Require("dpkg-deb", "dpkg");
        ExternalTool.Require("dpkg-shlibdeps", "dpkg-dev");
        ExternalTool.Require("objcopy", "binutils");
    }
}

/// <summary>The RPM, by packaging/rpm/build.sh.</summary>
public sealed class RpmPackageBuild : PackageBuild
{
    private readonly TemporaryDirectory database = new("guestagent-rpmdb-");

    /// <summary>
    /// An empty rpm database for queries of the package file: without one, rpm opens (and creates)
    /// ~/.rpmdb on the machine running the tests.
    /// </summary>
    public string QueryDatabase => database.Path;

    protected override string[] Script => ["packaging", "rpm", "build.sh"];

    protected override void RequireTools()
    {
        ExternalTool.Require("rpmbuild", "rpm");
        ExternalTool.Require("readelf", "binutils");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            database.Dispose();
        }

        base.Dispose(disposing);
    }
}
