using System.Security.Cryptography;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>Installing the new binary: streamed into place, never read into memory whole, and bounded in size.</summary>
public sealed class AgentInstallerTests : IDisposable
{
    private const string Binary = "/usr/sbin/guest-agent";
    private const long Large = 128L * 1024 * 1024;

    private readonly CommandRoot _root = new();
    private readonly TemporaryDirectory _staging = new();

    public AgentInstallerTests() => _root.WriteFile(Binary, "old agent binary", "755");

    [Fact]
    public async Task A_large_binary_is_streamed_into_place_without_being_buffered()
    {
        // Sparse: 128 MiB that cost no disk until installed, with marks at both ends and the middle.
        var source = SparseFile(Large);
        var options = new AgentUpdateOptions { MaxBinaryBytes = Large };

        // The install up to its first wait (the write, and with the recording runner all of it) runs
        // on this thread: whatever it allocates is counted here, and other tests' allocations are not.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var installing = AgentInstaller.InstallAsync(_root.System, options, source, TestContext.Current.CancellationToken);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        await installing;

        Assert.True(allocated < Large / 16, $"installing a {Large}-byte binary allocated {allocated} bytes");
        Assert.Equal(Sha256(source), Sha256(_root.HostPath(Binary)));
        Assert.Equal((UnixFileMode)Convert.ToInt32("755", 8), _root.System.FileSystem.GetStatus(Binary)!.Value.Mode);
        Assert.Equal("old agent binary", File.ReadAllText(_root.HostPath(Binary + ".bak")));
    }

    [Fact]
    public async Task A_binary_over_the_limit_is_refused_and_nothing_changes()
    {
        var source = SparseFile(4097);
        var before = TreeSnapshot.Take(_root.System.FileSystem.Root);

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            AgentInstaller.InstallAsync(_root.System, new AgentUpdateOptions { MaxBinaryBytes = 4096 }, source, TestContext.Current.CancellationToken));

        Assert.Equal("The update's binary is larger than 4096 bytes", error.Message);
        Assert.Equal(before, TreeSnapshot.Take(_root.System.FileSystem.Root));
    }

    [Fact]
    public void A_restart_command_without_a_program_is_refused_when_the_options_are_made()
    {
        // Found only after the rename, it would leave the new binary installed, not restarted and
        // not rolled back, answered with an internal error.
        var error = Assert.Throws<ArgumentException>(() => new AgentUpdateOptions { RestartCommand = [] });

        Assert.Equal("RestartCommand", error.ParamName);
        Assert.Equal(["/bin/systemctl", "--no-block", "restart", "guest-agent.service"], AgentUpdateOptions.Default.RestartCommand);
        Assert.Equal("RestartCommand", Assert.Throws<ArgumentException>(() => new AgentUpdateOptions { RestartCommand = [" ", "restart"] }).ParamName);
        Assert.Equal("RestartCommand", Assert.Throws<ArgumentNullException>(() => new AgentUpdateOptions { RestartCommand = null! }).ParamName);
    }

    [Fact]
    public void The_restart_command_is_copied_when_the_options_are_made()
    {
        var given = new List<string> { "/usr/sbin/service", "guest-agent", "restart" };
        var options = new AgentUpdateOptions { RestartCommand = given };
        given.Clear();

        Assert.Equal(["/usr/sbin/service", "guest-agent", "restart"], options.RestartCommand);
    }

    [Fact]
    public void The_default_limit_is_tighter_than_what_an_archive_may_extract_to()
    {
        Assert.Equal(64L * 1024 * 1024, AgentUpdateOptions.Default.MaxBinaryBytes);
        Assert.True(AgentUpdateOptions.Default.MaxBinaryBytes < AgentUpdateOptions.Default.MaxExtractedBytes);
    }

    public void Dispose()
    {
        _staging.Dispose();
        _root.Dispose();
    }

    private string SparseFile(long length)
    {
        var path = _staging.Combine("guest-agent");
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            stream.SetLength(length);
            foreach (var at in (long[])[0, length / 2, length - 4])
            {
                stream.Position = at;
                stream.Write("\u007fELF"u8);
            }
        }

        return path;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
