using System.Runtime.InteropServices;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// A <see cref="FileLock"/> let go is free at once, even while a copy of its descriptor is still
/// open. That copy is what a program another thread is starting holds from its fork to its exec
/// (close-on-exec acts only at the exec): the same open file description, which an <c>flock</c> or
/// an open file description lock belongs to, so closing the agent's own descriptor alone left the
/// lock held until the exec, and the agent's next taker (recovery right after a change, the next
/// <c>agentupdate</c>) found it "held by another program". Here the copy is made with <c>dup</c>,
/// which shares the description exactly as a fork does, and is kept open for the whole test.
/// </summary>
public sealed class FileLockDescriptorCopyTests
{
    [Theory]
    [InlineData(FileLockKind.OwnFlock)]
    [InlineData(FileLockKind.Flock)]
    [InlineData(FileLockKind.Record)]
    public async Task A_released_lock_is_free_at_once_while_a_copy_of_its_descriptor_lives_on(FileLockKind kind)
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var lockFile = root.Combine("lock");
        File.WriteAllText(lockFile, "");

        var held = FileLock.TryAcquire(fs, "/lock", kind);
        Assert.NotNull(held);
        using var copy = DescriptorCopy.Of(lockFile);
        held.Dispose();

        // In this process (a second open, as the next command takes it) and in another one.
        using (var again = FileLock.TryAcquire(fs, "/lock", kind))
        {
            Assert.NotNull(again);
        }

        Assert.True(await CompetingLock.ProbeAsync(lockFile, kind == FileLockKind.Record ? "lockf" : "flock"));
    }

    [Fact]
    public void A_lock_still_held_is_not_released_by_closing_a_copy_of_its_descriptor()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);

        using var held = FileLock.TryAcquire(fs, "/lock", FileLockKind.OwnFlock);
        Assert.NotNull(held);
        // A started program's copy goes at its exec; the holder keeps the lock.
        DescriptorCopy.Of(root.Combine("lock")).Dispose();

        Assert.Null(FileLock.TryAcquire(fs, "/lock", FileLockKind.OwnFlock));
    }

    /// <summary>A <c>dup</c> of the one descriptor this process has open on a file, closed on dispose.</summary>
    private sealed class DescriptorCopy : IDisposable
    {
        private readonly int _fd;

        private DescriptorCopy(int fd) => _fd = fd;

        public static DescriptorCopy Of(string hostPath)
        {
            var open = Directory.EnumerateFiles("/proc/self/fd")
                .Where(fd => new FileInfo(fd).LinkTarget == hostPath)
                .Select(fd => int.Parse(Path.GetFileName(fd), System.Globalization.CultureInfo.InvariantCulture))
                .ToArray();
            var copy = Dup(Assert.Single(open));
            return copy >= 0 ? new DescriptorCopy(copy) : throw new IOException($"dup failed (errno {Marshal.GetLastPInvokeError()})");
        }

        public void Dispose() => Close(_fd);

        [DllImport("libc", EntryPoint = "dup", SetLastError = true)]
        private static extern int Dup(int fd);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        private static extern int Close(int fd);
    }
}
