using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>A rollback that cannot put everything back says so, and restores all it can.</summary>
public sealed class NetworkApplierRollbackTests
{
    private static readonly UnixFileMode Mode0644 = (UnixFileMode)Convert.ToInt32("644", 8);

    [Fact]
    public async Task Files_that_cannot_be_put_back_are_named_the_others_restored_and_nothing_applied_again()
    {
        // The apply step fails, and meanwhile a directory has taken the place of one written file.
        CommandRoot? root = null;
        var ifup = new ScriptedProcessRunner(_ =>
        {
            File.Delete(root!.HostPath("/etc/network/interfaces"));
            root.CreateDirectory("/etc/network/interfaces/in-the-way");
            return new ProcessResult(1, "", "ifup: no such device\n");
        });
        using var machine = new CommandRoot(processes: ifup);
        root = machine;
        root.WriteFile("/etc/network/interfaces", "old interfaces\n");
        root.WriteFile("/etc/hostname", "old-name\n");
        var files = new RenderResult(
            [new RenderedFile("/etc/network/interfaces", "new interfaces\n", Mode0644), new RenderedFile("/etc/hostname", "new-name\n", Mode0644)],
            []);
        var plan = new ApplyPlan([], [ApplyStep.Run("/sbin/ifup", "-a")]);

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            new NetworkApplier(root.System, NullLogger.Instance).ApplyAsync(files, plan, TestContext.Current.CancellationToken));

