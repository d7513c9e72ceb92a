using System.Text.RegularExpressions;
using GuestAgent.Platform.Native;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// Directory <c>fsync</c> (<see cref="LibC.FsyncDirectory"/>, <see cref="LibCAt.Sync"/>) as file
/// systems answer it, failures injected with <see cref="SyscallTrace"/>: <c>EINVAL</c> (a file system
/// that cannot sync directories) is as durable as it gets, any other error is the caller's to hear.
/// </summary>
public sealed partial class LibCSyncTests
{
    private const int EIo = 5;
    private const int ENotDir = 20;

    [Fact]
    public void A_directory_that_cannot_be_synced_is_not_an_error()
    {
        using var root = new TemporaryDirectory();
        using var handle = LibCAt.Open(root.Path, OpenFlags.ReadOnly | OpenFlags.Directory);

        var refused = SyscallTrace.Failing(() =>
        {
            LibC.FsyncDirectory(root.Path);
            LibCAt.Sync(handle, root.Path);
        }, "fsync", "EINVAL");

        Assert.Equal(2, refused.Count(line => line.StartsWith("fsync(", StringComparison.Ordinal) && line.Contains("EINVAL", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_failed_directory_sync_is_reported_with_its_errno()
    {
        using var root = new TemporaryDirectory();
        using var handle = LibCAt.Open(root.Path, OpenFlags.ReadOnly | OpenFlags.Directory);
        Exception? byPath = null;
        Exception? byHandle = null;

        SyscallTrace.Failing(() =>
        {
            byPath = Record.Exception(() => LibC.FsyncDirectory(root.Path));
            byHandle = Record.Exception(() => LibCAt.Sync(handle, root.Path));
        }, "fsync", "EIO");

        Assert.Equal(EIo, Assert.IsType<IOException>(byPath).HResult);
        Assert.Equal(EIo, Assert.IsType<IOException>(byHandle).HResult);
    }

    [Fact]
    public void Syncing_a_file_as_a_directory_is_refused()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root.Combine("file"), "x");

        var error = Assert.Throws<IOException>(() => LibC.FsyncDirectory(root.Combine("file")));

        Assert.Equal(ENotDir, error.HResult);
    }

    [Fact]
    public void The_directory_s_descriptor_is_closed_after_the_sync()
    {
        using var root = new TemporaryDirectory();

        var calls = SyscallTrace.Calls(() => LibC.FsyncDirectory(root.Path), "openat,close");

        var opened = calls.Select((line, index) => (Match: OpenedDirectory().Match(line), Index: index))
            .Single(call => call.Match.Success && call.Match.Groups[1].Value == root.Path);
        var fd = opened.Match.Groups[2].Value;
        Assert.Contains(calls.Skip(opened.Index + 1), line => line.StartsWith($"close({fd}<{root.Path}>)", StringComparison.Ordinal) && line.EndsWith("= 0", StringComparison.Ordinal));
    }

    // "openat(AT_FDCWD</cwd>, "/tmp/x", O_RDONLY|O_CLOEXEC|O_DIRECTORY) = 3</tmp/x>"
    [GeneratedRegex(@"^openat\(AT_FDCWD[^,]*, ""([^""]*)"", .*O_DIRECTORY.*\) = (\d+)")]
    private static partial Regex OpenedDirectory();
}
