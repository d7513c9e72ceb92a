using System.Text;
using GuestAgent.Commands.Files;
using GuestAgent.Commands.Tests.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Files;

/// <summary>
/// The kernel's own refusals, not a double: a read-only bind mount (<c>EROFS</c>) and a full tmpfs
/// (<c>ENOSPC</c>) under the target (<see cref="ThreadMounts"/>, the test thread's own mount
/// namespace). Each is answered with the system's reason, the file keeps its contents and mode,
/// and nothing is left beside it: no temp file, no backup, no directory made for it.
/// </summary>
public sealed class InjectFileMountTests : IDisposable
{
    private const string Old = "listen 80\n";
    private readonly CommandRoot _root = new();

    [Fact]
    public void Injecting_over_a_file_on_a_read_only_mount_is_answered_and_changes_nothing()
    {
        _root.WriteFile("/etc/app/app.conf", Old, "640");
        var before = TreeSnapshot.Take(_root.HostPath("/etc"));

        ThreadMounts.ReadOnlyDirectory(_root.HostPath("/etc/app"), () =>
        {
            var error = Assert.Throws<CommandException>(() => Inject("/etc/app/app.conf", "listen 8080\n"));
            Assert.Equal(InjectFileMessages.WriteFailed + ": Read-only file system", error.Message);
        });

        Assert.Equal(before, TreeSnapshot.Take(_root.HostPath("/etc")));
    }

    [Fact]
    public void Injecting_a_new_file_into_a_missing_directory_on_a_read_only_mount_is_answered_and_changes_nothing()
    {
        _root.WriteFile("/etc/app/app.conf", Old, "640");
        var before = TreeSnapshot.Take(_root.HostPath("/etc"));

        ThreadMounts.ReadOnlyDirectory(_root.HostPath("/etc/app"), () =>
        {
            var error = Assert.Throws<CommandException>(() => Inject("/etc/app/conf.d/extra.conf", "listen 8080\n"));
            Assert.Equal(InjectFileMessages.WriteFailed + ": Read-only file system", error.Message);
        });

        Assert.Equal(before, TreeSnapshot.Take(_root.HostPath("/etc")));
    }

    [Fact]
    public void Injecting_more_than_a_full_tmpfs_holds_is_answered_and_leaves_the_file_and_nothing_else()
    {
        _root.WriteFile("/etc/app/app.conf", Old, "600");
        _root.WriteFile("/etc/app/app.conf.bak~", "listen 70\n", "600");
        string[]? entriesBefore = null;
        string[]? entriesAfter = null;

        ThreadMounts.FullDirectory(_root.HostPath("/etc/app"), () =>
        {
            entriesBefore = Entries();
            var error = Assert.Throws<CommandException>(() => Inject("/etc/app/app.conf", new string('x', 128 * 1024)));
            Assert.Equal(InjectFileMessages.WriteFailed + ": No space left on device", error.Message);
            Assert.Equal(Old, File.ReadAllText(_root.HostPath("/etc/app/app.conf")));
            Assert.Equal("listen 70\n", File.ReadAllText(_root.HostPath("/etc/app/app.conf.bak~")));
            entriesAfter = Entries();
        });

        Assert.Equal(["app.conf", "app.conf.bak~", "filler"], entriesBefore!);
        Assert.Equal(entriesBefore, entriesAfter);
    }

    public void Dispose() => _root.Dispose();

    private string[] Entries() =>
        [.. Directory.EnumerateFileSystemEntries(_root.HostPath("/etc/app")).Select(path => Path.GetFileName(path)!).Order(StringComparer.Ordinal)];

    private void Inject(string path, string contents) =>
        InjectFileCommands.InjectFile(Convert.ToBase64String(Encoding.UTF8.GetBytes(path + "," + contents)), _root.Context("injectfile"));
}
