using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="RootedFileSystem.ReadEntry"/> tells what is at a path from one look
/// (<c>O_PATH|O_NOFOLLOW</c>): a regular file read through the inode found, a link's target read
/// from the link found (<c>readlinkat(fd, "")</c>, <see cref="FileInPlace.ReadLinkTarget"/>), never
/// from whatever the path holds by then, and a FIFO never opened.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReadEntryTests
{
    [Fact]
    public void A_regular_file_is_read_whole_with_its_status()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("config"), "contents");
        File.SetUnixFileMode(root.Combine("config"), UnixFileMode.UserRead | UnixFileMode.GroupRead);

        var entry = new RootedFileSystem(root.Path).ReadEntry("/config")!;

        Assert.Equal((FileKind.File, null), (entry.Kind, entry.LinkTarget));
        Assert.Equal("contents", System.Text.Encoding.UTF8.GetString(entry.File!.Contents));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead, entry.File.Status.Mode);
    }

    [Theory]
    [InlineData("secret")]
    [InlineData("../run/missing//resolv.conf")]
    public void A_link_is_its_target_as_stored_and_is_not_followed(string target)
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("secret"), "secret");
        File.CreateSymbolicLink(root.Combine("config"), target);

        var entry = new RootedFileSystem(root.Path).ReadEntry("/config")!;

        Assert.Equal((FileKind.SymbolicLink, target, null), (entry.Kind, entry.LinkTarget, entry.File));
    }

    [Fact]
    public void A_links_target_is_read_from_the_link_looked_at_not_one_put_there_since()
    {
        using var root = new TemporaryDirectory();
        File.CreateSymbolicLink(root.Combine("config"), "first");
        using var found = FileInPlace.Open(root.Combine("config"));
        File.Delete(root.Combine("config"));
        File.CreateSymbolicLink(root.Combine("config"), "second");

        Assert.Equal("first", found.ReadLinkTarget("/config"));
    }

    [Fact]
    public async Task A_FIFO_is_another_kind_and_is_never_opened()
    {
        using var root = new TemporaryDirectory();
        await FileInPlaceLookTests.MakeAsync("fifo", root.Combine("config"));
        PathEntry? entry = null;

        var opens = SyscallTrace.Calls(() => entry = new RootedFileSystem(root.Path).ReadEntry("/config"), "openat");

        Assert.Equal((FileKind.Other, null, null), (entry!.Kind, entry.File, entry.LinkTarget));
        ReadInPlaceOpenTests.AssertOnlyLookedAt(opens, "/config\", O_RDONLY");
    }

    [Fact]
    public void A_directory_is_a_directory_and_nothing_is_nothing()
    {
        using var root = new TemporaryDirectory();
        System.IO.Directory.CreateDirectory(root.Combine("config"));
        File.WriteAllText(root.Combine("file"), "a file, not a directory");
        var fileSystem = new RootedFileSystem(root.Path);

        Assert.Equal(FileKind.Directory, fileSystem.ReadEntry("/config")!.Kind);
        Assert.Null(fileSystem.ReadEntry("/missing"));
        Assert.Null(fileSystem.ReadEntry("/file/under"));
    }

    [Fact]
    public void A_loop_of_links_on_the_way_has_no_target_to_tell_and_fails()
    {
        using var root = new TemporaryDirectory();
        File.CreateSymbolicLink(root.Combine("loop"), "loop");

        Assert.Contains("loop", Assert.ThrowsAny<IOException>(() => new RootedFileSystem(root.Path).ReadEntry("/loop/config")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FileKind.File)]
    [InlineData(FileKind.SymbolicLink)]
    public void A_file_or_link_entry_is_made_only_with_what_it_holds(FileKind kind) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PathEntry(kind));
}