        Assert.Equal(
            "Couldn't apply the network configuration: '/sbin/ifup -a' exited with code 1: ifup: no such device; " +
            "restoring the previous files failed for /etc/network/interfaces",
            error.Message);
        Assert.Equal("old-name\n", File.ReadAllText(root.HostPath("/etc/hostname")));
        Assert.Single(ifup.Calls);
        // The record, the only copy of the file that could not be put back, is kept for the operator, out of recovery's way.
        var records = Directory.GetFiles(root.HostPath("/var/lib/guest-agent/resetnetwork"), "transaction*").Select(Path.GetFileName);
        Assert.Matches(@"^transaction\.unrestored-\d{8}T\d{6}Z\.json$", Assert.Single(records));
    }

    [Fact]
    public async Task A_file_replaced_but_not_synced_is_rolled_back_with_the_others()
    {
        // The hostname's rename happened, its directory's fsync failed: the writer says so, and
        // resetnetwork, which rolls back on any failed write, puts both files back.
        using var root = new CommandRoot();
        root.WriteFile("/etc/network/interfaces", "old interfaces\n");
        root.WriteFile("/etc/hostname", "old-name\n");
        var system = root.System with { Writer = new UnsyncedDirectoryWriter(root.System.Writer, failures: 1, onlyPath: "/etc/hostname") };
        var files = new RenderResult(
            [new RenderedFile("/etc/network/interfaces", "new interfaces\n", Mode0644), new RenderedFile("/etc/hostname", "new-name\n", Mode0644)],
            []);

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            new NetworkApplier(system, NullLogger.Instance).ApplyAsync(files, new ApplyPlan([], [ApplyStep.Run("/sbin/ifup", "-a")]), TestContext.Current.CancellationToken));

        Assert.Equal("Couldn't write the network configuration (Input/output error); the previous files were restored", error.Message);
        Assert.Equal("old interfaces\n", File.ReadAllText(root.HostPath("/etc/network/interfaces")));
        Assert.Equal("old-name\n", File.ReadAllText(root.HostPath("/etc/hostname")));
    }

    [Fact]
    public void A_setuid_or_setgid_file_is_put_back_without_either_bit_even_under_RestrictSUIDSGID()
    {
        // The writer never writes either bit (IAtomicFileWriter), nor may the restorer putting the saved
        // mode back: under the shipped unit's filter that chmod is refused, which left the file "unrestored".
        using var root = new CommandRoot();
        root.WriteFile("/etc/hostname", "old-name\n", "6644");
        root.WriteFile("/etc/hostname.bak", "older-name\n", "2640");
        var snapshot = FileSnapshot.Take(root.System.FileSystem, "/etc/hostname");
        root.WriteFile("/etc/hostname", "new-name\n");
        root.WriteFile("/etc/hostname.bak", "old-name\n");
        List<string>? unrestored = null;

        SetIdRestriction.Run(() => unrestored = new FileRestorer(root.System, NullLogger.Instance).Restore([snapshot], [], []));

        Assert.Empty(unrestored!);
        Assert.Equal("old-name\n", File.ReadAllText(root.HostPath("/etc/hostname")));
        Assert.Equal(Mode0644, File.GetUnixFileMode(root.HostPath("/etc/hostname")));
        Assert.Equal("older-name\n", File.ReadAllText(root.HostPath("/etc/hostname.bak")));
        Assert.Equal((UnixFileMode)Convert.ToInt32("640", 8), File.GetUnixFileMode(root.HostPath("/etc/hostname.bak")));
    }

    [Fact]
    public void A_restored_file_has_its_saved_mode_and_owner_the_moment_its_contents_are_back()
    {
        // Not the changed file's mode with the saved contents until a chmod after the write (which,
        // failing, left the contents back and the mode not): the write itself puts both back.
        using var root = new CommandRoot();
        root.WriteFile("/etc/hostname", "old-name\n", "640");
        var saved = Owners.AsRoot ? new FileOwner(0, 42) : root.System.FileSystem.GetStatus("/etc/hostname")!.Value.Owner;
        if (Owners.AsRoot)
        {
            root.System.FileSystem.SetOwner("/etc/hostname", saved);
        }

        var snapshot = FileSnapshot.Take(root.System.FileSystem, "/etc/hostname");
        root.WriteFile("/etc/hostname", "new-name\n", "600");
        if (Owners.AsRoot)
        {
            root.System.FileSystem.SetOwner("/etc/hostname", new FileOwner(1234, 1234));
        }

        var recorder = new WriteStateRecorder(root.System.Writer, root.System.FileSystem);

        var unrestored = new FileRestorer(root.System with { Writer = recorder }, NullLogger.Instance).Restore([snapshot], [], []);

        Assert.Empty(unrestored);
        var (path, status) = Assert.Single(recorder.Writes);
        Assert.Equal("/etc/hostname", path);
        Assert.Equal(((UnixFileMode)Convert.ToInt32("640", 8), saved), (status!.Value.Mode, status.Value.Owner));
        Assert.Equal("old-name\n", File.ReadAllText(root.HostPath("/etc/hostname")));
    }

    [Fact]
    public void A_file_whose_contents_are_already_back_still_gets_its_saved_mode()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/hostname", "old-name\n", "640");
        var snapshot = FileSnapshot.Take(root.System.FileSystem, "/etc/hostname");
        File.SetUnixFileMode(root.HostPath("/etc/hostname"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Empty(new FileRestorer(root.System, NullLogger.Instance).Restore([snapshot], [], []));

        Assert.Equal((UnixFileMode)Convert.ToInt32("640", 8), File.GetUnixFileMode(root.HostPath("/etc/hostname")));
    }

    [Fact]
    public async Task A_program_found_in_no_absolute_PATH_directory_fails_its_step_saying_where_it_was_looked_for()
    {
        // The real runner, over a PATH with nothing in it: no program is started at all.
        using var emptyPath = new GuestAgent.Testing.TemporaryDirectory();
        using var root = new CommandRoot(processes: new ProcessRunner(TimeProvider.System, new ProgramLocator($".:{emptyPath.Path}")));
        root.WriteFile("/etc/network/interfaces", "old interfaces\n");
        var files = new RenderResult([new RenderedFile("/etc/network/interfaces", "new interfaces\n", Mode0644)], []);
        var plan = new ApplyPlan([], [ApplyStep.Run("ifup", "-a")]);

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            new NetworkApplier(root.System, NullLogger.Instance).ApplyAsync(files, plan, TestContext.Current.CancellationToken));

        Assert.StartsWith(
            $"Couldn't apply the network configuration: 'ifup -a' could not be started: 'ifup' was not found in .:{emptyPath.Path} (only its absolute directories are searched)",
            error.Message,
            StringComparison.Ordinal);
        Assert.Equal("old interfaces\n", File.ReadAllText(root.HostPath("/etc/network/interfaces")));
    }

    [Fact]
    public async Task The_agent_stopping_in_the_middle_of_a_rollback_still_puts_the_files_back_and_keeps_the_record_for_the_next_start()
    {
        var ifdownRuns = 0;
        var programs = new ScriptedProcessRunner(spec => spec.Program switch
        {
            // The second ifdown is the rollback's: the agent is told to stop while it runs.
            "/sbin/ifdown" when ++ifdownRuns == 2 => throw new OperationCanceledException(),
            "/sbin/ifup" => new ProcessResult(1, "", "ifup: no such device\n"),
            _ => new ProcessResult(0, "", ""),
        });
        using var root = new CommandRoot(processes: programs);
        root.WriteFile("/etc/network/interfaces", "old interfaces\n", "640");
        var before = TreeSnapshot.TakeExceptState(root.HostPath("/"));
        var files = new RenderResult([new RenderedFile("/etc/network/interfaces", "new interfaces\n", Mode0644)], []);
        var plan = new ApplyPlan([ApplyStep.Try("/sbin/ifdown", "-a")], [ApplyStep.Run("/sbin/ifup", "-a")]);

        await Assert.ThrowsAsync<OperationCanceledException>(() =>
            new NetworkApplier(root.System, NullLogger.Instance).ApplyAsync(files, plan, TestContext.Current.CancellationToken));

        Assert.Equal(before, TreeSnapshot.TakeExceptState(root.HostPath("/")));
        Assert.Equal(2, ifdownRuns);
        // The restored files were not applied again: the next start does it (NetworkRecovery).
        Assert.Contains("\"phase\": \"rolling-back\"", File.ReadAllText(root.HostPath("/var/lib/guest-agent/resetnetwork/transaction.json")), StringComparison.Ordinal);
    }
}
