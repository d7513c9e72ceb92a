using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// The retry of a rollback that could not put every file back, when a path it would put back (or its
/// <c>.bak</c>) now holds something other than a file the change or its rollback left: a directory, a
/// FIFO, a device node, a link to a copy of our own file or to elsewhere, a <c>.bak</c> cut short.
/// Each is someone's, and is left exactly as it is (a FIFO never opened, a link never followed); the
/// other files are put back, nothing is run, and the log names the path (docs/networking.md, "A crash
/// in the middle").
/// </summary>
public sealed class RetryOverOtherEntriesTests : InterruptedChangeTests
{
    private const string Interfaces = "/etc/network/interfaces";
    private const string Hostname = "/etc/hostname";

    [Fact]
    public async Task A_directory_where_a_file_was_is_left_with_what_it_holds()
    {
        await _change.FailRollbackAsync();
        File.Delete(Host(Hostname));
        _change.Root.WriteFile(Hostname + "/note", "the operator's\n");

        await AssertLeftAloneAsync(Hostname);

        Assert.Equal("the operator's\n", Read(Hostname + "/note"));
    }

    [Fact]
    public async Task A_fifo_where_a_file_was_is_never_opened_and_left()
    {
        await _change.FailRollbackAsync();
        File.Delete(Host(Hostname));
        Assert.Equal(0, (await ExternalTool.RunAsync(ExternalTool.Require("mkfifo", "coreutils"), ["-m", "600", Host(Hostname)])).ExitCode);

        // A FIFO opened for reading with no writer would hang the daemon's start here.
        await AssertLeftAloneAsync(Hostname);

        Assert.Equal(FileKind.Other, _change.Root.System.FileSystem.GetStatus(Hostname)!.Value.Kind);
    }

    [Fact]
    public async Task A_device_node_where_a_file_was_is_left()
    {
        if (!Owners.AsRoot)
        {
            Requirement.Unmet("mknod of a character device needs root");
        }

        await _change.FailRollbackAsync();
        File.Delete(Host(Hostname));
        // /dev/null's numbers: a masked file.
        Assert.Equal(0, (await ExternalTool.RunAsync(ExternalTool.Require("mknod", "coreutils"), ["-m", "666", Host(Hostname), "c", "1", "3"])).ExitCode);

        await AssertLeftAloneAsync(Hostname);

        Assert.Equal(FileKind.Other, _change.Root.System.FileSystem.GetStatus(Hostname)!.Value.Kind);
    }

    [Fact]
    public async Task A_link_to_dev_null_where_a_file_was_is_left_and_not_followed()
    {
        await _change.FailRollbackAsync();
        File.Delete(Host(Hostname));
        File.CreateSymbolicLink(Host(Hostname), "/dev/null");

        await AssertLeftAloneAsync(Hostname);

        Assert.Equal("/dev/null", new FileInfo(Host(Hostname)).LinkTarget);
    }

    [Fact]
    public async Task A_link_to_a_copy_of_the_previous_file_is_left_and_its_target_untouched()
    {
        await _change.FailRollbackAsync();
        // The operator moved the file aside and linked it back: the same bytes, now through a link.
        File.Move(Host(Hostname), Host("/etc/hostname.real"));
        File.CreateSymbolicLink(Host(Hostname), "hostname.real");

        await AssertLeftAloneAsync(Hostname);

        Assert.Equal("hostname.real", new FileInfo(Host(Hostname)).LinkTarget);
        Assert.Equal("old-name\n", Read("/etc/hostname.real"));
    }

    [Fact]
    public async Task A_link_to_elsewhere_is_never_written_through()
    {
        await _change.FailRollbackAsync();
        _change.Root.WriteFile("/root/elsewhere", "not the agent's\n", "600");
        File.Delete(Host(Interfaces));
        File.CreateSymbolicLink(Host(Interfaces), "../../root/elsewhere");

        await AssertLeftAloneAsync(Interfaces);

        Assert.Equal("not the agent's\n", Read("/root/elsewhere"));
        Assert.Equal("../../root/elsewhere", new FileInfo(Host(Interfaces)).LinkTarget);
    }

    [Fact]
    public async Task A_bak_that_is_a_link_is_left_and_never_followed()
    {
        await _change.FailRollbackAsync();
        _change.Root.WriteFile("/root/elsewhere", "not the agent's\n", "600");
        File.CreateSymbolicLink(Host(Interfaces + ".bak"), "../../root/elsewhere");

        await AssertLeftAloneAsync(Interfaces + ".bak");

        Assert.Equal("../../root/elsewhere", new FileInfo(Host(Interfaces + ".bak")).LinkTarget);
        Assert.Equal("not the agent's\n", Read("/root/elsewhere"));
        Assert.Equal("old interfaces\n", Read(Interfaces));
    }

