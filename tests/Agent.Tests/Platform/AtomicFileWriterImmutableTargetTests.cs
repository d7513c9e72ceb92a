using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// A target the final rename cannot replace (<c>chattr +i</c>: <c>EPERM</c>) after the backup was
/// taken: the write fails as a whole, so the backup must be what it was before, and none may be
/// left where there was none. injectfile's view of the same is InjectFileImmutableTargetTests.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AtomicFileWriterImmutableTargetTests : IDisposable
{
    private static readonly AtomicWriteOptions WithBackup = new() { KeepBackup = true };
    private readonly TemporaryDirectory _root = new();
    private readonly RootedFileSystem _fs;
    private string? _immutable;

    public AtomicFileWriterImmutableTargetTests() => _fs = new RootedFileSystem(_root.Path);

    [Fact]
    public async Task A_refused_rename_puts_the_previous_backup_back()
    {
        File.WriteAllText(_root.Combine("app"), "current");
        File.WriteAllText(_root.Combine("app.bak"), "previous");
        await MakeImmutableAsync("app");

        Assert.Throws<IOException>(() => new AtomicFileWriter(_fs).Write("/app", "new"u8, WithBackup));

        Assert.Equal("previous", File.ReadAllText(_root.Combine("app.bak")));
        Assert.Equal("current", File.ReadAllText(_root.Combine("app")));
        Assert.Equal(["/app", "/app.bak"], _fs.ListDirectory("/"));
    }

    [Fact]
    public async Task A_refused_rename_leaves_no_backup_where_there_was_none()
    {
        File.WriteAllText(_root.Combine("app"), "current");
        await MakeImmutableAsync("app");

        Assert.Throws<IOException>(() => new AtomicFileWriter(_fs).Write("/app", "new"u8, WithBackup));

        Assert.Equal(["/app"], _fs.ListDirectory("/"));
    }

    [Fact]
    public async Task A_setuid_backup_from_an_older_agent_is_never_kept_under_a_hidden_name_so_a_refused_rename_does_not_bring_it_back()
    {
        // Kept, it would have a second, hidden name during the commit, the last one left of the old
        // setuid program should the agent die after the backup's replacement: it is not, so a
        // refused rename leaves the backup the plain copy of the untouched file.
        File.WriteAllText(_root.Combine("app"), "current");
        File.WriteAllText(_root.Combine("app.bak"), "previous");
        File.SetUnixFileMode(_fs.Resolve("/app.bak"), (UnixFileMode)Convert.ToInt32("4755", 8));
        await MakeImmutableAsync("app");

        Assert.Throws<IOException>(() => new AtomicFileWriter(_fs).Write("/app", "new"u8, WithBackup));

        Assert.Equal("current", File.ReadAllText(_root.Combine("app.bak")));
        Assert.Equal(UnixFileMode.None, _fs.GetStatus("/app.bak")!.Value.Mode & (UnixFileMode.SetUser | UnixFileMode.SetGroup));
        Assert.Equal(["/app", "/app.bak"], _fs.ListDirectory("/"));
    }

    [Fact]
    public async Task A_capability_carrying_backup_from_an_older_agent_is_never_kept_under_a_hidden_name_either()
    {
        File.WriteAllText(_root.Combine("app"), "current");
        File.WriteAllText(_root.Combine("app.bak"), "previous");
        // First: it skips without root, which setcap needs too (CAP_SETFCAP).
        await MakeImmutableAsync("app");
        var setcap = await ExternalTool.RunAsync(ExternalTool.Require("setcap", "libcap2-bin"), ["cap_net_raw+p", _root.Combine("app.bak")]);
        Assert.True(setcap.ExitCode == 0, setcap.StandardError);

        Assert.Throws<IOException>(() => new AtomicFileWriter(_fs).Write("/app", "new"u8, WithBackup));

        Assert.Equal("current", File.ReadAllText(_root.Combine("app.bak")));
        var getcap = await ExternalTool.RunAsync(ExternalTool.Require("getcap", "libcap2-bin"), [_root.Combine("app.bak")]);
        Assert.Equal("", getcap.StandardOutput);
        Assert.Equal(["/app", "/app.bak"], _fs.ListDirectory("/"));
    }

    [Fact]
    public async Task A_backup_whose_attribute_names_cannot_be_listed_counts_as_privileged_and_is_not_kept_under_a_hidden_name()
    {
        // Whether it carries file capabilities cannot be told: kept, it might be the privileged old
        // program's last, hidden name; not kept, a refused rename costs only the previous backup.
        File.WriteAllText(_root.Combine("app"), "current");
        File.WriteAllText(_root.Combine("app.bak"), "previous");
        await MakeImmutableAsync("app");
        Exception? failure = null;

        var refused = SyscallTrace.Failing(
            () => failure = Record.Exception(() => new AtomicFileWriter(_fs).Write("/app", "new"u8, WithBackup)), "flistxattr", "EIO", _root.Combine("app.bak"));

        Assert.Contains(refused, line => line.Contains("app.bak>", StringComparison.Ordinal) && line.Contains("EIO", StringComparison.Ordinal));
        Assert.IsAssignableFrom<IOException>(failure);
        Assert.Equal("current", File.ReadAllText(_root.Combine("app.bak")));
        Assert.Equal("current", File.ReadAllText(_root.Combine("app")));
        Assert.Equal(["/app", "/app.bak"], _fs.ListDirectory("/"));
    }

    [Fact]
    public void A_done_write_replaces_the_backup_and_keeps_no_extra_link_to_the_older_one()
    {
        File.WriteAllText(_root.Combine("app"), "current");
        File.WriteAllText(_root.Combine("app.bak"), "previous");

        new AtomicFileWriter(_fs).Write("/app", "new"u8, WithBackup);

        Assert.Equal("current", File.ReadAllText(_root.Combine("app.bak")));
        Assert.Equal(["/app", "/app.bak"], _fs.ListDirectory("/"));
    }

    public void Dispose()
    {
        if (_immutable is { } path)
        {
            // The temporary directory cannot be removed while the flag is set.
            ExternalTool.RunAsync("chattr", ["-i", path]).GetAwaiter().GetResult();
        }

        _root.Dispose();
    }

    private async Task MakeImmutableAsync(string name)
    {
        Assert.SkipUnless(Owners.AsRoot, "Setting the immutable flag needs root (CAP_LINUX_IMMUTABLE)");
        var chattr = ExternalTool.Require("chattr", "e2fsprogs");
        var path = _root.Combine(name);
        var result = await ExternalTool.RunAsync(chattr, ["+i", path]);
        if (result.ExitCode != 0)
        {
            Requirement.Unmet($"The temporary directory's file system has no immutable flag: {result.StandardError}");
        }

        _immutable = path;
    }
}
