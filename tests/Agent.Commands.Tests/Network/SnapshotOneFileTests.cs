using GuestAgent.Commands.Kms;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// resetnetwork's snapshot of a file and kmsactivate's of <c>up2date</c> save one file: its contents
/// with its own mode, owner and attributes (<see cref="IFileSystem.ReadRegularFile"/>). The file
/// replaced by another right after a status read by path, as a race would, is what a status read
/// and then reads by path (the old code) saved as one file: the first's mode, the second's contents.
/// </summary>
public sealed class SnapshotOneFileTests
{
    private const string Path = "/etc/hostname";
    private const string Up2Date = "/etc/sysconfig/rhn/up2date";

    [Fact]
    public void A_network_file_replaced_after_a_status_read_is_saved_as_one_file()
    {
        using var root = new CommandRoot();
        root.WriteFile(Path, "old-name\n", "640");

        var snapshot = FileSnapshot.Take(ReplacedAfterStatus(root, Path), Path);

        Assert.Equal("old-name\n", System.Text.Encoding.UTF8.GetString(snapshot.Current!.Contents));
        Assert.Equal((UnixFileMode)Convert.ToInt32("640", 8), snapshot.Current.Mode);
    }

    [Fact]
    public void Up2date_replaced_after_a_status_read_is_saved_and_put_back_as_one_file()
    {
        using var root = new CommandRoot();
        root.WriteFile(Up2Date, "serverURL=https://satellite.internal/XMLRPC\n", "640");

        using (var saved = SavedRegistration.Take(root.System with { FileSystem = ReplacedAfterStatus(root, Up2Date) }))
        {
            saved.Restore();
        }

        Assert.Equal("serverURL=https://satellite.internal/XMLRPC\n", File.ReadAllText(root.HostPath(Up2Date)));
        Assert.Equal((UnixFileMode)Convert.ToInt32("640", 8), root.System.FileSystem.GetStatus(Up2Date)!.Value.Mode);
    }

    /// <summary>
    /// The root's file system, where the first status read of <paramref name="path"/> is followed by
    /// another file (mode 0600, other contents) renamed over it.
    /// </summary>
    private static ReplacingFileSystem ReplacedAfterStatus(CommandRoot root, string path)
    {
        var other = root.HostPath(path) + ".other";
        File.WriteAllText(other, "replaced\n");
        File.SetUnixFileMode(other, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new ReplacingFileSystem(root.System.FileSystem, path, () => File.Move(other, root.HostPath(path), overwrite: true));
    }

    private sealed class ReplacingFileSystem(IFileSystem inner, string path, Action replace) : DelegatingFileSystem(inner)
    {
        private bool _replaced;

        public override FileStatus? GetStatus(string statusPath)
        {
            var status = base.GetStatus(statusPath);
            if (statusPath == path && !_replaced)
            {
                _replaced = true;
                replace();
            }

            return status;
        }
    }
}
