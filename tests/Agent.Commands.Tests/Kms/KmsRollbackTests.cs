using System.Text.Json;
using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Kms;

/// <summary>A failed activation leaves the system registered as it was: its up2date and systemid back, exactly (the agent's own lock file in its state directory aside).</summary>
public sealed class KmsRollbackTests
{
    private const string Up2Date = "/etc/sysconfig/rhn/up2date";
    private const string SystemId = "/etc/sysconfig/rhn/systemid";
    private const string OldUp2Date = "serverURL=https://satellite.internal/XMLRPC\n";
    private const string OldSystemId = "<?xml version=\"1.0\"?><params><!-- the guest's registration --></params>\n";
    private const string Request = """{"activation_key":"1-BAD-KEY","profile":"web01","domains":["rhn.example.com"]}""";

    public static TheoryData<string> Failures() => ["exit 1", "timed out", "cannot start"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failed_rhnreg_ks_puts_up2date_and_systemid_back_exactly(string failure)
    {
        var sawSystemId = true;
        // The scripted runner plays rhnreg_ks on the files of the root made below.
        var rootPath = "";
        var runner = new ScriptedProcessRunner(_ =>
        {
            // What rhnreg_ks sees: the new servers and no old system id, as with the original.
            sawSystemId = File.Exists(Path.Combine(rootPath, "etc/sysconfig/rhn/systemid"));
            // A real failure may leave things behind: a half-written system id, a changed up2date mode.
            File.WriteAllText(Path.Combine(rootPath, "etc/sysconfig/rhn/systemid"), "partial");
            File.SetUnixFileMode(Path.Combine(rootPath, "etc/sysconfig/rhn/up2date"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return failure switch
            {
                "exit 1" => new ProcessResult(1, "", "Invalid activation key"),
                "timed out" => new ProcessResult(-1, "", "", TimedOut: true),
                _ => throw new IOException("No such file or directory"),
            };
        });
        using var root = new CommandRoot(processes: runner);
        rootPath = root.System.FileSystem.Root;
        root.WriteFile("/etc/os-release", "ID=rocky\n");
        root.WriteFile(Up2Date, OldUp2Date, "640");
        root.WriteFile(SystemId, OldSystemId, "600");
        var owner = Owners.AsRoot ? new FileOwner(0, 42) : root.System.FileSystem.GetStatus(Up2Date)!.Value.Owner;
        if (Owners.AsRoot)
        {
            root.System.FileSystem.SetOwner(Up2Date, owner);
        }

        var before = TreeSnapshot.TakeExceptState(root.System.FileSystem.Root);

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal("500", error.ReturnCode);
        // What went wrong, as the operator reads it: the exit status, a timeout, or a tool that never started.
        var reason = failure switch
        {
            "exit 1" => "1",
            "timed out" => "timed out",
            _ => "rhnreg_ks could not be started",
        };
        Assert.Equal("Couldn't activate with RHN: " + reason, error.Message);
        Assert.False(sawSystemId);
        Assert.Equal(KmsActivateCommand.RhnRegKs, Assert.Single(runner.Calls).Program);
        // Contents, owners and modes of every file, and no file more or less.
        Assert.Equal(before, TreeSnapshot.TakeExceptState(root.System.FileSystem.Root));
        Assert.Equal(owner, root.System.FileSystem.GetStatus(Up2Date)!.Value.Owner);
        Assert.Equal((UnixFileMode)Convert.ToInt32("640", 8), root.System.FileSystem.GetStatus(Up2Date)!.Value.Mode);
        Assert.Equal(OldSystemId, File.ReadAllText(root.HostPath(SystemId)));
        Assert.Equal((UnixFileMode)Convert.ToInt32("600", 8), root.System.FileSystem.GetStatus(SystemId)!.Value.Mode);
    }

    [Fact]
    public async Task A_failed_activation_puts_a_setuid_up2date_back_without_the_bit()
    {
        // The agent writes nothing setuid or setgid (IAtomicFileWriter), its rollback's chmod included:
        // under the shipped unit's RestrictSUIDSGID=yes that chmod would be refused.
        var runner = new ScriptedProcessRunner(_ => new ProcessResult(1, "", ""));
        using var root = new CommandRoot(processes: runner);
        root.WriteFile("/etc/os-release", "ID=rocky\n");
        root.WriteFile(Up2Date, OldUp2Date, "6640");

        await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal(OldUp2Date, File.ReadAllText(root.HostPath(Up2Date)));
        Assert.Equal((UnixFileMode)Convert.ToInt32("640", 8), root.System.FileSystem.GetStatus(Up2Date)!.Value.Mode);
    }

    [Fact]
    public void Up2date_has_its_old_mode_and_owner_the_moment_its_contents_are_back()
    {
        // Not rhnreg_ks's mode with the old contents until a chmod after the write (which, failing,
        // left the contents back and the mode not): the write itself puts both back.
        using var root = new CommandRoot();
        root.WriteFile(Up2Date, OldUp2Date, "640");
        var owner = Owners.AsRoot ? new FileOwner(0, 42) : root.System.FileSystem.GetStatus(Up2Date)!.Value.Owner;
        if (Owners.AsRoot)
        {
            root.System.FileSystem.SetOwner(Up2Date, owner);
        }

        var recorder = new WriteStateRecorder(root.System.Writer, root.System.FileSystem);
        using var saved = SavedRegistration.Take(root.System with { Writer = recorder });
        root.WriteFile(Up2Date, "serverURL=https://rhn.example.com/XMLRPC\n", "600");
        if (Owners.AsRoot)
        {
            root.System.FileSystem.SetOwner(Up2Date, new FileOwner(1234, 1234));
        }

        saved.Restore();

        var (path, status) = Assert.Single(recorder.Writes);
        Assert.Equal(Up2Date, path);
        Assert.Equal(((UnixFileMode)Convert.ToInt32("640", 8), owner), (status!.Value.Mode, status.Value.Owner));
        Assert.Equal(OldUp2Date, File.ReadAllText(root.HostPath(Up2Date)));
    }

    [Fact]
    public async Task Up2date_has_its_old_ACL_back_not_the_one_rhnreg_ks_left()
    {
        using var root = new CommandRoot();
        root.WriteFile(Up2Date, OldUp2Date, "640");
        await Acls.SetAsync("-m", "u:4321:r--", root.HostPath(Up2Date));
        using var saved = SavedRegistration.Take(root.System);
        root.WriteFile(Up2Date, "serverURL=https://rhn.example.com/XMLRPC\n", "640");
        await Acls.SetAsync("-b", root.HostPath(Up2Date));
        await Acls.SetAsync("-m", "u:1234:rwx", root.HostPath(Up2Date));

        saved.Restore();

        Assert.Equal(Acls.Reader4321At0640, await Acls.GetAsync(root.HostPath(Up2Date)));
        Assert.Equal(OldUp2Date, File.ReadAllText(root.HostPath(Up2Date)));
    }

    [Fact]
    public async Task Up2date_that_rhnreg_ks_replaced_has_its_old_attributes_and_label_back()
    {
        using var root = new CommandRoot();
        root.WriteFile(Up2Date, OldUp2Date, "640");
        await Xattrs.SetAsync(root.HostPath(Up2Date), "user.managed-by", "satellite");
        string[] expected = ["user.managed-by=\"satellite\""];
        if (Owners.AsRoot)
        {
            await Xattrs.SetAsync(root.HostPath(Up2Date), "security.selinux", Xattrs.Label);
            expected = [$"security.selinux=\"{Xattrs.Label}\"", .. expected];
        }

        using var saved = SavedRegistration.Take(root.System);
        File.Delete(root.HostPath(Up2Date));
        root.WriteFile(Up2Date, "serverURL=https://rhn.example.com/XMLRPC\n", "640");

        saved.Restore();

        Assert.Equal(OldUp2Date, File.ReadAllText(root.HostPath(Up2Date)));
        Assert.Equal(expected, await Xattrs.GetAsync(root.HostPath(Up2Date)));
    }

    [Fact]
    public async Task A_failed_first_activation_leaves_no_up2date_or_systemid()
    {
        // The scripted runner plays rhnreg_ks on the files of the root made below.
        var rootPath = "";
        var runner = new ScriptedProcessRunner(_ =>
        {
            File.WriteAllText(Path.Combine(rootPath, "etc/sysconfig/rhn/systemid"), "partial");
            return new ProcessResult(1, "", "");
        });
        using var root = new CommandRoot(processes: runner);
        rootPath = root.System.FileSystem.Root;
        root.WriteFile("/etc/os-release", "ID=rhel\n");

        await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Empty(root.System.FileSystem.ListDirectory("/etc/sysconfig/rhn"));
    }

    [Fact]
    public async Task A_successful_activation_drops_the_old_systemid_and_keeps_no_copy()
    {
        // The scripted runner plays rhnreg_ks on the files of the root made below.
        var rootPath = "";
        var runner = new ScriptedProcessRunner(_ =>
        {
            File.WriteAllText(Path.Combine(rootPath, "etc/sysconfig/rhn/systemid"), "new registration");
            return new ProcessResult(0, "", "");
        });
        using var root = new CommandRoot(processes: runner);
        rootPath = root.System.FileSystem.Root;
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.WriteFile(Up2Date, OldUp2Date, "640");
        root.WriteFile(SystemId, OldSystemId, "600");

        Assert.Equal(CommandResult.Ok(), await KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal([SystemId, Up2Date], root.System.FileSystem.ListDirectory("/etc/sysconfig/rhn"));
        Assert.Equal("new registration", File.ReadAllText(root.HostPath(SystemId)));
        Assert.Contains("serverURL=https://rhn.example.com/XMLRPC;", File.ReadAllText(root.HostPath(Up2Date)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_old_systemid_cannot_be_put_back_up2date_still_is_and_the_answer_says_so()
    {
        // The scripted runner plays rhnreg_ks on the files of the root made below.
        var rootPath = "";
        var runner = new ScriptedProcessRunner(_ =>
        {
            // Something removes the saved system id while rhnreg_ks runs.
            foreach (var aside in Directory.GetFiles(Path.Combine(rootPath, "etc/sysconfig/rhn"), ".systemid.*"))
            {
                File.Delete(aside);
            }

            return new ProcessResult(1, "", "");
        });
        using var root = new CommandRoot(processes: runner);
        rootPath = root.System.FileSystem.Root;
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.WriteFile(Up2Date, OldUp2Date, "640");
        root.WriteFile(SystemId, OldSystemId, "600");

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.StartsWith("Couldn't activate with RHN: 1; restoring the previous RHN configuration failed too: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(OldUp2Date, File.ReadAllText(root.HostPath(Up2Date)));
    }

    [Fact]
    public async Task When_neither_file_can_be_put_back_the_answer_gives_the_systemid_s_reason()
    {
        // The scripted runner plays rhnreg_ks on the files of the root made below.
        var rootPath = "";
        var runner = new ScriptedProcessRunner(_ =>
        {
            // The saved system id goes, and a directory takes up2date's place: neither can be put back.
            foreach (var aside in Directory.GetFiles(Path.Combine(rootPath, "etc/sysconfig/rhn"), ".systemid.*"))
            {
                File.Delete(aside);
            }

            File.Delete(Path.Combine(rootPath, "etc/sysconfig/rhn/up2date"));
            FixtureDirectories.Create(Path.Combine(rootPath, "etc/sysconfig/rhn/up2date/inside"));
            return new ProcessResult(1, "", "");
        });
        using var root = new CommandRoot(processes: runner);
        rootPath = root.System.FileSystem.Root;
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.WriteFile(Up2Date, OldUp2Date, "640");
        root.WriteFile(SystemId, OldSystemId, "600");

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        // The first failure, the system id's (the registration itself), not the up2date one after it.
        Assert.Equal("Couldn't activate with RHN: 1; restoring the previous RHN configuration failed too: No such file or directory", error.Message);
    }

    [Fact]
    public async Task An_up2date_that_is_not_a_regular_file_is_neither_read_nor_replaced()
    {
        var runner = new ScriptedProcessRunner(_ => throw new InvalidOperationException("rhnreg_ks must not run"));
        using var root = new CommandRoot(processes: runner);
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.WriteFile(Up2Date + "/inside", "an operator's file", "600");
        root.WriteFile(SystemId, OldSystemId, "600");
        var before = TreeSnapshot.TakeExceptState(root.System.FileSystem.Root);

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        // Refused when it is read, before anything is changed (before session 68 the system id was moved
        // aside and back, and the answer said a write failed).
        Assert.Equal("Couldn't read /etc/sysconfig/rhn/up2date: it is not a regular file", error.Message);
        Assert.Empty(runner.Calls);
        Assert.Equal(before, TreeSnapshot.TakeExceptState(root.System.FileSystem.Root));
    }

    public static TheoryData<MoveFailure, MoveFailure, string> MoveAsideFailures() => new()
    {
        // Nothing renamed: the original stays where it is (it was deleted as "what rhnreg_ks made").
        { MoveFailure.BeforeRename, MoveFailure.None, "" },
        // Renamed, then the directory sync failed: the hidden file is moved back.
        { MoveFailure.AfterRename, MoveFailure.None, "" },
        // Renamed, and moving it back fails too: the answer says the restore failed.
        { MoveFailure.AfterRename, MoveFailure.BeforeRename, "; restoring the previous RHN configuration failed too: " },
    };

    [Theory]
    [MemberData(nameof(MoveAsideFailures))]
    public async Task A_failed_move_aside_never_loses_the_systemid(MoveFailure aside, MoveFailure back, string restoreFailure)
    {
        var runner = new ScriptedProcessRunner(_ => throw new InvalidOperationException("rhnreg_ks must not run"));
        using var root = new CommandRoot(processes: runner);
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.WriteFile(Up2Date, OldUp2Date, "640");
        root.WriteFile(SystemId, OldSystemId, "600");
        var before = TreeSnapshot.TakeExceptState(root.System.FileSystem.Root);
        var disk = new ObservedFileSystem(root.System.FileSystem)
        {
            FailMoving = from => from == SystemId ? aside : from.Contains("/.systemid.", StringComparison.Ordinal) ? back : MoveFailure.None,
        };
        var context = new CommandContext(Guid.NewGuid().ToString(), "kmsactivate", root.Session,
            (root.System with { FileSystem = disk }).AddTo(new GuestAgent.Hosting.ServiceMap()), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), context));

        Assert.Equal("500", error.ReturnCode);
        Assert.StartsWith("Couldn't write the RHN configuration: ", error.Message, StringComparison.Ordinal);
        Assert.Empty(runner.Calls);
        Assert.Equal(OldUp2Date, File.ReadAllText(root.HostPath(Up2Date)));
        if (restoreFailure.Length == 0)
        {
            Assert.DoesNotContain("restoring", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, TreeSnapshot.TakeExceptState(root.System.FileSystem.Root));
        }
        else
        {
            Assert.Contains(restoreFailure, error.Message, StringComparison.Ordinal);
            // Still kept, under its aside name, for an operator (or the start-up recovery) to put back.
            var hidden = Assert.Single(Directory.GetFiles(root.HostPath("/etc/sysconfig/rhn"), ".systemid.*"));
            Assert.Equal(OldSystemId, File.ReadAllText(hidden));
        }
    }

    /// <summary>
    /// The new up2date is renamed into place but its directory cannot be synced (<see cref="UnconfirmedWriteException"/>),
    /// so it might not survive a power cut: the old one goes back and
    /// rhnreg_ks never runs, so "couldn't write" is what is on disk (before, the new servers stayed).
    /// </summary>
    [Fact]
    public async Task An_up2date_written_but_unconfirmed_is_put_back()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.WriteFile(Up2Date, OldUp2Date, "644");
        root.WriteFile(SystemId, OldSystemId, "600");
        root.Services.Add(root.System with { Writer = new UnsyncedDirectoryWriter(root.System.Writer, failures: 1, onlyPath: Up2Date) });

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal("Couldn't write the RHN configuration: Input/output error", error.Message);
        Assert.Equal("", root.ActionsLog());
        Assert.Equal(OldUp2Date, File.ReadAllText(root.HostPath(Up2Date)));
        Assert.Equal(OldSystemId, File.ReadAllText(root.HostPath(SystemId)));
    }

    /// <summary>
    /// rhnreg_ks fails and the old up2date is renamed back into place, only its directory's sync
    /// fails: the answer says it is back, unconfirmed (before, it said restoring had failed).
    /// </summary>
    [Fact]
    public async Task An_up2date_put_back_but_unconfirmed_is_reported_as_put_back()
    {
        var runner = new ScriptedProcessRunner(_ => new ProcessResult(1, "", ""));
        using var root = new CommandRoot(processes: runner);
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.WriteFile(Up2Date, OldUp2Date, "644");
        root.WriteFile(SystemId, OldSystemId, "600");
        // The first write of up2date (the new servers) is confirmed; the second (putting the old one back) is not.
        root.Services.Add(root.System with { Writer = new UnsyncedDirectoryWriter(root.System.Writer, failures: 1, onlyPath: Up2Date, confirmedFirst: 1) });

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal(OldUp2Date, File.ReadAllText(root.HostPath(Up2Date)));
        Assert.Equal(OldSystemId, File.ReadAllText(root.HostPath(SystemId)));
        Assert.Equal("Couldn't activate with RHN: 1; the previous RHN configuration was put back, but that could not be confirmed on disk: Input/output error", error.Message);
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
