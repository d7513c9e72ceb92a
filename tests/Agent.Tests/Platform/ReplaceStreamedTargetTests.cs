using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// What <see cref="AtomicFileWriter.ReplaceStreamed"/> (the response journal) finds at its target:
/// it opens it first, so a file removed or swapped for a link as it looks (made to happen at that
/// exact call with strace's fault injection) is a new file rather than a failed write; and the
/// extended attributes of a file it replaces (real <c>setfattr</c>/<c>getfattr</c>) are kept, as
/// a rewrite through the writer keeps them.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReplaceStreamedTargetTests
{
    [Theory]
    [InlineData("ENOENT")]
    [InlineData("ELOOP")]
    public void A_target_gone_or_made_a_link_as_it_is_opened_is_replaced_as_a_new_file(string error)
    {
        using var root = new TemporaryDirectory();
        var target = root.Combine("journal");
        File.WriteAllText(target, "old");

        var opens = SyscallTrace.Failing(() => AtomicFileWriter.ReplaceStreamed(target, Mode("0600"), stream => stream.Write("new"u8)), "openat", error, target);

        Assert.Contains(opens, line => line.Contains("O_NOFOLLOW", StringComparison.Ordinal) && line.Contains(error, StringComparison.Ordinal));
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(["journal"], Directory.GetFileSystemEntries(root.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Any_other_failure_to_open_the_target_fails_the_write_and_leaves_the_old_file()
    {
        using var root = new TemporaryDirectory();
        var target = root.Combine("journal");
        File.WriteAllText(target, "old");
        Exception? failure = null;

        SyscallTrace.Failing(() => failure = Record.Exception(() => AtomicFileWriter.ReplaceStreamed(target, Mode("0600"), stream => stream.Write("new"u8))), "openat", "EIO", target);

        Assert.IsAssignableFrom<IOException>(failure);
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Equal(["journal"], Directory.GetFileSystemEntries(root.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_link_at_the_target_is_replaced_and_what_it_points_at_is_neither_read_nor_written()
    {
        using var root = new TemporaryDirectory();
        var elsewhere = root.Combine("elsewhere");
        File.WriteAllText(elsewhere, "theirs");
        await SetAttributeAsync(elsewhere, "user.theirs", "1");
        var target = root.Combine("journal");
        File.CreateSymbolicLink(target, elsewhere);

        AtomicFileWriter.ReplaceStreamed(target, Mode("0600"), stream => stream.Write("new"u8));

        Assert.Null(new FileInfo(target).LinkTarget);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Empty(await AttributesAsync(target));
        Assert.Equal("theirs", File.ReadAllText(elsewhere));
    }

    [Fact]
    public async Task A_socket_at_the_target_which_cannot_be_opened_has_nothing_to_keep_and_is_replaced()
    {
        using var root = new TemporaryDirectory();
        var target = root.Combine("journal");
        // Bound by python3, whose socket file stays when it exits (.NET's Dispose removes the one it bound).
        var bind = await ExternalTool.RunAsync(ExternalTool.Require("python3", "python3"), ["-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", target]);
        Assert.True(bind.ExitCode == 0, bind.StandardError);
        Assert.Equal(FileKind.Other, new RootedFileSystem(root.Path).GetStatus("/journal")!.Value.Kind);

        AtomicFileWriter.ReplaceStreamed(target, Mode("0600"), stream => stream.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(target));
    }

    [Fact]
    public async Task A_device_node_at_the_target_is_never_opened_only_looked_at_and_replaced()
    {
        Assert.SkipUnless(Owners.AsRoot, "mknod of a device node needs root (CAP_MKNOD)");
        using var root = new TemporaryDirectory();
        var target = root.Combine("journal");
        // The null device (1, 3), whose open does nothing; a watchdog's would arm it, a terminal's take it over.
        var mknod = await ExternalTool.RunAsync(ExternalTool.Require("mknod", "coreutils"), ["-m", "0600", target, "c", "1", "3"]);
        Assert.True(mknod.ExitCode == 0, mknod.StandardError);

        var opens = SyscallTrace.Calls(() => AtomicFileWriter.ReplaceStreamed(target, Mode("0600"), stream => stream.Write("new"u8)), "openat");

        ReadInPlaceOpenTests.AssertOnlyLookedAt(opens, $"\"{target}\", O_RDONLY");
        Assert.Equal(FileKind.File, new RootedFileSystem(root.Path).GetStatus("/journal")!.Value.Kind);
        Assert.Equal("new", File.ReadAllText(target));
    }

    [Fact]
    public async Task A_FIFO_at_the_target_is_replaced_without_its_ACL_which_only_a_regular_file_passes_on()
    {
        using var root = new TemporaryDirectory();
        var target = root.Combine("journal");
        var mkfifo = await ExternalTool.RunAsync(ExternalTool.Require("mkfifo", "coreutils"), ["-m", "0640", target]);
        Assert.True(mkfifo.ExitCode == 0, mkfifo.StandardError);
        await Acls.SetAsync("-m", "u:4321:r--", target);

        AtomicFileWriter.ReplaceStreamed(target, Mode("0640"), stream => stream.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(Acls.NoneAt0640, await Acls.GetAsync(target));
    }

    [Fact]
    public async Task A_streamed_rewrite_keeps_the_replaced_file_s_user_attributes_and_a_new_file_gets_none()
    {
        using var root = new TemporaryDirectory();
        var target = root.Combine("journal");
        File.WriteAllText(target, "old");
        await SetAttributeAsync(target, "user.backup.exclude", "1");
        await SetAttributeAsync(target, "user.empty", "");

        AtomicFileWriter.ReplaceStreamed(target, Mode("0600"), stream => stream.Write("new"u8));
        AtomicFileWriter.ReplaceStreamed(root.Combine("new"), Mode("0600"), stream => stream.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(["user.backup.exclude=\"1\"", "user.empty=\"\""], await AttributesAsync(target));
        Assert.Empty(await AttributesAsync(root.Combine("new")));
    }

    [Fact]
    public async Task As_root_a_streamed_rewrite_keeps_the_selinux_label_and_trusted_attributes_but_not_file_capabilities()
    {
        Assert.SkipUnless(Owners.AsRoot, "trusted.* and security.* attributes need root (CAP_SYS_ADMIN, CAP_SETFCAP)");
        using var root = new TemporaryDirectory();
        var target = root.Combine("journal");
        File.WriteAllText(target, "old");
        // Without SELinux loaded, security.selinux is an ordinary attribute root may set.
        await SetAttributeAsync(target, "security.selinux", "system_u:object_r:var_lib_t:s0");
        await SetAttributeAsync(target, "trusted.guestagent", "kept");
        await SetAttributeAsync(target, "security.capability", "0sAAAAAgAAAAAAAAAAAAAAAAAAAAA=");

        AtomicFileWriter.ReplaceStreamed(target, Mode("0600"), stream => stream.Write("new"u8));

        Assert.Equal(["security.selinux=\"system_u:object_r:var_lib_t:s0\"", "trusted.guestagent=\"kept\""], await AttributesAsync(target));
    }

    /// <summary>Runs <c>setfattr</c> (Debian's <c>attr</c>); a file system without extended attributes skips the test.</summary>
    private static async Task SetAttributeAsync(string path, string name, string value)
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Require("setfattr", "attr"), ["-n", name, "-v", value, path]);
        if (result.ExitCode != 0)
        {
            Requirement.Unmet($"setfattr -n {name} failed (a file system without extended attributes?): {result.StandardError}");
        }
    }

    /// <summary>The file's <c>user.*</c>, <c>security.*</c> and <c>trusted.*</c> attributes as <c>getfattr -d</c> lists them (<c>user.x="1"</c>).</summary>
    private static async Task<string[]> AttributesAsync(string path)
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Require("getfattr", "attr"), ["--absolute-names", "-d", "-m", "^(user|security|trusted)\\.", path]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith('#'))];
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);
}
