using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="RootedFileSystem.ReadRegularFile"/> reads a regular file's contents, status, ACL and
/// attributes through the one inode it looked at (<c>O_PATH|O_NOFOLLOW</c>), and answers <c>null</c>
/// for a link, FIFO or device without opening it (strace shows every <c>openat</c> naming the path).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReadRegularFileTests
{
    [Fact]
    public async Task A_regular_file_is_read_whole_with_its_own_status_ACL_and_attributes()
    {
        using var root = new TemporaryDirectory();
        var host = root.Combine("config");
        File.WriteAllText(host, "old contents");
        File.SetUnixFileMode(host, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        await Xattrs.SetAsync(host, "user.origin", "image");
        await Acls.SetAsync("-m", "u:4321:r--", host);

        RegularFile? file = null;
        var opens = SyscallTrace.Calls(() => file = new RootedFileSystem(root.Path).ReadRegularFile("/config"), "openat");

        Assert.Equal("old contents", System.Text.Encoding.UTF8.GetString(file!.Contents));
        Assert.Equal((FileKind.File, 12L), (file.Status.Kind, file.Status.Size));
        Assert.Equal(new RootedFileSystem(root.Path).GetStatus("/config")!.Value.Mode, file.Status.Mode);
        Assert.Equal(new RootedFileSystem(root.Path).ReadAccessControl("/config")!.Value.ToArray(), file.AccessControl!.Value.ToArray());
        Assert.NotEmpty(file.AccessControl.Value.ToArray());
        Assert.Equal("image", System.Text.Encoding.UTF8.GetString(Assert.Single(file.ExtendedAttributes!).Value.Span));
        ReadInPlaceOpenTests.AssertOnlyLookedAt(opens, "/config\", O_RDONLY");
    }

    [Fact]
    public void A_file_longer_than_one_read_is_read_whole()
    {
        using var root = new TemporaryDirectory();
        var contents = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(root.Combine("config"), contents);

        Assert.Equal(contents, new RootedFileSystem(root.Path).ReadRegularFile("/config")!.Contents);
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("device")]
    public async Task A_FIFO_or_device_is_not_a_regular_file_and_is_never_opened(string kind)
    {
        using var root = new TemporaryDirectory();
        await FileInPlaceLookTests.MakeAsync(kind, root.Combine("config"));
        var read = true;

        var opens = SyscallTrace.Calls(() => read = new RootedFileSystem(root.Path).ReadRegularFile("/config") is not null, "openat");

        Assert.False(read);
        ReadInPlaceOpenTests.AssertOnlyLookedAt(opens, "/config\", O_RDONLY");
    }

    [Fact]
    public void A_link_is_not_followed_and_nothing_is_read()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("secret"), "secret");
        File.CreateSymbolicLink(root.Combine("config"), "secret");

        Assert.Null(new RootedFileSystem(root.Path).ReadRegularFile("/config"));
        Assert.Null(new RootedFileSystem(root.Path).ReadRegularFile("/missing"));
    }

    [Fact]
    public void A_path_under_a_regular_file_is_nothing_there_as_its_status_says()
    {
        // ENOTDIR: a resetnetwork removal (its snapshot) under a file is nothing to remove, as before.
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("config"), "a file, not a directory");
        var fileSystem = new RootedFileSystem(root.Path);

        Assert.Null(fileSystem.GetStatus("/config/interfaces"));
        Assert.Null(fileSystem.ReadRegularFile("/config/interfaces"));
    }
}
