using System.Diagnostics;

namespace GuestAgent.Testing;

/// <summary>
/// Every test project runs under <see cref="HostileUmask"/>, and so does every process its tests start: a
/// runner's own umask would otherwise decide what the mode checks can see.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostileUmaskTests
{
    [Fact]
    public async Task Tests_and_the_processes_they_start_run_under_umask_000()
    {
        var status = await File.ReadAllLinesAsync("/proc/self/status", TestContext.Current.CancellationToken);
        Assert.Contains("Umask:\t0000", status);

        using var shell = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "umask"]) { RedirectStandardOutput = true })!;
        var printed = await shell.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await shell.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal("0000", printed.Trim());
    }

    [Fact]
    public void A_file_made_without_a_mode_is_writable_by_every_user()
    {
        // What a fixture that leaves its mode to the umask gets here (see HostileUmask).
        var path = Path.Combine(Path.GetTempPath(), "guestagent-umask-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllText(path, "");
            Assert.Equal(UnixFileMode.OtherWrite, File.GetUnixFileMode(path) & UnixFileMode.OtherWrite);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
