using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// At start the daemon clears what updates killed mid-way left staged, under the staging lock: never
/// through a link, never while another process's update holds the lock, and naming what went.
/// </summary>
public sealed class UpdateStagingRecoveryTests : IDisposable
{
    private const string Updates = "/var/lib/guest-agent/updates";
    private const string Stale = Updates + "/894d9c1eebdd43f2";
    private static readonly UnixFileMode Private = (UnixFileMode)Convert.ToInt32("700", 8);

    private readonly CommandRoot _root = new();
    private readonly TemporaryDirectory _outside = new("guestagent-outside-");
    private readonly RecordingLogger<UpdateStagingRecovery> _logger = new();

    public UpdateStagingRecoveryTests()
    {
        _root.System.FileSystem.CreateDirectory(Updates, Private);
        _root.WriteFile(Stale + "/download", "secret partial download", "600");
        _root.WriteFile(Stale + "/tree/guest-agent-1.2/README", "notes", "644");
        File.WriteAllText(_outside.Combine("precious"), "keep me");
        File.CreateSymbolicLink(_root.HostPath(Stale + "/tree/to-a-file"), _outside.Combine("precious"));
        File.CreateSymbolicLink(_root.HostPath(Updates + "/0123456789abcdef"), _outside.Path);
    }

    [Fact]
    public void Leftovers_are_removed_without_following_links_and_named_in_one_line()
    {
        var removed = Recovery().Recover();

        Assert.Equal([Updates + "/0123456789abcdef", Stale], removed);
        Assert.Empty(_root.System.FileSystem.ListDirectory(Updates));
        Assert.Equal("keep me", File.ReadAllText(_outside.Combine("precious")));
        var line = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal(
            $"agentupdate: removed 2 leftovers of updates that did not finish from {Updates}: 0123456789abcdef, 894d9c1eebdd43f2",
            line.Message);
        Assert.DoesNotContain("secret", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void While_another_update_holds_the_staging_lock_nothing_is_removed()
    {
        using var running = StagingFiles.TryLock(_root.System.FileSystem, Updates);
        Assert.NotNull(running);
        var before = TreeSnapshot.Take(_root.HostPath(Updates));

        var removed = Recovery().Recover();

        Assert.Empty(removed);
        Assert.Equal(before, TreeSnapshot.Take(_root.HostPath(Updates)));
        Assert.Contains("another process holds", Assert.Single(_logger.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_staging_directory_configured_with_a_trailing_slash_takes_the_same_lock()
    {
        // The lock is beside the root, not in it: "updates/" locks updates.lock like "updates" does.
        using var running = StagingFiles.TryLock(_root.System.FileSystem, Updates);
        Assert.NotNull(running);
        var before = TreeSnapshot.Take(_root.HostPath(Updates));

        var removed = new UpdateStagingRecovery(_root.System, new AgentUpdateOptions { StagingDirectory = Updates + "/" }, _logger).Recover();

        Assert.Empty(removed);
        Assert.Equal(before, TreeSnapshot.Take(_root.HostPath(Updates)));
    }

    [Fact]
    public void Without_a_staging_directory_nothing_is_created_or_logged()
    {
        _root.System.FileSystem.DeleteTree(Updates);

        Assert.Empty(Recovery().Recover());

        Assert.Null(_root.System.FileSystem.GetStatus(Updates));
        Assert.Null(_root.System.FileSystem.GetStatus(StagingFiles.LockPath(Updates)));
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public void An_empty_staging_directory_is_kept_and_nothing_is_logged()
    {
        Recovery().Recover();
        _logger.Entries.Clear();

        Assert.Empty(Recovery().Recover());

        Assert.Equal(GuestAgent.Platform.FileKind.Directory, _root.System.FileSystem.GetStatus(Updates)?.Kind);
        Assert.Empty(_logger.Entries);
    }

    public void Dispose()
    {
        _outside.Dispose();
        _root.Dispose();
    }

    private UpdateStagingRecovery Recovery() =>
        new(_root.System, new AgentUpdateOptions { StagingDirectory = Updates }, _logger);
}
