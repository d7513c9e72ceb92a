using GuestAgent.Platform;
using GuestAgent.Testing;
using GuestAgent.Tests.Hosting;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// How <see cref="FileLock.AcquireAsync"/> spaces its tries while the lock is held, on a manual
/// clock that reports each wait: doubling from 5 ms, never more than 100 ms apart, so a lock let go
/// is taken within 100 ms however long the wait has lasted.
/// </summary>
public sealed class FileLockRetryTests
{
    [Fact]
    public async Task The_tries_double_from_5_ms_up_to_100_ms_and_the_lock_is_taken_once_let_go()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var holder = FileLock.TryAcquire(fs, "/lock", FileLockKind.OwnFlock);
        Assert.NotNull(holder);
        var time = new RecordingTimeProvider();

        var waiting = FileLock.AcquireAsync(fs, "/lock", FileLockKind.OwnFlock, TimeSpan.FromHours(1), time, cancellation);
        Assert.Equal(TimeSpan.FromHours(1), await time.Waits.ReadAsync(cancellation)); // the time limit

        var waits = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            var wait = await time.Waits.ReadAsync(cancellation);
            waits.Add(wait.TotalMilliseconds);
            time.Advance(wait);
        }

        Assert.Equal([5, 10, 20, 40, 80, 100, 100, 100], waits);
        Assert.False(waiting.IsCompleted);

        holder.Dispose();
        time.Advance(await time.Waits.ReadAsync(cancellation));
        using var acquired = await waiting;
        Assert.Equal(root.Combine("lock"), acquired.HostPath);
    }
}
