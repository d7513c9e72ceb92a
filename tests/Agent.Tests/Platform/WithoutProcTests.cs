using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// Without <c>/proc</c> nothing can be reached through a descriptor (<c>/proc/self/fd/N</c>): the
/// writer refuses to replace a regular file (opened through the inode looked at) and a tree is not
/// deleted (listed through its directory's descriptor); each says why, rather than "No such file or
/// directory" of a file that is there, and loses nothing. A new file needs neither and is still written.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WithoutProcTests
{
    [Fact]
    public void Replacing_a_file_without_proc_fails_saying_so_and_keeps_the_file()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("config"), "old");
        var writer = new AtomicFileWriter(new RootedFileSystem(root.Path));

        var failure = Record.Exception(() => WithoutProc.Run(() => writer.Write("/config", "new"u8)));

        Assert.Equal("Cannot open '/config': /proc is not mounted", Assert.IsType<IOException>(failure).Message);
        Assert.Equal("old", File.ReadAllText(root.Combine("config")));
        Assert.Equal(["config"], Directory.GetFileSystemEntries(root.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_new_file_is_written_without_proc()
    {
        using var root = new TemporaryDirectory();
        var writer = new AtomicFileWriter(new RootedFileSystem(root.Path));

        WithoutProc.Run(() => Assert.True(writer.Write("/config", "new"u8)));

        Assert.Equal("new", File.ReadAllText(root.Combine("config")));
    }

    [Fact]
    public void Deleting_a_tree_without_proc_fails_saying_so_and_keeps_the_tree()
    {
        using var root = new TemporaryDirectory();
        FixtureDirectories.Create(root.Combine("var", "tree"));
        File.WriteAllText(root.Combine("var", "tree", "file"), "x");
        var fileSystem = new RootedFileSystem(root.Path);

        var failure = Record.Exception(() => WithoutProc.Run(() => fileSystem.DeleteTree("/var/tree")));

        Assert.Equal("Cannot list '/var/tree': /proc is not mounted", Assert.IsType<IOException>(failure).Message);
        Assert.Equal("x", File.ReadAllText(root.Combine("var", "tree", "file")));
    }
}
