using System.Text.Json;
using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Kms;

/// <summary>
/// A failed activation on a guest without <c>/etc/sysconfig/rhn</c> (RHEL 8 and later ship no rhn-client-tools, so no
/// <c>rhnreg_ks</c>) leaves the system as it was: the directory the write made is removed, but only while it is empty.
/// </summary>
public sealed class KmsMadeDirectoryTests
{
    private const string Request = """{"activation_key":"1-KEY","profile":"web01","domains":["rhn.example.com"]}""";

    [Theory]
    [InlineData("cannot start")]
    [InlineData("exit 1")]
    public async Task A_failed_activation_removes_the_rhn_directory_it_made(string failure)
    {
        // No rhnreg_ks on this guest: the runner throws what starting a missing program throws.
        var runner = new ScriptedProcessRunner(_ => failure == "exit 1" ? new ProcessResult(1, "", "") : throw new IOException("No such file or directory"));
        using var root = new CommandRoot(processes: runner);
        root.WriteFile("/etc/os-release", "ID=rhel\nVERSION_ID=\"9.4\"\n");
        root.CreateDirectory("/etc/sysconfig");
        var before = TreeSnapshot.TakeExceptState(root.System.FileSystem.Root);

        await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Single(runner.Calls);
        Assert.False(Directory.Exists(root.HostPath("/etc/sysconfig/rhn")));
        Assert.Equal(before, TreeSnapshot.TakeExceptState(root.System.FileSystem.Root));
    }

    [Fact]
    public async Task The_rhn_directory_it_made_stays_when_something_else_was_put_in_it()
    {
        // Something other than the activation's files (another tool, rhnreg_ks's own leftovers) is never removed,
        // and neither is the directory holding it.
        string rootPath = "";
        var runner = new ScriptedProcessRunner(_ =>
        {
            File.WriteAllText(Path.Combine(rootPath, "etc/sysconfig/rhn/rhnsd"), "INTERVAL=240\n");
            return new ProcessResult(1, "", "");
        });
        using var root = new CommandRoot(processes: runner);
        rootPath = root.System.FileSystem.Root;
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.CreateDirectory("/etc/sysconfig");

        await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Equal(["rhnsd"], Directory.GetFileSystemEntries(root.HostPath("/etc/sysconfig/rhn")).Select(Path.GetFileName));
        Assert.Equal("INTERVAL=240\n", File.ReadAllText(root.HostPath("/etc/sysconfig/rhn/rhnsd")));
    }

    [Fact]
    public async Task An_rhn_directory_that_was_there_stays_even_when_empty()
    {
        var runner = new ScriptedProcessRunner(_ => new ProcessResult(1, "", ""));
        using var root = new CommandRoot(processes: runner);
        root.WriteFile("/etc/os-release", "ID=rhel\n");
        root.CreateDirectory("/etc/sysconfig/rhn");

        await Assert.ThrowsAsync<CommandException>(() => KmsActivateCommand.KmsActivate(Json(Request), root.Context("kmsactivate")));

        Assert.Empty(Directory.GetFileSystemEntries(root.HostPath("/etc/sysconfig/rhn")));
    }

    [Fact]
    public void The_one_rmdir_answers_false_for_a_directory_that_holds_something_and_for_nothing()
    {
        // rmdir(2)'s ENOTEMPTY and ENOENT are answers, not failures: the put-back must go on quietly.
        using var root = new CommandRoot();
        root.WriteFile("/etc/sysconfig/rhn/rhnsd", "INTERVAL=240\n");

        Assert.False(root.System.FileSystem.DeleteEmptyDirectory("/etc/sysconfig/rhn"));
        Assert.False(root.System.FileSystem.DeleteEmptyDirectory("/etc/sysconfig/none"));
        Assert.False(root.System.FileSystem.DeleteEmptyDirectory("/etc/sysconfig/rhn/rhnsd"));
        Assert.True(File.Exists(root.HostPath("/etc/sysconfig/rhn/rhnsd")));
        File.Delete(root.HostPath("/etc/sysconfig/rhn/rhnsd"));
        Assert.True(root.System.FileSystem.DeleteEmptyDirectory("/etc/sysconfig/rhn"));
        Assert.False(Directory.Exists(root.HostPath("/etc/sysconfig/rhn")));
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
