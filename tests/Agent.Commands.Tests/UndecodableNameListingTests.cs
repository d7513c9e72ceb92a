using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Commands.Update;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Tests;

/// <summary>
/// A foreign file whose name is not valid UTF-8 (<c>\xE9</c>), on the real file system, in a directory the agent lists to
/// find files of its own: <see cref="IFileSystem.ListDirectory"/> gives it decoded, <c>U+FFFD</c> in place of the byte, a
/// path that names no file. The agent never names a file so (its names are ASCII), so it is never one of the agent's: it
/// must be neither taken for one (acted on, reported as done, failing a start) nor lost.
/// </summary>
public sealed class UndecodableNameListingTests
{
    private const string Rhn = "/etc/sysconfig/rhn";
    private static readonly ProcessResult Success = new(0, "", "");

    [Fact]
    public void Kmsactivate_recovery_leaves_a_foreign_aside_name_that_is_not_utf8_alone_and_does_not_report_it_removed()
    {
        using var root = new CommandRoot();
        root.WriteFile($"{Rhn}/.systemid.0123456789ab.kmsactivate", "the old registration", "600");
        var foreign = RawFileNames.Latin1(".systemid.\xE9.kmsactivate");
        RawFileNames.Create(root.HostPath(Rhn), foreign, "someone else's", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            var done = new KmsActivationRecovery(root.System).Recover();

            Assert.Equal(["restored .systemid.0123456789ab.kmsactivate"], done);
            Assert.Equal("the old registration", File.ReadAllText(root.HostPath($"{Rhn}/systemid")));
            Assert.Equal([foreign], root.System.FileSystem.ListUndecodableNames(Rhn));
        }
        finally
        {
            RawFileNames.Remove(root.HostPath(Rhn), foreign);
        }
    }

    [Fact]
    public async Task Network_recovery_takes_a_foreign_unrestored_name_that_is_not_utf8_for_no_record()
    {
        using var change = new InterruptedChange();
        var state = change.Root.CreateDirectory("/var/lib/guest-agent/resetnetwork");
        var foreign = RawFileNames.Latin1("transaction.unrestored-\xE9.json");
        RawFileNames.Create(state, foreign, "{}", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            var logger = new RecordingLogger<NetworkRecovery>();

            Assert.Equal(NetworkRecoveryOutcome.NothingToRecover, await change.RecoverAsync(new ScriptedProcessRunner(_ => Success), logger));

            Assert.Empty(logger.At(LogLevel.Warning).Concat(logger.At(LogLevel.Error)));
            Assert.Equal([foreign], change.Root.System.FileSystem.ListUndecodableNames("/var/lib/guest-agent/resetnetwork"));
        }
        finally
        {
            RawFileNames.Remove(state, foreign);
        }
    }

    [Fact]
    public async Task Resetnetwork_goes_on_beside_a_foreign_unrestored_name_that_is_not_utf8()
    {
        using var root = Network.FakeRoot.For("debian");
        root.AddInterface("eth0", "bc:76:4e:20:6c:5a");
        root.AddInterface("eth1", "bc:76:4e:20:6c:5b");
        var state = FixtureDirectories.Create(root.Host("/var/lib/guest-agent/resetnetwork"));
        var foreign = RawFileNames.Latin1("transaction.unrestored-\xE9.json");
        RawFileNames.Create(state, foreign, "{}", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            Assert.Equal(CommandResult.Ok(), await Network.ResetNetworkEndToEndTests.ResetAsync(root, Network.ResetNetworkEndToEndTests.VmData()));
            Assert.Equal([foreign], root.CreateSystem().FileSystem.ListUndecodableNames("/var/lib/guest-agent/resetnetwork"));
        }
        finally
        {
            RawFileNames.Remove(state, foreign);
        }
    }

