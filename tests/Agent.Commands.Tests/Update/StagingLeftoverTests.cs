using System.Text.Json;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// What an update leaves when the agent dies mid-way (kill -9 during the download, a second SIGTERM)
/// is removed by the next update, never through a link; and updates run one at a time.
/// </summary>
public sealed class StagingLeftoverTests : IAsyncDisposable
{
    private const string Updates = "/var/lib/guest-agent/updates";
    private const string Stale = Updates + "/894d9c1eebdd43f2";
    private static readonly UnixFileMode Private = (UnixFileMode)Convert.ToInt32("700", 8);

    private readonly CommandRoot _root = new();
    private readonly TemporaryDirectory _outside = new("guestagent-outside-");
    private readonly TinyHttpServer _server = new();

    public StagingLeftoverTests()
    {
        _root.WriteFile("/usr/sbin/guest-agent", "old agent binary", "755");
        _root.Services.Add(new AgentUpdateOptions { AllowHttp = true });

        // A partial download and a half-extracted tree, with links out of it, as an update killed
        // while unpacking leaves them; and the empty directory of one stopped before its download.
        _root.System.FileSystem.CreateDirectory(Updates, Private);
        _root.WriteFile(Stale + "/download", "the first 19 MB", "600");
        _root.WriteFile(Stale + "/tree/guest-agent-1.2/README", "notes", "644");
        File.WriteAllText(_outside.Combine("precious"), "keep me");
        Directory.CreateDirectory(_outside.Combine("directory"));
        File.WriteAllText(_outside.Combine("directory/inside"), "keep me too");
        File.CreateSymbolicLink(_root.HostPath(Stale + "/tree/guest-agent-1.2/to-a-directory"), _outside.Combine("directory"));
        File.CreateSymbolicLink(_root.HostPath(Stale + "/tree/to-a-file"), _outside.Combine("precious"));
        File.CreateSymbolicLink(_root.HostPath(Updates + "/0123456789abcdef"), _outside.Path);
        _root.System.FileSystem.CreateDirectory(Updates + "/fedcba9876543210", Private);
    }

    [Fact]
    public async Task The_next_update_removes_what_earlier_ones_left_and_nothing_their_links_point_to()
    {
        var archive = new UpdateArchive().File("guest-agent", "\u007fELF new agent binary"u8.ToArray()).ToBytes();
        _server.Serve("/update.tgz", archive);

        var result = await Update($"\"{_server.Url("/update.tgz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal("\u007fELF new agent binary", File.ReadAllText(_root.HostPath("/usr/sbin/guest-agent")));
        Assert.Empty(_root.System.FileSystem.ListDirectory(Updates));
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task A_failed_update_removes_them_too()
    {
        var error = await Assert.ThrowsAsync<CommandException>(() => Update($"\"{_server.Url("/missing.tgz")},{new string('a', 32)}\""));

        Assert.Equal("Couldn't download the update: HTTP 404", error.Message);
        Assert.Empty(_root.System.FileSystem.ListDirectory(Updates));
        AssertOutsideUntouched();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_update_removes_only_what_updates_leave_not_what_else_the_staging_root_holds(bool linkedToAnotherDisk)
    {
        // An operator who gave the staging area a larger disk with a link of root's own (which the
        // agent follows, as it follows /var/run -> /run) points it at a directory holding more than
        // updates; or something else wrote into it. An update's leftovers are named as it names them.
        var staging = Updates;
        if (linkedToAnotherDisk)
        {
            Directory.Move(_root.HostPath(Updates), _root.HostPath("/data"));
            File.CreateSymbolicLink(_root.HostPath(Updates), "../../../data");
            staging = "/data";
        }

        _root.WriteFile(staging + "/precious", "the disk's own", "644");
        _root.WriteFile(staging + "/backups/db.dump", "a database", "600");
        var archive = new UpdateArchive().File("guest-agent", "\u007fELF new agent binary"u8.ToArray()).ToBytes();
        _server.Serve("/update.tgz", archive);

        var result = await Update($"\"{_server.Url("/update.tgz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal([staging + "/backups", staging + "/precious"], _root.System.FileSystem.ListDirectory(staging).Order(StringComparer.Ordinal));
        Assert.Equal("the disk's own", File.ReadAllText(_root.HostPath(staging + "/precious")));
        Assert.Equal("a database", File.ReadAllText(_root.HostPath(staging + "/backups/db.dump")));
        AssertOutsideUntouched();
    }

    [Fact]
    public async Task While_another_update_holds_the_staging_lock_an_update_is_refused_and_removes_nothing()
    {
        using var running = StagingFiles.TryLock(_root.System.FileSystem, Updates);
        Assert.NotNull(running);
        // The staging root only: .NET's file reads take a shared flock, which the held lock file refuses.
        var before = TreeSnapshot.Take(_root.HostPath(Updates));
        _server.Serve("/update.tgz", [1, 2, 3]);

        var error = await Assert.ThrowsAsync<CommandException>(() => Update($"\"{_server.Url("/update.tgz")},{new string('a', 32)}\""));

        Assert.Equal("Another agentupdate is in progress", error.Message);
        Assert.Equal(before, TreeSnapshot.Take(_root.HostPath(Updates)));
        Assert.Equal("old agent binary", File.ReadAllText(_root.HostPath("/usr/sbin/guest-agent")));
        Assert.Empty(_server.Requests);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _outside.Dispose();
        _root.Dispose();
    }

    private void AssertOutsideUntouched()
    {
        Assert.Equal("keep me", File.ReadAllText(_outside.Combine("precious")));
        Assert.Equal("keep me too", File.ReadAllText(_outside.Combine("directory/inside")));
        Assert.Equal(["directory", "precious"], Directory.EnumerateFileSystemEntries(_outside.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private Task<CommandResult> Update(string json)
    {
        using var document = JsonDocument.Parse(json);
        return AgentUpdateCommand.AgentUpdate(document.RootElement.Clone(), _root.Context("agentupdate"));
    }
}
