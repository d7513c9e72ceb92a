using System.Security.Cryptography;
using GuestAgent.Commands.Update;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// The record an install leaves for the service manager's update rollback (<see cref="AgentUpdateOptions.PendingUpdatePath"/>):
/// written before the rename with both binaries' hashes, removed when the update puts the previous
/// binary back itself, and removed by the new agent once it serves (<see cref="BuiltInCommands.ConfirmServing"/>).
/// The rollback that reads it: <c>UpdateRollbackScriptTests</c> and <c>LiveSystemdTests.Update.cs</c> (Daemon.Tests).
/// </summary>
public sealed partial class AgentUpdateCommandTests
{
    private const string Record = "/var/lib/guest-agent/update-pending";

    [Fact]
    public async Task An_install_leaves_the_rollback_a_record_of_both_binaries_and_their_hashes()
    {
        _root.Services.Add(new AgentUpdateOptions { AllowHttp = true, PendingUpdatePath = Record });
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/a.tgz", archive);

        Assert.Equal(CommandResult.Ok(), await Update($"\"{_server.Url("/a.tgz")},{UpdateArchive.Md5(archive)}\""));

        Assert.Equal(
            "# agentupdate: the update rollback puts backup back at install if the agent there stops before it serves (docs/daemon.md).\n" +
            $"install=/usr/sbin/guest-agent\nnew={Convert.ToHexStringLower(SHA256.HashData(NewAgent))}\n" +
            $"backup=/usr/sbin/guest-agent.bak\nprevious={Convert.ToHexStringLower(SHA256.HashData(OldAgent))}\n",
            File.ReadAllText(_root.HostPath(Record)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, _root.System.FileSystem.GetStatus(Record)!.Value.Mode);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
    }

    [Fact]
    public async Task Without_a_record_path_or_a_previous_binary_no_record_is_written()
    {
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/a.tgz", archive);
        Assert.Equal(CommandResult.Ok(), await Update($"\"{_server.Url("/a.tgz")},{UpdateArchive.Md5(archive)}\""));
        Assert.False(File.Exists(_root.HostPath(Record)), "the SDK's default wrote a record");

        // A first install: nothing to go back to.
        File.Delete(_root.HostPath(Binary));
        File.Delete(_root.HostPath(Binary + ".bak"));
        _root.Services.Add(new AgentUpdateOptions { AllowHttp = true, PendingUpdatePath = Record });
        Assert.Equal(CommandResult.Ok(), await Update($"\"{_server.Url("/a.tgz")},{UpdateArchive.Md5(archive)}\""));
        Assert.False(File.Exists(_root.HostPath(Record)), "a first install wrote a record");
    }

    [Fact]
    public async Task A_failed_restart_puts_the_previous_binary_back_and_leaves_no_record()
    {
        _root.Services.Add(new AgentUpdateOptions { AllowHttp = true, PendingUpdatePath = Record });
        _root.WriteFile(RecordingProcessRunner.FailActionsPath, "systemctl\n");
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/a.tgz", archive);

        var error = await Assert.ThrowsAsync<CommandException>(() => Update($"\"{_server.Url("/a.tgz")},{UpdateArchive.Md5(archive)}\""));

        Assert.Equal("Couldn't restart the agent: 1", error.Message);
        Assert.Equal(OldAgent, File.ReadAllBytes(_root.HostPath(Binary)));
        Assert.False(File.Exists(_root.HostPath(Record)), "the record outlived an update that put the previous binary back itself");
    }

    [Fact]
    public async Task A_record_that_cannot_be_written_refuses_the_update_before_anything_is_installed()
    {
        // A directory where the record goes: the writer cannot replace it.
        _root.CreateDirectory(Record + "/in-the-way");
        _root.Services.Add(new AgentUpdateOptions { AllowHttp = true, PendingUpdatePath = Record });
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/a.tgz", archive);

        var error = await Assert.ThrowsAsync<CommandException>(() => Update($"\"{_server.Url("/a.tgz")},{UpdateArchive.Md5(archive)}\""));

        Assert.StartsWith("Couldn't install the update: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(OldAgent, File.ReadAllBytes(_root.HostPath(Binary)));
        Assert.False(File.Exists(_root.HostPath(Binary + ".bak")), "a backup was made for an update that was refused");
        Assert.DoesNotContain("systemctl", _root.ActionsLog(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_agent_that_serves_removes_the_record_and_its_armed_form()
    {
        _root.Services.Add(new AgentUpdateOptions { PendingUpdatePath = Record });
        _root.WriteFile(Record, "pending", "600");
        _root.WriteFile(Record + ".started", "armed", "600");

        Assert.True(BuiltInCommands.ConfirmServing(_root.Services));

        Assert.False(File.Exists(_root.HostPath(Record)));
        Assert.False(File.Exists(_root.HostPath(Record + ".started")));
        Assert.False(BuiltInCommands.ConfirmServing(_root.Services));

        // The armed form alone (the rollback's ExecStartPre renamed it) is an update's first start too.
        _root.WriteFile(Record + ".started", "armed", "600");
        Assert.True(BuiltInCommands.ConfirmServing(_root.Services));
        Assert.False(File.Exists(_root.HostPath(Record + ".started")));
    }

    [Fact]
    public void Without_a_record_path_serving_removes_nothing()
    {
        _root.WriteFile(Record, "pending", "600");

        Assert.False(BuiltInCommands.ConfirmServing(_root.Services));

        Assert.Equal("pending", File.ReadAllText(_root.HostPath(Record)));
        Assert.Null(AgentUpdateOptions.Default.PendingUpdatePath);
    }
}
