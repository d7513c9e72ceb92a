using System.Globalization;
using System.Net.Sockets;
using GuestAgent.Platform.Native;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="LibC"/>'s <c>statx</c> reading against Python's <c>os.lstat</c> (another reader of the
/// same kernel record), the file types told apart by the real kernel, and the errors that mean
/// "nothing there" against those that must not be hidden.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LibCStatusTests
{
    private const int ENotDir = 20;
    private const int ELoop = 40;

    [Fact]
    public async Task Every_field_read_from_statx_is_what_python_s_lstat_reads()
    {
        using var root = new TemporaryDirectory();
        var file = root.Combine("file");
        File.WriteAllText(file, new string('x', 5000));
        // Distinct owner and group, so neither can be read for the other; mode bits with setgid.
        LibC.LChown(file, 1234, 5678);
        File.SetUnixFileMode(file, (UnixFileMode)Convert.ToInt32("2751", 8));
        // The modification time set back a year: the change time (what the sweep trusts) is now.
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddYears(-1));
        var python = ExternalTool.Require("python3", "python3");

        var status = LibC.LStat(file)!.Value;
        var result = await ExternalTool.RunAsync(python, ["-c",
            "import os, sys; s = os.lstat(sys.argv[1]); " +
            "print(s.st_uid, s.st_gid, s.st_mode & 0xffff, s.st_size, int(s.st_ctime), s.st_ino, os.major(s.st_dev), os.minor(s.st_dev))", file]);

        Assert.Equal(0, result.ExitCode);
        var (inode, major, minor) = status.FileId;
        Assert.Equal(
            result.StandardOutput.Trim(),
            string.Join(' ', new object[] { status.Uid, status.Gid, status.Mode, status.Size, status.ChangedAtSeconds, inode, major, minor }
                .Select(value => Convert.ToString(value, CultureInfo.InvariantCulture))));
        Assert.True(status.IsRegularFile);
    }

    [Fact]
    public void Each_kind_of_file_is_only_that_kind()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("file"), "x");
        File.CreateSymbolicLink(root.Combine("link"), "file");
        var socketPath = root.Combine("socket");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));

        Assert.Equal((false, true, false), Kinds(LibC.LStat(root.Combine("file"))!.Value));
        Assert.Equal((true, false, false), Kinds(LibC.LStat(root.Path)!.Value));
        Assert.Equal((false, false, true), Kinds(LibC.LStat(root.Combine("link"))!.Value));
        // A socket (0xC000) shares a bit with directories and one with files; a character device
        // (0x2000) one with links.
        Assert.Equal((false, false, false), Kinds(LibC.LStat(socketPath)!.Value));
        Assert.Equal((false, false, false), Kinds(LibC.LStat("/dev/null")!.Value));
        // A block device (0x6000) shares a bit with directories.
        if (Directory.EnumerateFiles("/dev").FirstOrDefault(path => LibC.LStat(path) is { Mode: >= 0x6000 and < 0x7000 }) is { } block)
        {
            Assert.Equal((false, false, false), Kinds(LibC.LStat(block)!.Value));
        }
    }

    [Fact]
    public void LStat_reads_a_link_itself_and_Stat_what_it_points_to()
    {
        using var root = new TemporaryDirectory();
        Directory.CreateDirectory(root.Combine("dir"));
        File.CreateSymbolicLink(root.Combine("link"), "dir");

        Assert.True(LibC.LStat(root.Combine("link"))!.Value.IsSymbolicLink);
        Assert.True(LibC.Stat(root.Combine("link"))!.Value.IsDirectory);
    }

    [Fact]
    public void A_path_through_a_file_is_nothing_there_but_a_link_loop_is_an_error()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("file"), "x");
        File.CreateSymbolicLink(root.Combine("loop"), "loop");

        Assert.Null(LibC.LStat(root.Combine("file", "below")));
        Assert.Null(LibC.Stat(root.Combine("missing")));
        var error = Assert.Throws<IOException>(() => LibC.Stat(root.Combine("loop")));
        Assert.Equal(ELoop, error.HResult);
        Assert.Contains(root.Combine("loop"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_file_with_an_execute_bit_can_be_executed_even_by_root()
    {
        using var root = new TemporaryDirectory();
        var file = root.Combine("tool");
        File.WriteAllText(file, "#!/bin/sh\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.False(LibC.CanExecute(file));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupExecute);
        Assert.True(LibC.CanExecute(file));
    }

    [Fact]
    public void The_link_count_of_an_open_file_follows_its_names()
    {
        using var root = new TemporaryDirectory();
        var path = root.Combine("file");
        File.WriteAllText(path, "x");
        using var handle = File.OpenHandle(path);

        Assert.Equal(1u, LibC.LinkCount(handle, path));
        File.CreateSymbolicLink(root.Combine("soft"), "file");
        Assert.Equal(1u, LibC.LinkCount(handle, path));
        File.Delete(path);
        Assert.Equal(0u, LibC.LinkCount(handle, path));
    }

    [Fact]
    public void A_failed_rename_names_the_target_and_keeps_the_errno()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("file"), "x");

        // The target's parent is a file: ENOTDIR.
        var error = Assert.Throws<IOException>(() => LibC.Rename(root.Combine("file"), root.Combine("file", "target")));

        Assert.Equal(ENotDir, error.HResult);
        Assert.StartsWith($"rename failed for '{root.Combine("file", "target")}': ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_is_passed_as_utf8_with_its_terminating_nul()
    {
        Assert.Equal("caf\u00e9\0"u8.ToArray(), LibC.Utf8("caf\u00e9"));
        Assert.Equal([0], LibC.Utf8(""));
    }

    private static (bool Directory, bool File, bool Link) Kinds(RawStatus status) =>
        (status.IsDirectory, status.IsRegularFile, status.IsSymbolicLink);
}
