using System.Text;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>
/// The host may inject into a directory whose reader takes every file (<c>/etc/logrotate.d</c>,
/// <c>/etc/cron.d</c>): the backup of the previous version must not be read as a second copy of the
/// configuration. Checked with the real logrotate, under its current default taboo extensions and
/// under the older ones (before 3.17) that did not yet skip <c>.bak</c>.
/// </summary>
public sealed class InjectFileDropInDirectoryTests
{
    private const string DropIns = "/etc/logrotate.d";
    private const string Path = DropIns + "/app";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Injecting_over_a_logrotate_drop_in_leaves_a_backup_logrotate_does_not_read(bool olderLogrotate)
    {
        using var root = new CommandRoot();
        var log = root.HostPath("/var/log/app.log");
        root.WriteFile(Path, Logrotate.Stanza(log, rotate: 4));

        var result = InjectFileCommands.InjectFile(Encode(Path, Logrotate.Stanza(log, rotate: 8)), root.Context("injectfile"));

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(Logrotate.Stanza(log, rotate: 4), File.ReadAllText(root.HostPath(Path + ".bak~")));
        var check = await Logrotate.CheckAsync(root.HostPath("/etc/logrotate.conf"), root.HostPath(DropIns), olderLogrotate ? Logrotate.TabooExtensionsBefore3_17 : null);
        var output = check.StandardOutput + check.StandardError;
        Assert.DoesNotContain(Logrotate.DuplicateEntry, output, StringComparison.Ordinal);
        Assert.Equal(0, check.ExitCode);
        // The injected version is the one logrotate uses, and the only one.
        Assert.Single(output.Split('\n'), line => line.StartsWith("rotating pattern: ", StringComparison.Ordinal));
        Assert.Contains($"rotating pattern: \"{log}\"  weekly (8 rotations)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bak_copy_left_by_an_earlier_agent_is_left_alone_though_an_older_logrotate_reads_it()
    {
        using var root = new CommandRoot();
        var log = root.HostPath("/var/log/app.log");
        root.WriteFile(Path, Logrotate.Stanza(log, rotate: 4));
        root.WriteFile(Path + ".bak", Logrotate.Stanza(log, rotate: 2));

        InjectFileCommands.InjectFile(Encode(Path, Logrotate.Stanza(log, rotate: 8)), root.Context("injectfile"));

        // Neither used nor removed: it may be an administrator's copy. docs/commands.md tells
        // operators to remove the ones earlier versions left in such directories, because...
        Assert.Equal(Logrotate.Stanza(log, rotate: 2), File.ReadAllText(root.HostPath(Path + ".bak")));
        Assert.Equal(Logrotate.Stanza(log, rotate: 4), File.ReadAllText(root.HostPath(Path + ".bak~")));
        // ...a logrotate older than 3.17 reads it as a second configuration (this also shows the
        // older taboo list is what makes a '.bak' backup harmful, so the test above is not vacuous).
        var check = await Logrotate.CheckAsync(root.HostPath("/etc/logrotate.conf"), root.HostPath(DropIns), Logrotate.TabooExtensionsBefore3_17);
        Assert.Contains(Logrotate.DuplicateEntry, check.StandardOutput + check.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, check.ExitCode);
    }

    private static string Encode(string path, string contents) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(path + "," + contents));
}
