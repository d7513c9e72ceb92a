using System.Text.Json;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// A staging root, or a directory above it, that is a symbolic link of root's own (a larger disk for
/// the downloads) is followed within the agent's root, an absolute target included: in root mode
/// <c>/disk</c> means ROOT/disk, as it does wherever the agent follows a link under its root, not
/// the host's <c>/disk</c>. Every step of an update (the lock, the leftovers, the download, the
/// extraction, the removal) must reach the same directory, or the update fails half-way and leaves
/// its staging directory behind.
/// </summary>
public sealed class LinkedStagingRootTests : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/guest-agent";
    private const string Updates = "/var/lib/guest-agent/updates";
    private static readonly UnixFileMode Private = (UnixFileMode)Convert.ToInt32("700", 8);

    private readonly CommandRoot _root = new();
    private readonly TinyHttpServer _server = new();

    // A name no host has, so an absolute target read as the host's leads nowhere, whatever the tests run as.
    private readonly string _disk = "/disk-" + Guid.NewGuid().ToString("N");

    public LinkedStagingRootTests()
    {
        _root.WriteFile(Binary, "old agent binary", "755");
        _root.Services.Add(new AgentUpdateOptions { AllowHttp = true });
        _root.System.FileSystem.CreateDirectory(_disk, Private);
        _root.WriteFile(_disk + "/precious", "the disk's own", "644");
        _root.WriteFile(_disk + "/894d9c1eebdd43f2/download", "the first 19 MB", "600");
        _root.CreateDirectory("/var/lib/guest-agent");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_update_through_a_linked_staging_root_installs_and_leaves_only_the_disks_own_files(bool absolute)
    {
        File.CreateSymbolicLink(_root.HostPath(Updates), absolute ? _disk : "../../.." + _disk);
        var archive = new UpdateArchive().File("guest-agent", "\u007fELF new agent"u8.ToArray()).ToBytes();
        _server.Serve("/a.tgz", archive);

        var result = await Update($"\"{_server.Url("/a.tgz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal("\u007fELF new agent", File.ReadAllText(_root.HostPath(Binary)));
        Assert.Equal([_disk + "/precious"], _root.System.FileSystem.ListDirectory(_disk));
        Assert.Equal(FileKind.SymbolicLink, _root.System.FileSystem.GetStatus(Updates)?.Kind);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failed_update_through_a_linked_staging_root_leaves_nothing_and_the_binary_untouched(bool absolute)
    {
        File.CreateSymbolicLink(_root.HostPath(Updates), absolute ? _disk : "../../.." + _disk);

        var error = await Assert.ThrowsAsync<CommandException>(() => Update($"\"{_server.Url("/missing.tgz")},{new string('a', 32)}\""));

        Assert.Equal("Couldn't download the update: HTTP 404", error.Message);
        Assert.Equal("old agent binary", File.ReadAllText(_root.HostPath(Binary)));
        Assert.Equal([Binary], _root.System.FileSystem.ListDirectory("/usr/sbin"));
        Assert.Equal([_disk + "/precious"], _root.System.FileSystem.ListDirectory(_disk));
    }

    [Fact]
    public async Task A_state_directory_linked_with_an_absolute_target_keeps_the_lock_and_the_staging_on_that_disk()
    {
        // The link above the staging root: the lock file beside the root is on the disk too.
        _root.Services.Add(new AgentUpdateOptions { AllowHttp = true, StagingDirectory = "/srv/state/updates" });
        _root.CreateDirectory("/srv");
        File.CreateSymbolicLink(_root.HostPath("/srv/state"), _disk);
        var archive = new UpdateArchive().File("guest-agent", "#!/bin/sh\n"u8.ToArray()).ToBytes();
        _server.Serve("/a.tgz", archive);

        var result = await Update($"\"{_server.Url("/a.tgz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal("#!/bin/sh\n", File.ReadAllText(_root.HostPath(Binary)));
        Assert.Equal([_disk + "/894d9c1eebdd43f2", _disk + "/precious", _disk + "/updates", _disk + "/updates.lock"], _root.System.FileSystem.ListDirectory(_disk));
        Assert.Empty(_root.System.FileSystem.ListDirectory(_disk + "/updates"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_recovery_at_start_clears_the_leftovers_behind_a_linked_staging_root(bool absolute)
    {
        File.CreateSymbolicLink(_root.HostPath(Updates), absolute ? _disk : "../../.." + _disk);

        var removed = new UpdateStagingRecovery(_root.System, new AgentUpdateOptions { StagingDirectory = Updates }).Recover();

        Assert.Equal([_disk + "/894d9c1eebdd43f2"], removed);
        Assert.Equal([_disk + "/precious"], _root.System.FileSystem.ListDirectory(_disk));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _root.Dispose();
    }

    private Task<CommandResult> Update(string json)
    {
        using var document = JsonDocument.Parse(json);
        return AgentUpdateCommand.AgentUpdate(document.RootElement.Clone(), _root.Context("agentupdate"));
    }
}
