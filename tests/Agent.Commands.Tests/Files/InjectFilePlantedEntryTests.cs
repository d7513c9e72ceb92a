using System.Net.Sockets;
using System.Text;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>
/// What someone who can write the target's directory may leave there before the host's injection:
/// a FIFO, device or socket at the target (refused without opening it: a FIFO would block the agent),
/// a dangling link (never written through), and a link or directory under the backup's name (the
/// backup replaces the link itself, never its target; a directory fails the write, changing nothing).
/// </summary>
public sealed class InjectFilePlantedEntryTests
{
    [Theory]
    [InlineData("fifo")]
    [InlineData("device")]
    [InlineData("socket")]
    public async Task A_fifo_device_or_socket_at_the_target_is_refused_and_left_as_it_is(string kind)
    {
        using var root = new CommandRoot();
        var host = root.HostPath("/etc/motd");
        root.CreateDirectory("/etc");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        switch (kind)
        {
            case "fifo":
                Assert.Equal(0, (await ExternalTool.RunAsync(ExternalTool.Require("mkfifo", "coreutils"), [host])).ExitCode);
                break;
            case "device":
                Assert.SkipUnless(Owners.AsRoot, "Making a device node needs root");
                Assert.Equal(0, (await ExternalTool.RunAsync(ExternalTool.Require("mknod", "coreutils"), [host, "c", "1", "3"])).ExitCode);
                break;
            default:
                socket.Bind(new UnixDomainSocketEndPoint(host));
                break;
        }

        var kindBefore = root.System.FileSystem.GetStatus("/etc/motd")!.Value.Kind;

        var error = Assert.Throws<CommandException>(() => InjectFileCommands.InjectFile(Encode("/etc/motd", "hello"), root.Context("injectfile")));

        Assert.Equal(InjectFileMessages.NotRegular, error.Message);
        Assert.Equal(kindBefore, root.System.FileSystem.GetStatus("/etc/motd")!.Value.Kind);
        Assert.Equal(["/etc/motd"], root.System.FileSystem.ListDirectory("/etc"));
    }

    [Fact]
    public void A_dangling_link_at_the_target_is_refused_and_nothing_is_made_where_it_points()
    {
        using var root = new CommandRoot();
        root.System.FileSystem.CreateDirectory("/etc", (UnixFileMode)Convert.ToInt32("755", 8));
        root.System.FileSystem.CreateSymbolicLink("/etc/motd", root.HostPath("/srv/made-by-the-agent"));

        var error = Assert.Throws<CommandException>(() => InjectFileCommands.InjectFile(Encode("/etc/motd", "hello"), root.Context("injectfile")));

        Assert.Equal(InjectFileMessages.FinalLink, error.Message);
        Assert.False(Directory.Exists(root.HostPath("/srv")));
        Assert.Equal(["/etc/motd"], root.System.FileSystem.ListDirectory("/etc"));
    }

    [Fact]
    public void A_link_under_the_backups_name_is_replaced_by_the_backup_and_its_target_untouched()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/app.conf", "old");
        root.WriteFile("/srv/other", "precious");
        root.System.FileSystem.CreateSymbolicLink("/etc/app.conf.bak~", root.HostPath("/srv/other"));

        InjectFileCommands.InjectFile(Encode("/etc/app.conf", "new"), root.Context("injectfile"));

        Assert.Equal("new", File.ReadAllText(root.HostPath("/etc/app.conf")));
        Assert.Equal("precious", File.ReadAllText(root.HostPath("/srv/other")));
        Assert.Null(new FileInfo(root.HostPath("/etc/app.conf.bak~")).LinkTarget);
        Assert.Equal("old", File.ReadAllText(root.HostPath("/etc/app.conf.bak~")));
        Assert.Equal(["/etc/app.conf", "/etc/app.conf.bak~"], root.System.FileSystem.ListDirectory("/etc"));
    }

    [Fact]
    public void A_directory_under_the_backups_name_fails_the_write_and_changes_nothing()
    {
        using var root = new CommandRoot();
        root.WriteFile("/etc/app.conf", "old");
        root.WriteFile("/etc/app.conf.bak~/inside", "kept");
        var before = TreeSnapshot.Take(root.System.FileSystem.Root);

        var error = Assert.Throws<CommandException>(() => InjectFileCommands.InjectFile(Encode("/etc/app.conf", "new"), root.Context("injectfile")));

        Assert.Equal(InjectFileMessages.WriteFailed + ": Is a directory", error.Message);
        Assert.Equal(before, TreeSnapshot.Take(root.System.FileSystem.Root));
    }

    private static string Encode(string path, string contents) => Convert.ToBase64String(Encoding.UTF8.GetBytes(path + "," + contents));
}
