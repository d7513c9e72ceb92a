using System.Text;
using System.Text.Json;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// <c>agentupdate</c> and crashes: the check runs before the new binary replaces anything, and an
/// update run again after a crash that followed its rename (the answer not yet journaled) keeps
/// the backup of the binary that ran before it.
/// </summary>
public sealed partial class AgentUpdateCommandTests
{
    [Fact]
    public async Task The_check_runs_on_the_staged_binary_while_the_installed_one_is_still_the_previous()
    {
        CommandRoot? root = null;
        string? checkedPath = null;
        using var scripted = new CommandRoot(processes: new ScriptedProcessRunner(spec =>
        {
            if (spec.Program != "/bin/systemctl")
            {
                // A kill here leaves the previous binary installed and its backup as it was.
                checkedPath = spec.Program;
                Assert.Equal(OldAgent, File.ReadAllBytes(root!.HostPath(Binary)));
                Assert.False(File.Exists(root.HostPath(Binary + ".bak")));
                Assert.Equal(NewAgent, File.ReadAllBytes(spec.Program));
            }

            return new ProcessResult(0, "1.2", "");
        }));
        root = scripted;
        PrepareRoot(root);
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/checked.tgz", archive);

        var result = await UpdateIn(root, $"\"{_server.Url("/checked.tgz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(root.HostPath("/usr/sbin"), Path.GetDirectoryName(checkedPath));
        Assert.Equal(NewAgent, File.ReadAllBytes(root.HostPath(Binary)));
        Assert.Equal(OldAgent, File.ReadAllBytes(root.HostPath(Binary + ".bak")));
    }

    [Fact]
    public async Task A_binary_that_fails_the_check_never_replaces_the_installed_one_nor_its_backup()
    {
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/bad.tgz", archive);
        // The staged binary's name is random: this runner fails every program but the restart.
        using var failing = new CommandRoot(processes: new ScriptedProcessRunner(spec =>
            spec.Program == "/bin/systemctl" ? new ProcessResult(0, "", "") : new ProcessResult(126, "", "")));
        PrepareRoot(failing);
        failing.WriteFile(Binary + ".bak", "the binary before the old one", "755");

        var error = await Assert.ThrowsAsync<CommandException>(() => UpdateIn(failing, $"\"{_server.Url("/bad.tgz")},{UpdateArchive.Md5(archive)}\""));

        Assert.Equal("The new agent does not run on this guest: 126", error.Message);
        Assert.Equal(OldAgent, File.ReadAllBytes(failing.HostPath(Binary)));
        Assert.Equal("the binary before the old one", File.ReadAllText(failing.HostPath(Binary + ".bak")));
        Assert.Equal(["/usr/sbin/guest-agent", "/usr/sbin/guest-agent.bak"], failing.System.FileSystem.ListDirectory("/usr/sbin"));
    }

    [Fact]
    public async Task An_update_run_again_after_a_crash_that_followed_its_rename_keeps_the_backup_of_the_binary_before_it()
    {
        var logs = new CapturingLoggerFactory();
        _root.Services.Add<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        // What a kill after the rename (at the directory's fsync, or before the restart) leaves:
        // the new binary installed, the previous one as the backup; the request is still unanswered.
        _root.WriteFile(Binary, Encoding.ASCII.GetString(NewAgent), "755");
        _root.WriteFile(Binary + ".bak", Encoding.ASCII.GetString(OldAgent), "755");
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/again.tgz", archive);

        var result = await Update($"\"{_server.Url("/again.tgz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
        Assert.Equal(OldAgent, File.ReadAllBytes(_root.HostPath(Binary + ".bak")));
        Assert.Equal($"{_root.HostPath(Binary)} --version\n/bin/systemctl --no-block restart guest-agent.service\n", _root.ActionsLog());
        Assert.Equal(["/usr/sbin/guest-agent", "/usr/sbin/guest-agent.bak"], _root.System.FileSystem.ListDirectory("/usr/sbin"));
        Assert.Contains(
            $"agentupdate: the update from {new Uri(_server.Url("/")).GetLeftPart(UriPartial.Authority)} ({archive.Length}-byte archive, MD5 checksum verified; its binary {NewAgent.Length} bytes) was already installed at {Binary}",
            Assert.Single(logs.Messages),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_restart_of_an_update_already_installed_puts_nothing_back()
    {
        // The backup may be older than the binary the update replaced: putting it back would downgrade.
        _root.WriteFile(Binary, Encoding.ASCII.GetString(NewAgent), "755");
        _root.WriteFile(Binary + ".bak", Encoding.ASCII.GetString(OldAgent), "755");
        _root.WriteFile(RecordingProcessRunner.FailActionsPath, "systemctl\n");
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/again.tgz", archive);

        var error = await Assert.ThrowsAsync<CommandException>(() => Update($"\"{_server.Url("/again.tgz")},{UpdateArchive.Md5(archive)}\""));

        Assert.Equal("Couldn't restart the agent: 1; the installed binary already was this update's and is left in place", error.Message);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
        Assert.Equal(OldAgent, File.ReadAllBytes(_root.HostPath(Binary + ".bak")));
    }

    [Theory]
    [InlineData("644", 0u)]
    [InlineData("775", 0u)]
    [InlineData("755", 1000u)]
    public async Task An_update_already_installed_but_no_longer_runnable_by_root_alone_gets_the_install_s_owner_and_mode_back(string mode, uint owner)
    {
        // The same bytes, but a lost execute bit, a group that may rewrite it, or a user's file:
        // staged again, it would keep that owner and mode and back itself up over the previous binary.
        _root.WriteFile(Binary, Encoding.ASCII.GetString(NewAgent), mode);
        _root.System.FileSystem.SetOwner(Binary, new FileOwner(owner, owner));
        _root.WriteFile(Binary + ".bak", Encoding.ASCII.GetString(OldAgent), "755");
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/again.tgz", archive);

        var result = await Update($"\"{_server.Url("/again.tgz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        var installed = _root.System.FileSystem.GetStatus(Binary)!.Value;
        Assert.Equal((UnixFileMode)Convert.ToInt32("755", 8), installed.Mode);
        Assert.Equal(FileOwner.Root, installed.Owner);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
        Assert.Equal(OldAgent, File.ReadAllBytes(_root.HostPath(Binary + ".bak")));
    }

    [Fact]
    public async Task An_update_already_installed_with_a_mode_that_lets_root_alone_run_it_keeps_that_mode()
    {
        _root.WriteFile(Binary, Encoding.ASCII.GetString(NewAgent), "700");
        _root.WriteFile(Binary + ".bak", Encoding.ASCII.GetString(OldAgent), "755");
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/again.tgz", archive);

        var result = await Update($"\"{_server.Url("/again.tgz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal((UnixFileMode)Convert.ToInt32("700", 8), _root.System.FileSystem.GetStatus(Binary)!.Value.Mode);
        Assert.Equal(OldAgent, File.ReadAllBytes(_root.HostPath(Binary + ".bak")));
    }

    [Theory]
    [InlineData("644", 0u, "755")]
    [InlineData("775", 0u, "755")]
    [InlineData("666", 65534u, "755")]
    [InlineData("755", 1000u, "755")]
    [InlineData("700", 0u, "700")]
    public async Task An_update_over_a_binary_no_longer_runnable_by_root_alone_is_installed_with_the_install_s_owner_and_mode(string mode, uint owner, string installedMode)
    {
        // As for an update already installed: the new binary must not keep a user's ownership (that
        // user could rewrite what root runs), a mode others may write, or one without the execute bit
        // (its check and every restart would fail). The backup is the previous binary as it was.
        _root.System.FileSystem.SetMode(Binary, (UnixFileMode)Convert.ToInt32(mode, 8));
        _root.System.FileSystem.SetOwner(Binary, new FileOwner(owner, owner));
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/over-unfit.tgz", archive);

        var result = await Update($"\"{_server.Url("/over-unfit.tgz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        var installed = _root.System.FileSystem.GetStatus(Binary)!.Value;
        Assert.Equal((UnixFileMode)Convert.ToInt32(installedMode, 8), installed.Mode);
        Assert.Equal(FileOwner.Root, installed.Owner);
        Assert.Equal(NewAgent, File.ReadAllBytes(_root.HostPath(Binary)));
        var backup = _root.System.FileSystem.GetStatus(Binary + ".bak")!.Value;
        Assert.Equal(OldAgent, File.ReadAllBytes(_root.HostPath(Binary + ".bak")));
        Assert.Equal((UnixFileMode)Convert.ToInt32(mode, 8), backup.Mode);
        Assert.Equal(new FileOwner(owner, owner), backup.Owner);
    }

    [Fact]
    public async Task An_update_already_installed_that_fails_the_check_is_not_restarted_and_stays()
    {
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/again-bad.tgz", archive);
        var runner = new ScriptedProcessRunner(spec =>
            spec.Program == "/bin/systemctl" ? new ProcessResult(0, "", "") : new ProcessResult(126, "", ""));
        using var failing = new CommandRoot(processes: runner);
        PrepareRoot(failing);
        failing.WriteFile(Binary, Encoding.ASCII.GetString(NewAgent), "755");
        failing.WriteFile(Binary + ".bak", Encoding.ASCII.GetString(OldAgent), "755");

        var error = await Assert.ThrowsAsync<CommandException>(() => UpdateIn(failing, $"\"{_server.Url("/again-bad.tgz")},{UpdateArchive.Md5(archive)}\""));

        Assert.Equal("The new agent does not run on this guest: 126; the installed binary already was this update's and is left in place", error.Message);
        // Checked where it is installed, and the agent never asked to restart into it.
        Assert.Equal([failing.HostPath(Binary)], runner.Calls.Select(spec => spec.Program));
        Assert.Equal(NewAgent, File.ReadAllBytes(failing.HostPath(Binary)));
        Assert.Equal(OldAgent, File.ReadAllBytes(failing.HostPath(Binary + ".bak")));
    }

    [Fact]
    public async Task A_first_install_whose_restart_fails_is_removed_again()
    {
        _root.System.FileSystem.DeleteFile(Binary);
        _root.WriteFile(RecordingProcessRunner.FailActionsPath, "systemctl\n");
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/first.tgz", archive);

        var error = await Assert.ThrowsAsync<CommandException>(() => Update($"\"{_server.Url("/first.tgz")},{UpdateArchive.Md5(archive)}\""));

        Assert.Equal("Couldn't restart the agent: 1", error.Message);
        Assert.Empty(_root.System.FileSystem.ListDirectory("/usr/sbin"));
    }

    [Fact]
    public async Task A_binary_renamed_into_place_whose_directory_sync_fails_is_still_restarted_into()
    {
        // The rename happened; only the fsync of /usr/sbin failed. The host asked for the update, and
        // the binary that passed the check is what the install path holds now.
        var runner = new ScriptedProcessRunner(_ => new ProcessResult(0, "1.2", ""));
        using var root = new CommandRoot(processes: runner);
        PrepareRoot(root);
        root.Services.Add(root.System with { Writer = new UnsyncedDirectoryWriter(root.System.Writer) });
        var archive = new UpdateArchive().File("guest-agent", NewAgent).ToBytes();
        _server.Serve("/unsynced.tgz", archive);

        var result = await UpdateIn(root, $"\"{_server.Url("/unsynced.tgz")},{UpdateArchive.Md5(archive)}\"");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(NewAgent, File.ReadAllBytes(root.HostPath(Binary)));
        Assert.Equal("/bin/systemctl", runner.Calls[^1].Program);
    }

    private static void PrepareRoot(CommandRoot root)
    {
        root.WriteFile(Binary, Encoding.ASCII.GetString(OldAgent), "755");
        root.System.FileSystem.CreateDirectory("/var/lib/guest-agent/updates", (UnixFileMode)Convert.ToInt32("700", 8));
        root.Services.Add(new AgentUpdateOptions { AllowHttp = true });
    }

    private static Task<CommandResult> UpdateIn(CommandRoot root, string json)
    {
        using var document = JsonDocument.Parse(json);
        return AgentUpdateCommand.AgentUpdate(document.RootElement.Clone(), root.Context("agentupdate"));
    }
}
