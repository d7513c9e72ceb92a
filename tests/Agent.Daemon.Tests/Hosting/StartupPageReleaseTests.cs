using GuestAgent.Daemon.Hosting;

namespace GuestAgent.Daemon.Tests.Hosting;

/// <summary>
/// Which of the executable's pages the daemon gives back once it serves: only pages that are still
/// the file's own, so nothing the process wrote can be replaced by the file's bytes.
/// </summary>
public sealed class StartupPageReleaseTests
{
    private const string Executable = "/usr/sbin/guest-agent";

    private static MemoryMapping Mapping(string permissions, string path = Executable, long resident = 64, long? anonymous = 0, long? swap = 0, bool locked = false) =>
        new(0x1000, 0x11000, permissions, path, resident, anonymous, swap, locked);

    [Theory]
    [InlineData("r--p")]
    [InlineData("r-xp")]
    public void Gives_back_the_executables_private_read_only_pages(string permissions) =>
        Assert.Single(StartupPageRelease.Releasable([Mapping(permissions)], Executable));

    [Theory]
    [InlineData("rw-p")]
    [InlineData("r--s")]
    [InlineData("rwxp")]
    public void Keeps_writable_and_shared_mappings(string permissions) =>
        Assert.Empty(StartupPageRelease.Releasable([Mapping(permissions)], Executable));

    [Fact]
    public void Keeps_mappings_holding_written_copies_such_as_relocated_data() =>
        Assert.Empty(StartupPageRelease.Releasable([Mapping("r--p", anonymous: 4)], Executable));

    [Fact]
    public void Keeps_mappings_whose_written_copies_are_in_swap() =>
        Assert.Empty(StartupPageRelease.Releasable([Mapping("r--p", swap: 8)], Executable));

    [Fact]
    public void Keeps_mappings_when_smaps_does_not_say_what_is_written() =>
        Assert.Empty(StartupPageRelease.Releasable([Mapping("r--p", anonymous: null), Mapping("r-xp", swap: null)], Executable));

    [Fact]
    public void Keeps_locked_mappings_and_other_files_and_skips_what_is_not_resident() =>
        Assert.Empty(StartupPageRelease.Releasable(
            [Mapping("r--p", locked: true), Mapping("r-xp", path: "/usr/lib/x86_64-linux-gnu/libc.so.6"), Mapping("r--p", resident: 0)],
            Executable));

    [Fact]
    public void A_replaced_executable_is_matched_by_the_name_the_kernel_gives_it() =>
        Assert.Single(StartupPageRelease.Releasable(
            [Mapping("r-xp", path: Executable + " (deleted)"), Mapping("r-xp")],
            Executable + " (deleted)"));
}