    [Fact]
    public async Task A_bak_that_is_a_directory_is_left()
    {
        await _change.FailRollbackAsync();
        _change.Root.WriteFile(Interfaces + ".bak/kept", "the operator's\n");

        await AssertLeftAloneAsync(Interfaces + ".bak");

        Assert.Equal("the operator's\n", Read(Interfaces + ".bak/kept"));
    }

    [Fact]
    public async Task A_bak_cut_short_is_left_and_the_full_one_kept_in_the_record()
    {
        await _change.FailRollbackAsync();
        // Half the administrator's backup: a copy someone's tool did not finish.
        _change.Root.WriteFile(Interfaces + ".bak", "an administ", "600");

        var aside = await AssertLeftAloneAsync(Interfaces + ".bak");

        Assert.Equal("an administ", Read(Interfaces + ".bak"));
        Assert.Contains(Convert.ToBase64String("an administrator's backup\n"u8.ToArray()), File.ReadAllText(Host(aside)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bak_the_operator_removed_is_written_back()
    {
        await _change.FailRollbackAsync();
        // The rollback renamed the .bak back and could not write the administrator's: none is there, as it left it.
        Assert.False(File.Exists(Host(Interfaces + ".bak")));
        _change.FullDisk.Full = false;
        var backend = new ScriptedProcessRunner(_ => Success);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, await _change.RecoverAsync(backend));

        _change.AssertRestored();
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task Before_the_next_resetnetwork_a_fifo_is_left_and_the_record_kept_aside()
    {
        await _change.FailRollbackAsync();
        File.Delete(Host(Hostname));
        Assert.Equal(0, (await ExternalTool.RunAsync(ExternalTool.Require("mkfifo", "coreutils"), ["-m", "600", Host(Hostname)])).ExitCode);
        _change.FullDisk.Full = false;
        var logger = new RecordingLogger<NetworkRecovery>();

        new NetworkRecovery(_change.Root.System, new NetworkOptions(), logger).RestoreBeforeNewChange();

        Assert.Equal(FileKind.Other, _change.Root.System.FileSystem.GetStatus(Hostname)!.Value.Kind);
        Assert.Equal("an administrator's backup\n", Read(Interfaces + ".bak"));
        Assert.StartsWith("transaction.edited-", Assert.Single(_change.RecordDirectory()), StringComparison.Ordinal);
        Assert.Contains(logger.At(LogLevel.Warning), line => line.Contains($"{Hostname} changed since", StringComparison.Ordinal));
    }

    /// <summary>
    /// Retries at the next start with space back: <paramref name="path"/> is left (logged), every other
    /// path put back, nothing run, the record kept as <c>edited</c>; a second start does nothing.
    /// </summary>
    /// <returns>The record's agent path.</returns>
    private async Task<string> AssertLeftAloneAsync(string path)
    {
        _change.FullDisk.Full = false;
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.FilesNotRestored, await _change.RecoverAsync(backend, logger));

        Assert.Empty(backend.Calls);
        Assert.Contains(logger.At(LogLevel.Warning), line => line.Contains($"{path} changed since", StringComparison.Ordinal) && line.Contains("left as it is", StringComparison.Ordinal));
        Assert.Empty(logger.At(LogLevel.Error));
        foreach (var (other, contents) in new[] { (Interfaces, "old interfaces\n"), (Interfaces + ".bak", "an administrator's backup\n"), (Hostname, "old-name\n") })
        {
            if (other != path)
            {
                Assert.Equal(contents, Read(other));
            }
        }

        Assert.False(File.Exists(Host("/etc/network/interfaces.d/eth1")));
        Assert.Equal("network: {version: 2}\n", Read("/etc/netplan/50-cloud-init.yaml"));
        var aside = Assert.Single(_change.RecordDirectory());
        Assert.StartsWith("transaction.edited-", aside, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Host("/etc"), "*.tmp*", SearchOption.AllDirectories));

        Assert.Equal(NetworkRecoveryOutcome.NothingToRecover, await _change.RecoverAsync(backend));
        Assert.Empty(backend.Calls);
        return "/var/lib/guest-agent/resetnetwork/" + aside;
    }

    private string Host(string path) => _change.Root.HostPath(path);

    private string Read(string path) => File.ReadAllText(Host(path));
}
