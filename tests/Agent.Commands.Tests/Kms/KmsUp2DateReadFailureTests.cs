using System.Text.Json;
using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Kms;

/// <summary>
/// An old <c>up2date</c> that cannot be read is answered as a read failure, with its path and the system's
/// reason, before anything is changed: not as a write (nothing was written), and <c>rhnreg_ks</c> is not run.
/// </summary>
public sealed class KmsUp2DateReadFailureTests
{
    private const string Up2Date = "/etc/sysconfig/rhn/up2date";
    private const string SystemId = "/etc/sysconfig/rhn/systemid";
    private const string Request = """{"activation_key":"1-KEY","profile":"web01","domains":["rhn.example.com"]}""";

    [Theory]
    [InlineData("refused", "Permission denied")]
    [InlineData("io", "Input/output error")]
    public async Task An_up2date_that_cannot_be_read_is_answered_as_a_read_failure_and_nothing_is_changed(string how, string reason)
    {
        // Root is refused a read only by an LSM (EACCES, which .NET throws as UnauthorizedAccessException) or
        // a failing disk (EIO): a file system throws what .NET throws then. A directory at the path (real) is
        // KmsRollbackTests'; a link on the way is read through and refused by the write, truthfully answered so.
        var runner = new ScriptedProcessRunner(_ => new ProcessResult(0, "", ""));
        using var root = new CommandRoot(processes: runner);
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.WriteFile(Up2Date, "serverURL=https://satellite.internal/XMLRPC\n");
        root.WriteFile(SystemId, "old id");
        Exception failure = how == "refused"
            ? new UnauthorizedAccessException($"Access to the path '{Up2Date}' is denied.")
            : new IOException("Input/output error", 5);
        root.Services.Add(root.System with { FileSystem = new FailingRegularFileRead(root.System.FileSystem, Up2Date, failure) });

        var before = TreeSnapshot.TakeExceptState(root.System.FileSystem.Root);

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal("500", error.ReturnCode);
        Assert.Equal($"Couldn't read {Up2Date}: {reason}", error.Message);
        Assert.Empty(runner.Calls);
        Assert.Equal(before, TreeSnapshot.TakeExceptState(root.System.FileSystem.Root));
    }

    [Fact]
    public async Task A_link_at_up2date_is_not_read_through_and_the_write_refuses_it()
    {
        // Not a read failure: the link is never followed (one look, O_NOFOLLOW), and the write, which never
        // writes through a link, refuses it before rhnreg_ks runs; its target is left as it is.
        var runner = new ScriptedProcessRunner(_ => new ProcessResult(0, "", ""));
        using var root = new CommandRoot(processes: runner);
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.WriteFile("/etc/up2date.managed", "serverURL=https://satellite.internal/XMLRPC\n");
        root.WriteFile(SystemId, "old id");
        File.CreateSymbolicLink(root.HostPath(Up2Date), "../../up2date.managed");
        var before = TreeSnapshot.TakeExceptState(root.System.FileSystem.Root);

        var error = await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal("Couldn't write the RHN configuration: it is a symbolic link", error.Message);
        Assert.Empty(runner.Calls);
        Assert.Equal(before, TreeSnapshot.TakeExceptState(root.System.FileSystem.Root));
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>A file system whose one-look read of <paramref name="path"/> throws <paramref name="failure"/>.</summary>
    private sealed class FailingRegularFileRead(IFileSystem inner, string path, Exception failure) : DelegatingFileSystem(inner)
    {
        public override RegularFile? ReadRegularFile(string file) => file == path ? throw failure : base.ReadRegularFile(file);

        public override PathEntry? ReadEntry(string file) => file == path ? throw failure : base.ReadEntry(file);
    }
}
