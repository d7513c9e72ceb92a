using System.Diagnostics;
using System.Text.Json;
using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Kms;

/// <summary>
/// An agent killed (SIGKILL, a power cut) while <c>rhnreg_ks</c> runs: no rollback runs, so the next
/// start's <see cref="KmsActivationRecovery"/> must find on disk all it needs to put the registration
/// back as it was, the up2date servers included, or to keep the new registration and leave nothing
/// hidden behind. The kill is played by copying <c>/etc</c>, as <c>cp -a</c> keeps it (modes, hidden
/// files), at the moment <c>rhnreg_ks</c> runs, into a second root that the recovery then runs on.
/// </summary>
public sealed class KmsKilledActivationTests
{
    private const string Up2Date = "/etc/sysconfig/rhn/up2date";
    private const string SystemId = "/etc/sysconfig/rhn/systemid";
    private const string OldUp2Date = "serverURL=https://satellite.internal/XMLRPC\nproxyPassword=not-for-others\n";
    private const string OldSystemId = "<?xml version=\"1.0\"?><params><!-- the guest's registration --></params>\n";
    private const string Request = """{"activation_key":"1-SECRET-KEY","profile":"web01","domains":["rhn.example.com"]}""";

    [Fact]
    public async Task Killed_before_rhnreg_ks_registered_the_next_start_puts_the_old_up2date_and_systemid_back()
    {
        using var killed = new CommandRoot();
        var rootPath = "";
        var runner = new ScriptedProcessRunner(_ =>
        {
            CopyEtc(rootPath, killed.System.FileSystem.Root);
            return new ProcessResult(0, "", "");
        });
        using var root = new CommandRoot(processes: runner);
        rootPath = root.System.FileSystem.Root;
        WriteRegisteredRedHat(root);
        var before = TreeSnapshot.TakeExceptState(root.System.FileSystem.Root);

        await KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate"));
        new KmsActivationRecovery(killed.System).Recover();

        // Everything as it was before the activation: the old servers (and the up2date's mode, which
        // keeps its proxy password private), the old system id, and nothing hidden left beside them.
        Assert.Equal(before, TreeSnapshot.TakeExceptState(killed.System.FileSystem.Root));
    }