    [Fact]
    public void Enabled_services_are_read_beside_units_and_wants_directories_whose_names_are_not_utf8()
    {
        // Not a defect: such a unit is no network service of any backend, and a decoded .wants directory lists nothing.
        using var root = new CommandRoot();
        var wants = root.CreateDirectory("/etc/systemd/system/multi-user.target.wants");
        File.CreateSymbolicLink(Path.Combine(wants, "NetworkManager.service"), "/usr/lib/systemd/system/NetworkManager.service");
        var unit = RawFileNames.Latin1("caf\xE9.service");
        var otherWants = RawFileNames.Latin1("caf\xE9.target.wants");
        var alias = RawFileNames.Latin1("network\xE9.service");
        RawFileNames.Create(wants, unit, "", UnixFileMode.UserRead);
        root.CreateDirectory("/etc/systemd/system/staged.target.wants");
        RawFileNames.RenameTo(root.HostPath("/etc/systemd/system"), "staged.target.wants", otherWants);
        RawFileNames.Create(root.HostPath("/etc/systemd/system"), alias, "", UnixFileMode.UserRead);
        try
        {
            var enabled = GuestAgent.Commands.Network.Detection.EnabledServices.Read(new GuestAgent.Commands.Network.FileSystemView(root.System.FileSystem));

            Assert.Contains("NetworkManager", enabled);
            Assert.Contains("caf\uFFFD", enabled);
        }
        finally
        {
            RawFileNames.Remove(wants, unit);
            RawFileNames.Remove(root.HostPath("/etc/systemd/system"), alias);
            Assert.Equal(0, RemoveDirectory([.. System.Text.Encoding.UTF8.GetBytes(root.HostPath("/etc/systemd/system") + "/"), .. otherWants, 0]));
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "rmdir", SetLastError = true)]
    private static extern int RemoveDirectory(byte[] path);

    [Fact]
    public void A_rollback_keeps_a_directory_it_created_that_holds_a_name_that_is_not_utf8()
    {
        // Not a defect: the listing counts the decoded name, so the directory is not empty and stays, with the file.
        using var root = new CommandRoot();
        var kept = root.CreateDirectory("/etc/created-kept");
        root.CreateDirectory("/etc/created-empty");
        var foreign = RawFileNames.Latin1("caf\xE9.yaml");
        RawFileNames.Create(kept, foreign, "someone else's", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            var failed = new GuestAgent.Commands.Network.Applying.FileRestorer(root.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
                .Restore([], [], ["/etc/created-kept", "/etc/created-empty"]);

            Assert.Empty(failed);
            Assert.False(Directory.Exists(root.HostPath("/etc/created-empty")));
            Assert.Equal([foreign], root.System.FileSystem.ListUndecodableNames("/etc/created-kept"));
        }
        finally
        {
            RawFileNames.Remove(kept, foreign);
        }
    }

    [Fact]
    public void Agentupdate_leftover_removal_removes_its_own_and_leaves_a_name_that_is_not_utf8()
    {
        // Not a defect: only names of 16 hex digits are an update's, and U+FFFD is none.
        using var root = new CommandRoot();
        var staging = root.CreateDirectory("/var/lib/guest-agent/update");
        var ours = root.CreateDirectory($"/var/lib/guest-agent/update/{new string('a', 16)}");
        File.WriteAllText(Path.Combine(ours, "guest-agent"), "half an update");
        var foreign = RawFileNames.Latin1(new string('a', 15) + "\xE9");
        RawFileNames.Create(staging, foreign, "someone else's", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            var removed = new List<string>();
            StagingFiles.RemoveLeftovers(root.System.FileSystem, "/var/lib/guest-agent/update", removed.Add);

            Assert.Equal([$"/var/lib/guest-agent/update/{new string('a', 16)}"], removed);
            Assert.False(Directory.Exists(ours));
            Assert.Equal([foreign], root.System.FileSystem.ListUndecodableNames("/var/lib/guest-agent/update"));
        }
        finally
        {
            RawFileNames.Remove(staging, foreign);
        }
    }
}
