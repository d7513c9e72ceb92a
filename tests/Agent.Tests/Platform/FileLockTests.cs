using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="FileLock"/> against locks held by another process (python3's fcntl module, i.e. the C
/// calls glibc's lckpwdf and FreeBSD's pw_lock make), in both directions.
/// </summary>
public sealed class FileLockTests
{
    [Fact]
    public async Task A_record_lock_excludes_a_classic_fcntl_lock_of_another_process_both_ways_and_dispose_releases_it()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var lockFile = root.Combine(".pwd.lock");

        using (var held = FileLock.TryAcquire(fs, "/.pwd.lock", FileLockKind.Record))
        {
            Assert.NotNull(held);
            Assert.False(await CompetingLock.ProbeAsync(lockFile, "lockf"));
        }

        Assert.True(await CompetingLock.ProbeAsync(lockFile, "lockf"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, fs.GetStatus("/.pwd.lock")!.Value.Mode);

        await using (var other = await CompetingLock.HoldAsync(lockFile, "lockf"))
        {
            Assert.Null(FileLock.TryAcquire(fs, "/.pwd.lock", FileLockKind.Record));
            await other.ReleaseAsync();
        }

        using var again = FileLock.TryAcquire(fs, "/.pwd.lock", FileLockKind.Record);
        Assert.NotNull(again);
    }

    [Fact]
    public void A_record_lock_also_excludes_a_second_holder_in_the_same_process()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);

        using var first = FileLock.TryAcquire(fs, "/.pwd.lock", FileLockKind.Record);
        using var second = FileLock.TryAcquire(fs, "/.pwd.lock", FileLockKind.Record);

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public async Task A_flock_excludes_another_processs_flock_both_ways_and_reads_the_locked_file()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var master = root.Combine("master.passwd");
        File.WriteAllText(master, "root:*:0:0::0:0:Charlie &:/root:/bin/sh\n");

        using (var held = FileLock.TryAcquire(fs, "/master.passwd", FileLockKind.Flock))
        {
            Assert.NotNull(held);
            Assert.False(await CompetingLock.ProbeAsync(master, "flock"));
            // Why the lock reads for its holder: .NET's own reader takes a shared flock, refused now.
            Assert.Throws<IOException>(() => File.ReadAllBytes(master));
            Assert.Equal("root:*:0:0::0:0:Charlie &:/root:/bin/sh\n", System.Text.Encoding.ASCII.GetString(held.ReadAllBytes()));
        }

        await using var other = await CompetingLock.HoldAsync(master, "flock");
        Assert.Null(FileLock.TryAcquire(fs, "/master.passwd", FileLockKind.Flock));
    }

    [Fact]
    public async Task An_own_flock_creates_its_file_private_and_excludes_another_process_and_a_second_open_in_this_one()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var lockFile = root.Combine("lock");

        using (var held = FileLock.TryAcquire(fs, "/lock", FileLockKind.OwnFlock))
        {
            Assert.NotNull(held);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, fs.GetStatus("/lock")!.Value.Mode);
            Assert.Null(FileLock.TryAcquire(fs, "/lock", FileLockKind.OwnFlock));
            Assert.False(await CompetingLock.ProbeAsync(lockFile, "flock"));
        }

        // Released on dispose, and the file stays for the next holder.
        Assert.True(await CompetingLock.ProbeAsync(lockFile, "flock"));
        await using var other = await CompetingLock.HoldAsync(lockFile, "flock");
        Assert.Null(FileLock.TryAcquire(fs, "/lock", FileLockKind.OwnFlock));
    }

    [Fact]
    public async Task Waiting_ends_with_a_timeout_while_another_process_holds_the_lock_and_succeeds_once_it_lets_go()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var lockFile = root.Combine(".pwd.lock");
        await using var other = await CompetingLock.HoldAsync(lockFile, "lockf");

        await Assert.ThrowsAsync<TimeoutException>(() =>
            FileLock.AcquireAsync(fs, "/.pwd.lock", FileLockKind.Record, TimeSpan.FromMilliseconds(300), TimeProvider.System, TestContext.Current.CancellationToken));

        var waiting = FileLock.AcquireAsync(fs, "/.pwd.lock", FileLockKind.Record, TimeSpan.FromMinutes(1), TimeProvider.System, TestContext.Current.CancellationToken);
        await other.ReleaseAsync();
        using var acquired = await waiting;
        Assert.Equal(lockFile, acquired.HostPath);
    }

    [Fact]
    public async Task Waiting_honours_cancellation()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        await using var other = await CompetingLock.HoldAsync(root.Combine(".pwd.lock"), "lockf");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            FileLock.AcquireAsync(fs, "/.pwd.lock", FileLockKind.Record, TimeSpan.FromMinutes(5), TimeProvider.System, cancel.Token));
    }

    [Fact]
    public void A_symbolic_link_or_a_missing_file_to_flock_is_an_error_not_a_lock()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(root.Combine("elsewhere"), "");
        fs.CreateSymbolicLink("/.pwd.lock", root.Combine("elsewhere"));

        Assert.Throws<IOException>(() => FileLock.TryAcquire(fs, "/.pwd.lock", FileLockKind.Record));
        Assert.Throws<IOException>(() => FileLock.TryAcquire(fs, "/master.passwd", FileLockKind.Flock));
        Assert.False(File.Exists(root.Combine("master.passwd")));
    }
}
