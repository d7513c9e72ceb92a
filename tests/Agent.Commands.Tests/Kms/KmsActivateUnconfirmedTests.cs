using System.Text.Json;
using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Kms;

/// <summary>
/// kmsactivate when a write of up2date is renamed into place but its directory cannot be synced
/// (<see cref="UnconfirmedWriteException"/>, an <see cref="IOException"/>): the answer says what is
/// on disk, and a failed activation still leaves the previous registration.
/// </summary>
public sealed class KmsActivateUnconfirmedTests
{
    private const string Up2Date = "/etc/sysconfig/rhn/up2date";
    private const string SystemId = "/etc/sysconfig/rhn/systemid";
    private const string OldUp2Date = "serverURL=https://satellite.internal/XMLRPC\n";
    private const string Request = """{"activation_key":"1-KEY","profile":"web01","domains":["proxy1.example.com","proxy2.example.com"]}""";

    /// <summary>
    /// The new up2date is in place but might not survive a power cut: the old one goes back and
    /// rhnreg_ks never runs, so "couldn't write" is what is on disk (before, the new servers stayed).
    /// </summary>
    [Fact]
    public async Task An_up2date_written_but_unconfirmed_is_put_back()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.WriteFile(Up2Date, OldUp2Date, "644");
        root.WriteFile(SystemId, "old id", "600");
        root.Services.Add(root.System with { Writer = new UnsyncedDirectoryWriter(root.System.Writer, failures: 1, onlyPath: Up2Date) });

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal("Couldn't write the RHN configuration: Input/output error", error.Message);
        Assert.Equal("", root.ActionsLog());
        Assert.Equal(OldUp2Date, File.ReadAllText(root.HostPath(Up2Date)));
        Assert.Equal("old id", File.ReadAllText(root.HostPath(SystemId)));
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
        root.WriteFile(SystemId, "old id", "600");
        // The first write of up2date (the new servers) is confirmed; the second (putting the old one back) is not.
        root.Services.Add(root.System with { Writer = new UnsyncedDirectoryWriter(root.System.Writer, failures: 1, onlyPath: Up2Date, confirmedFirst: 1) });

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal(OldUp2Date, File.ReadAllText(root.HostPath(Up2Date)));
        Assert.Equal("old id", File.ReadAllText(root.HostPath(SystemId)));
        Assert.Equal("Couldn't activate with RHN: 1; the previous RHN configuration was put back, but that could not be confirmed on disk: Input/output error", error.Message);
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
