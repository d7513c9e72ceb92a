using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

public sealed class RootedFileSystemTests
{
    [Theory]
    [InlineData("4755", "Mode 4755 has setuid or setgid")]
    [InlineData("2775", "Mode 2775 has setuid or setgid")]
    [InlineData("10644", "Mode 10644 has bits above 07777, which no file mode holds")]
    [InlineData("14755", "Mode 14755 has bits above 07777, which no file mode holds")]
    public void SetMode_refuses_setuid_setgid_and_bits_above_07777_and_changes_nothing(string octal, string message)
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/program"), "x");
        fs.SetMode("/program", (UnixFileMode)Convert.ToInt32("0644", 8));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => fs.SetMode("/program", (UnixFileMode)Convert.ToInt32(octal, 8)));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("mode", error.ParamName);
        Assert.Equal((UnixFileMode)Convert.ToInt32("0644", 8), fs.GetStatus("/program")!.Value.Mode);
        // The sticky bit is no privilege: it is set.
        fs.SetMode("/program", (UnixFileMode)Convert.ToInt32("1755", 8));
        Assert.Equal((UnixFileMode)Convert.ToInt32("1755", 8), fs.GetStatus("/program")!.Value.Mode);
    }

    [Fact]
    public void SetMode_and_the_write_options_refuse_bits_above_07777_in_the_same_words()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/file"), "x");
        var tooWide = (UnixFileMode)Convert.ToInt32("10644", 8);

        var fromSetMode = Assert.Throws<ArgumentOutOfRangeException>(() => fs.SetMode("/file", tooWide));
        var fromOptions = Assert.Throws<ArgumentOutOfRangeException>(() => new AtomicWriteOptions { NewFileMode = tooWide });

        Assert.Equal(fromOptions.Message.Replace("NewFileMode", "mode", StringComparison.Ordinal), fromSetMode.Message);
    }

    [Fact]
    public void Agent_paths_map_under_the_root()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);

        Assert.True(fs.IsRooted);
        Assert.Equal(root.Combine("etc", "shadow"), fs.Resolve("/etc/shadow"));
        Assert.Equal(root.Combine("etc", "shadow"), fs.Resolve("/etc/./ssh/../shadow"));
        Assert.Equal(root.Path, fs.Resolve("/"));
    }

    [Fact]
    public void The_production_root_maps_paths_to_themselves()
    {
        var fs = new RootedFileSystem("/");

        Assert.False(fs.IsRooted);
        Assert.Equal("/etc/shadow", fs.Resolve("/etc//shadow"));
        Assert.Equal("/", fs.Resolve("/"));
    }

    [Theory]
    [InlineData("etc/shadow")]
    [InlineData("/../etc/shadow")]
    [InlineData("/etc/../../shadow")]
    [InlineData("/etc/sha\0dow")]
    public void Relative_escaping_and_nul_paths_are_refused(string path)
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);

        Assert.Throws<ArgumentException>(() => fs.Resolve(path));
    }

    [Fact]
    public void Status_describes_a_link_itself_and_directories_get_exact_modes()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/a/b/c", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        fs.CreateSymbolicLink("/a/link", "/nowhere");

        Assert.Equal(FileKind.Directory, fs.GetStatus("/a/b")!.Value.Kind);
        Assert.Equal((UnixFileMode)Convert.ToInt32("750", 8), fs.GetStatus("/a/b/c")!.Value.Mode);
        Assert.Equal(FileKind.SymbolicLink, fs.GetStatus("/a/link")!.Value.Kind);
        Assert.Equal("/nowhere", fs.ReadLink("/a/link"));
        Assert.Null(fs.GetStatus("/a/missing"));
        Assert.Equal(["/a/b", "/a/link"], fs.ListDirectory("/a"));
    }

    [Fact]
    public void Append_move_and_delete_work_on_agent_paths()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);

        fs.AppendAllText("/var/log/x/one", "a\n");
        fs.AppendAllText("/var/log/x/one", "b\n");
        fs.Move("/var/log/x/one", "/var/log/x/two");

        Assert.Equal("a\nb\n", File.ReadAllText(root.Combine("var", "log", "x", "two")));
        Assert.False(fs.FileExists("/var/log/x/one"));
        Assert.True(fs.DeleteFile("/var/log/x/two"));
        Assert.False(fs.DeleteFile("/var/log/x/two"));
    }

    [Fact]
    public void Deleting_a_directory_as_a_file_is_refused_and_it_stays()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.AppendAllText("/etc/ssh/sshd_config", "x\n");

        var error = Assert.Throws<IOException>(() => fs.DeleteFile("/etc/ssh"));

        Assert.Equal("'/etc/ssh' is a directory", error.Message);
        Assert.True(fs.FileExists("/etc/ssh/sshd_config"));
    }

    [Fact]
    public void Move_across_directories_replaces_the_target_and_syncs_both_directories()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.AppendAllText("/etc/a/file", "new\n");
        fs.AppendAllText("/etc/b/file", "old\n");

        var synced = SyscallTrace.SyncedPaths(() => fs.Move("/etc/a/file", "/etc/b/file"), root.Combine("etc", "a"), root.Combine("etc", "b"));

        // Both directories' entries changed: a crash before the source's sync could bring back the old name.
        Assert.Equal([root.Combine("etc", "b"), root.Combine("etc", "a")], synced);
        Assert.Equal("new\n", File.ReadAllText(root.Combine("etc", "b", "file")));
        Assert.False(fs.FileExists("/etc/a/file"));
        Assert.Throws<IOException>(() => fs.Move("/etc/a/file", "/etc/b/other"));
    }
}
