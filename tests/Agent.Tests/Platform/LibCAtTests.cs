using System.Globalization;
using GuestAgent.Platform.Native;
using GuestAgent.Testing;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// The <c>*at</c> wrappers against the real kernel: every descriptor is close-on-exec (the daemon runs
/// scripts while it holds them), modes are the ones asked for, links are never followed, and
/// <c>linkat</c>'s "no hard links here" errors (injected with <see cref="SyscallTrace"/>) are told from
/// real failures.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LibCAtTests
{
    private const int CloseOnExec = 0x80000;
    private const int EIo = 5;

    [Fact]
    public void Every_descriptor_opened_is_closed_on_exec()
    {
        using var root = new TemporaryDirectory();
        using var directory = LibCAt.Open(root.Path, OpenFlags.ReadOnly | OpenFlags.Directory);

        Assert.Equal(0, LibCAt.TryOpenAt(directory, "new", OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, UnixFileMode.UserRead, out var created));
        using (created)
        {
            Assert.True(IsCloseOnExec(directory));
            Assert.True(IsCloseOnExec(created!));
        }
    }

    [Fact]
    public void Files_and_directories_are_made_with_the_mode_asked_for()
    {
        using var root = new TemporaryDirectory();
        using var directory = LibCAt.Open(root.Path, OpenFlags.ReadOnly | OpenFlags.Directory);
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

        Assert.Equal(0, LibCAt.TryOpenAt(directory, "file", OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, UnixFileMode.UserRead | UnixFileMode.UserWrite, out var created));
        created!.Dispose();
        Assert.Equal(0, LibCAt.TryMakeDirectoryAt(directory, "dir", Private));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(root.Combine("file")));
        Assert.Equal(Private, File.GetUnixFileMode(root.Combine("dir")));
    }

    [Fact]
    public void An_empty_directory_is_removed_only_when_asked_as_a_directory()
    {
        using var root = new TemporaryDirectory();
        using var directory = LibCAt.Open(root.Path, OpenFlags.ReadOnly | OpenFlags.Directory);
        Directory.CreateDirectory(root.Combine("a"));
        Directory.CreateDirectory(root.Combine("b"));

        Assert.NotEqual(0, LibCAt.UnlinkAt(directory, "a"));
        Assert.Equal(0, LibCAt.UnlinkAt(directory, "a", directory: true));
        Assert.True(LibCAt.TryUnlinkAt(directory, "b", directory: true));
        Assert.Empty(Directory.GetFileSystemEntries(root.Path));
    }

    [Fact]
    public void A_link_is_linked_and_read_as_itself_never_followed()
    {
        using var root = new TemporaryDirectory();
        using var directory = LibCAt.Open(root.Path, OpenFlags.ReadOnly | OpenFlags.Directory);
        File.WriteAllText(root.Combine("target"), "x");
        File.CreateSymbolicLink(root.Combine("link"), "target");

        Assert.True(LibCAt.TryLinkAt(directory, "link", "second", root.Combine("second")));

        Assert.True(LibCAt.StatusAt(directory, "link", "link")!.Value.IsSymbolicLink);
        Assert.True(LibCAt.StatusAt(directory, "second", "second")!.Value.IsSymbolicLink);
        Assert.Equal("target", LibCAt.ReadLinkAt(directory, "second", "second"));
        Assert.Null(LibCAt.StatusAt(directory, "missing", "missing"));
        // A name below a file: ENOTDIR, nothing there either.
        Assert.Null(LibCAt.StatusAt(directory, "target/below", "target/below"));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(4095)]
    public void A_link_target_up_to_the_kernel_s_limit_is_read_whole(int length)
    {
        using var root = new TemporaryDirectory();
        using var directory = LibCAt.Open(root.Path, OpenFlags.ReadOnly | OpenFlags.Directory);
        var target = string.Concat(Enumerable.Repeat("segment/", length / 8 + 1))[..length];
        File.CreateSymbolicLink(root.Combine("link"), target);

        Assert.Equal(target, LibCAt.ReadLinkAt(directory, "link", "link"));
    }

    [Fact]
    public void A_file_system_without_hard_links_is_no_error_but_a_failing_one_is()
    {
        using var root = new TemporaryDirectory();
        using var directory = LibCAt.Open(root.Path, OpenFlags.ReadOnly | OpenFlags.Directory);
        File.WriteAllText(root.Combine("file"), "x");
        var linked = true;
        Exception? failure = null;

        SyscallTrace.Failing(() => linked = LibCAt.TryLinkAt(directory, "file", "refused", "refused"), "linkat", "EPERM");
        SyscallTrace.Failing(() => failure = Record.Exception(() => LibCAt.TryLinkAt(directory, "file", "failed", "failed")), "linkat", "EIO");

        Assert.False(linked);
        Assert.Equal(EIo, Assert.IsType<IOException>(failure).HResult);
        Assert.Equal(["file"], Directory.GetFileSystemEntries(root.Path).Select(Path.GetFileName));
    }

    private static bool IsCloseOnExec(SafeFileHandle handle)
    {
        var fd = ((int)handle.DangerousGetHandle()).ToString(CultureInfo.InvariantCulture);
        // "flags:\t02100000": the open flags in octal, O_CLOEXEC among them.
        var flags = File.ReadLines($"/proc/thread-self/fdinfo/{fd}").Single(line => line.StartsWith("flags:", StringComparison.Ordinal));
        return (Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & CloseOnExec) != 0;
    }
}