    [Fact]
    public async Task Killed_after_rhnreg_ks_registered_the_next_start_keeps_the_new_registration_and_leaves_nothing_hidden()
    {
        using var killed = new CommandRoot();
        var rootPath = "";
        var runner = new ScriptedProcessRunner(_ =>
        {
            File.WriteAllText(Path.Combine(rootPath, "etc/sysconfig/rhn/systemid"), "new registration");
            CopyEtc(rootPath, killed.System.FileSystem.Root);
            return new ProcessResult(0, "", "");
        });
        using var root = new CommandRoot(processes: runner);
        rootPath = root.System.FileSystem.Root;
        WriteRegisteredRedHat(root);

        await KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate"));
        new KmsActivationRecovery(killed.System).Recover();

        Assert.Equal(["systemid", "up2date"], Directory.GetFileSystemEntries(killed.HostPath("/etc/sysconfig/rhn")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("new registration", File.ReadAllText(killed.HostPath(SystemId)));
        Assert.Contains("serverURL=https://rhn.example.com/XMLRPC;", File.ReadAllText(killed.HostPath(Up2Date)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killed_halfway_through_putting_back_a_failed_activation_the_next_start_finishes_it()
    {
        // rhnreg_ks fails and the registration is put back; the kill comes right after the old systemid
        // is back at its path. A systemid there tells the next start "registered": up2date must be back by then.
        using var killed = new CommandRoot();
        var runner = new ScriptedProcessRunner(_ => new ProcessResult(1, "", ""));
        using var root = new CommandRoot(processes: runner);
        WriteRegisteredRedHat(root);
        var before = TreeSnapshot.TakeExceptState(root.System.FileSystem.Root);
        var disk = new KilledAfterMove(root.System.FileSystem, SystemId, () => CopyEtc(root.System.FileSystem.Root, killed.System.FileSystem.Root));
        var context = new CommandContext("req-kill", "kmsactivate", root.Session, (root.System with { FileSystem = disk }).AddTo(new GuestAgent.Hosting.ServiceMap()), TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), context));
        Assert.True(disk.Killed);
        new KmsActivationRecovery(killed.System).Recover();

        Assert.Equal(before, TreeSnapshot.TakeExceptState(killed.System.FileSystem.Root));
    }

    [Fact]
    public async Task A_new_up2date_the_disk_refuses_changes_nothing_and_leaves_no_copy()
    {
        var runner = new ScriptedProcessRunner(_ => throw new InvalidOperationException("rhnreg_ks must not run"));
        using var root = new CommandRoot(processes: runner);
        WriteRegisteredRedHat(root);
        var before = TreeSnapshot.TakeExceptState(root.System.FileSystem.Root);
        // The copy of the old up2date is written; the new up2date meets a full disk.
        root.Services.Add(root.System with { Writer = new InterceptingWriter(root.System.Writer, failingPath: Up2Date) });

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        // Up2date was never replaced: nothing to put back, so nothing "failed too" on the full disk.
        Assert.Equal("Couldn't write the RHN configuration: No space left on device", error.Message);
        Assert.Empty(runner.Calls);
        Assert.Equal(before, TreeSnapshot.TakeExceptState(root.System.FileSystem.Root));
    }

    [Fact]
    public async Task A_copy_of_up2date_the_disk_refuses_stops_the_activation_before_anything_changes()
    {
        var runner = new ScriptedProcessRunner(_ => throw new InvalidOperationException("rhnreg_ks must not run"));
        using var root = new CommandRoot(processes: runner);
        WriteRegisteredRedHat(root);
        var before = TreeSnapshot.TakeExceptState(root.System.FileSystem.Root);
        root.Services.Add(root.System with { Writer = new FullDiskWriter() });

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal("Couldn't write the RHN configuration: No space left on device", error.Message);
        Assert.Empty(runner.Calls);
        Assert.Equal(before, TreeSnapshot.TakeExceptState(root.System.FileSystem.Root));
    }

    [Fact]
    public async Task A_copy_of_up2date_that_may_not_last_stops_the_activation_and_is_removed()
    {
        var runner = new ScriptedProcessRunner(_ => throw new InvalidOperationException("rhnreg_ks must not run"));
        using var root = new CommandRoot(processes: runner);
        WriteRegisteredRedHat(root);
        var before = TreeSnapshot.TakeExceptState(root.System.FileSystem.Root);
        // The first write (the copy) is renamed into place, but its directory cannot be synced.
        root.Services.Add(root.System with { Writer = new UnsyncedDirectoryWriter(root.System.Writer, failures: 1) });

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal("Couldn't write the RHN configuration: Input/output error", error.Message);
        Assert.Empty(runner.Calls);
        Assert.Equal(before, TreeSnapshot.TakeExceptState(root.System.FileSystem.Root));
    }

    [Fact]
    public async Task A_systemid_that_cannot_be_moved_aside_leaves_up2date_the_same_file()
    {
        // Up2date is written only after the old system id is aside: refused before, it is never rewritten.
        var runner = new ScriptedProcessRunner(_ => throw new InvalidOperationException("rhnreg_ks must not run"));
        using var root = new CommandRoot(processes: runner);
        WriteRegisteredRedHat(root);
        var before = TreeSnapshot.TakeExceptState(root.System.FileSystem.Root);
        var inode = Inodes.Of(root.HostPath(Up2Date));
        var disk = new ObservedFileSystem(root.System.FileSystem) { FailMoving = from => from == SystemId ? MoveFailure.BeforeRename : MoveFailure.None };
        var context = new CommandContext("req-aside", "kmsactivate", root.Session, (root.System with { FileSystem = disk }).AddTo(new GuestAgent.Hosting.ServiceMap()), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), context));

        Assert.StartsWith("Couldn't write the RHN configuration: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("restoring", error.Message, StringComparison.Ordinal);
        Assert.Equal(inode, Inodes.Of(root.HostPath(Up2Date)));
        Assert.Equal(before, TreeSnapshot.TakeExceptState(root.System.FileSystem.Root));
    }

    [Fact]
    public async Task A_put_back_on_a_disk_that_filled_up_still_brings_the_old_up2date_back()
    {
        // rhnreg_ks fails; by then the disk is full, so rewriting the old up2date fails. Left so, the
        // request's servers would stay, and the next start (a systemid at its path) would drop the copy.
        var runner = new ScriptedProcessRunner(_ => new ProcessResult(1, "", ""));
        using var root = new CommandRoot(processes: runner);
        WriteRegisteredRedHat(root);
        var before = TreeSnapshot.TakeExceptState(root.System.FileSystem.Root);
        root.Services.Add(root.System with { Writer = new FullAfterFirstUp2DateWrite(root.System.Writer) });

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal("Couldn't activate with RHN: 1", error.Message);
        Assert.Equal(before, TreeSnapshot.TakeExceptState(root.System.FileSystem.Root));
    }

    /// <summary>The real writer, until up2date has been written once: every later write of it meets a full disk.</summary>
    private sealed class FullAfterFirstUp2DateWrite(IAtomicFileWriter inner) : IAtomicFileWriter
    {
        private readonly FullDiskWriter _full = new();
        private int _up2dateWrites;

        public bool Write(string path, ReadOnlySpan<byte> contents, AtomicWriteOptions? options = null) =>
            WriterFor(path).Write(path, contents, options);

        public bool Write(string path, Stream contents, AtomicWriteOptions? options = null) =>
            WriterFor(path).Write(path, contents, options);

        public IStagedFile? Stage(string path, Stream contents, AtomicWriteOptions? options = null) =>
            WriterFor(path).Stage(path, contents, options);

        private IAtomicFileWriter WriterFor(string path) => path == Up2Date && ++_up2dateWrites > 1 ? _full : inner;
    }

    /// <summary>The real file system, where the disk is copied (<paramref name="kill"/>) right after a file is moved to <paramref name="path"/>.</summary>
    private sealed class KilledAfterMove(IFileSystem inner, string path, Action kill) : DelegatingFileSystem(inner)
    {
        public bool Killed { get; private set; }

        public override void Move(string from, string to)
        {
            base.Move(from, to);
            if (to == path && !Killed)
            {
                Killed = true;
                kill();
            }
        }
    }

    /// <summary>The root's <c>/etc</c> as a kill at this moment leaves it on disk, copied by <c>cp -a</c>.</summary>
    private static void CopyEtc(string from, string to)
    {
        using var copy = Process.Start(new ProcessStartInfo("cp", ["-a", "--", Path.Combine(from, "etc"), to]) { RedirectStandardError = true })!;
        var error = copy.StandardError.ReadToEnd();
        copy.WaitForExit();
        Assert.True(copy.ExitCode == 0, error);
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>A Red Hat guest registered before: os-release, the old up2date and the old systemid.</summary>
    private static void WriteRegisteredRedHat(CommandRoot root)
    {
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.WriteFile(Up2Date, OldUp2Date, "600");
        root.WriteFile(SystemId, OldSystemId, "600");
    }
}
