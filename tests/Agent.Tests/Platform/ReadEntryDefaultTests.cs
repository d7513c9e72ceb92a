using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="IFileSystem.ReadEntry"/>'s default implementation, which an SDK user's own file system
/// written before it existed gets: the file first (<see cref="IFileSystem.ReadRegularFile"/>), then
/// the status and a link's target by path, one kind with what that kind holds.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReadEntryDefaultTests
{
    [Fact]
    public void A_file_a_link_a_directory_and_nothing_are_told_apart()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("file"), "contents");
        File.CreateSymbolicLink(root.Combine("link"), "../elsewhere");
        System.IO.Directory.CreateDirectory(root.Combine("directory"));
        IFileSystem fileSystem = new FileSystemWithoutAcls(new RootedFileSystem(root.Path));

        var file = fileSystem.ReadEntry("/file")!;
        var link = fileSystem.ReadEntry("/link")!;

        Assert.Equal((FileKind.File, "contents", null), (file.Kind, System.Text.Encoding.UTF8.GetString(file.File!.Contents), file.LinkTarget));
        Assert.Equal((FileKind.SymbolicLink, "../elsewhere", null), (link.Kind, link.LinkTarget, link.File));
        Assert.Equal(FileKind.Directory, fileSystem.ReadEntry("/directory")!.Kind);
        Assert.Null(fileSystem.ReadEntry("/missing"));
    }
}
