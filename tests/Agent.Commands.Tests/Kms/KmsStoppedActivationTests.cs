using System.Text.Json;
using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Tests.Kms;

/// <summary>
/// The agent stopping while <c>rhnreg_ks</c> runs: the request is not answered (the host hears
/// nothing of a stopping agent), so the registration is put back without an answer, and a restore
/// that fails then must still reach the operator, in the log, and be finished at the next start.
/// </summary>
public sealed class KmsStoppedActivationTests
{
    private const string Up2Date = "/etc/sysconfig/rhn/up2date";
    private const string SystemId = "/etc/sysconfig/rhn/systemid";
    private const string OldUp2Date = "serverURL=https://satellite.internal/XMLRPC\n";
    private const string OldSystemId = "<?xml version=\"1.0\"?><params><!-- the guest's registration --></params>\n";
    private const string Request = """{"activation_key":"1-SECRET-KEY","profile":"web01","domains":["rhn.example.com"]}""";

    [Fact]
    public async Task A_cancelled_activation_puts_the_registration_back_too()
    {
        using var stopping = new CancellationTokenSource();
        using var root = new CommandRoot(processes: StoppedDuringRhnregKs(stopping));
        var logs = new CapturingLoggerFactory();
        root.Services.Add<ILoggerFactory>(logs);
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.WriteFile(Up2Date, OldUp2Date, "640");
        root.WriteFile(SystemId, OldSystemId, "600");
        var before = TreeSnapshot.TakeExceptState(root.System.FileSystem.Root);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.ContextStoppedBy("kmsactivate", stopping.Token)));

        Assert.Equal(before, TreeSnapshot.TakeExceptState(root.System.FileSystem.Root));
        Assert.Empty(logs.Messages);
    }

    [Fact]
    public async Task A_restore_that_fails_while_stopping_is_logged_and_finished_at_the_next_start()
    {
        using var stopping = new CancellationTokenSource();
        using var root = new CommandRoot(processes: StoppedDuringRhnregKs(stopping));
        var logs = new CapturingLoggerFactory();
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.WriteFile(Up2Date, OldUp2Date, "640");
        root.WriteFile(SystemId, OldSystemId, "600");
        // Moving the old system id back from aside fails: it stays hidden until someone moves it.
        var disk = new ObservedFileSystem(root.System.FileSystem)
        {
            FailMoving = from => from.Contains("/.systemid.", StringComparison.Ordinal) ? MoveFailure.BeforeRename : MoveFailure.None,
        };
        var services = (root.System with { FileSystem = disk }).AddTo(new GuestAgent.Hosting.ServiceMap());
        services.Add<ILoggerFactory>(logs);
        var context = new CommandContext("req-stop", "kmsactivate", root.Session, services, stopping.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => KmsActivateCommand.KmsActivate(Json(Request), context));

        var line = Assert.Single(logs.Messages);
        Assert.StartsWith("Error: Request req-stop: kmsactivate: the agent stopped while rhnreg_ks ran, and putting the previous RHN configuration back failed (", line, StringComparison.Ordinal);
        Assert.Contains("the next start moves the old system id back", line, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", line, StringComparison.Ordinal);
        Assert.False(File.Exists(root.HostPath(SystemId)));

        // The next start's recovery, on the real disk, finishes what the stop left.
        var recovered = new KmsActivationRecovery(root.System).Recover();

        // The copy of the old up2date, kept while the restore was unfinished, goes back too (first: see KmsActivationRecovery).
        Assert.Collection(
            recovered,
            entry => Assert.StartsWith("restored .up2date.", entry, StringComparison.Ordinal),
            entry => Assert.StartsWith("restored .systemid.", entry, StringComparison.Ordinal));
        Assert.Equal(OldSystemId, File.ReadAllText(root.HostPath(SystemId)));
        Assert.Equal(OldUp2Date, File.ReadAllText(root.HostPath(Up2Date)));
        Assert.Equal(["systemid", "up2date"], Directory.GetFileSystemEntries(root.HostPath("/etc/sysconfig/rhn")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static ScriptedProcessRunner StoppedDuringRhnregKs(CancellationTokenSource stopping) => new(_ =>
    {
        stopping.Cancel();
        throw new OperationCanceledException(stopping.Token);
    });

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
