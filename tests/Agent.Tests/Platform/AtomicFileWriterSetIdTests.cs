using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// No file the writer writes is setuid or setgid, whatever the file it replaces was or the options
/// asked for, and neither is its backup nor a directory it makes: new contents must not run with the
/// old program's privileges, as the kernel drops file capabilities on a write. The rest of the mode
/// (the sticky bit included) is kept, and a setuid, setgid or capability-carrying program's backup
/// is a copy, never the old inode. <see cref="SetIdRestriction"/> runs a write as under the
/// shipped unit's <c>RestrictSUIDSGID=yes</c>, where setting either bit is refused.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AtomicFileWriterSetIdTests
{
    private const int EFBig = 27;
    private static readonly AtomicWriteOptions WithBackup = new() { KeepBackup = true };

    [Theory]
    [InlineData("4755", "0755")]
    [InlineData("2755", "0755")]
    [InlineData("6750", "0750")]
    [InlineData("7755", "1755")]
    [InlineData("1755", "1755")]
    [InlineData("0640", "0640")]
    public void A_replaced_file_keeps_its_mode_without_setuid_and_setgid_and_so_does_its_backup(string original, string written)
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/program"), "vetted");
        File.SetUnixFileMode(fs.Resolve("/program"), Mode(original));

        new AtomicFileWriter(fs).Write("/program", "unvetted"u8, WithBackup);

        Assert.Equal("unvetted", fs.ReadAllText("/program"));
        Assert.Equal(Mode(written), fs.GetStatus("/program")!.Value.Mode);
        Assert.Equal("vetted", fs.ReadAllText("/program.bak"));
        Assert.Equal(Mode(written), fs.GetStatus("/program.bak")!.Value.Mode);
    }

    [Fact]
    public async Task A_setuid_files_backup_is_a_copy_so_the_old_setuid_inode_is_never_chmodded_nor_kept_by_the_writer()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/program"), "vetted");
        File.SetUnixFileMode(fs.Resolve("/program"), Mode("4755"));
        // A second name of the old inode, as a package manager's hard link would be: it is not the writer's to change.
        Assert.Equal(0, (await ExternalTool.RunAsync(ExternalTool.Require("ln", "coreutils"), [fs.Resolve("/program"), fs.Resolve("/other-name")])).ExitCode);

        new AtomicFileWriter(fs).Write("/program", "unvetted"u8, WithBackup);

        Assert.Equal(Mode("4755"), fs.GetStatus("/other-name")!.Value.Mode);
        Assert.Equal("vetted", fs.ReadAllText("/other-name"));
        Assert.NotEqual(await InodeAsync(fs.Resolve("/other-name")), await InodeAsync(fs.Resolve("/program.bak")));
        Assert.Equal(Mode("0755"), fs.GetStatus("/program.bak")!.Value.Mode);
    }

    [Fact]
    public async Task A_plain_files_backup_is_still_the_old_inode_itself()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/config"), "old");
        fs.SetMode("/config", Mode("1644"));
        var inode = await InodeAsync(fs.Resolve("/config"));

        new AtomicFileWriter(fs).Write("/config", "new"u8, WithBackup);

        Assert.Equal(inode, await InodeAsync(fs.Resolve("/config.bak")));
    }

    [Fact]
    public async Task A_program_with_file_capabilities_is_backed_up_by_a_copy_without_them()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/ping"), "vetted");
        fs.SetMode("/ping", Mode("0755"));
        // VFS_CAP_REVISION_2, cap_net_raw permitted: what setcap cap_net_raw+p writes.
        Assert.Equal("set", await CapabilityAsync(fs.Resolve("/ping"), "0000000200200000000000000000000000000000"));
        Assert.Equal(0, (await ExternalTool.RunAsync(ExternalTool.Require("ln", "coreutils"), [fs.Resolve("/ping"), fs.Resolve("/other-name")])).ExitCode);

        new AtomicFileWriter(fs).Write("/ping", "unvetted"u8, WithBackup);

        Assert.Equal("vetted", fs.ReadAllText("/ping.bak"));
        Assert.Equal("none", await CapabilityAsync(fs.Resolve("/ping.bak")));
        Assert.Equal("none", await CapabilityAsync(fs.Resolve("/ping")));
        Assert.NotEqual("none", await CapabilityAsync(fs.Resolve("/other-name")));
    }

    [Fact]
    public async Task A_setuid_file_too_large_to_copy_for_its_backup_fails_the_write_and_stays_as_it_was()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/program"), "vetted, 21 bytes long");
        File.SetUnixFileMode(fs.Resolve("/program"), Mode("4755"));
        var inode = await InodeAsync(fs.Resolve("/program"));

        var failure = Assert.Throws<BackupTooLargeException>(() => new AtomicFileWriter(fs).Write("/program", "unvetted"u8, WithBackup with { MaxBackupCopyBytes = 20 }));

        Assert.Equal(EFBig, failure.HResult);
        // Its backup had to be a copy because it is setuid: what the answer to the host says.
        Assert.True(failure.Privileged);
        Assert.Equal("File too large: the backup of '/program' must be a copy (it is setuid, setgid or has file capabilities, which a hard link would keep), and it has 21 bytes or more, over the 20 a backup copy may take", failure.Message);
        Assert.Equal("vetted, 21 bytes long", fs.ReadAllText("/program"));
        Assert.Equal(Mode("4755"), fs.GetStatus("/program")!.Value.Mode);
        Assert.Equal(inode, await InodeAsync(fs.Resolve("/program")));
        Assert.Equal(["program"], Directory.GetFileSystemEntries(root.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_new_file_asked_for_setuid_and_setgid_gets_neither()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);

        new AtomicFileWriter(fs).Write("/program", "x"u8, new AtomicWriteOptions { NewFileMode = Mode("7755"), NewFileOwner = null });

        Assert.Equal(Mode("1755"), fs.GetStatus("/program")!.Value.Mode);
    }

    [Fact]
    public void Directories_it_makes_are_never_setuid_or_setgid_even_inside_a_setgid_one()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/shared", Mode("2775"));
        File.SetUnixFileMode(fs.Resolve("/shared"), Mode("2775"));

        new AtomicFileWriter(fs).Write("/shared/a/b/file", "x"u8, new AtomicWriteOptions { CreateDirectoriesWithMode = Mode("7755"), NewFileOwner = null });

        Assert.Equal(Mode("1755"), fs.GetStatus("/shared/a")!.Value.Mode);
        Assert.Equal(Mode("1755"), fs.GetStatus("/shared/a/b")!.Value.Mode);
        Assert.Equal(Mode("2775"), fs.GetStatus("/shared")!.Value.Mode);
    }

    [Fact]
    public async Task A_capability_carrying_programs_backup_too_large_to_copy_is_refused_as_privileged()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/ping"), "vetted, 21 bytes long");
        Assert.Equal("set", await CapabilityAsync(fs.Resolve("/ping"), "0000000200200000000000000000000000000000"));

        var failure = Assert.Throws<BackupTooLargeException>(() => new AtomicFileWriter(fs).Write("/ping", "unvetted"u8, WithBackup with { MaxBackupCopyBytes = 20 }));

        Assert.True(failure.Privileged);
        Assert.Equal("vetted, 21 bytes long", fs.ReadAllText("/ping"));
    }

    [Fact]
    public void Directories_the_file_system_creates_are_never_setuid_or_setgid_whatever_mode_is_asked()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);

        fs.CreateDirectory("/a/b", Mode("6755"));
        SetIdRestriction.Run(() => fs.CreateDirectory("/c", Mode("2750")));
        SetIdRestriction.Run(() => RootedFileSystem.CreateDirectoryCore(root.Combine("d"), Mode("4700"), owner: null));

        Assert.Equal(Mode("0755"), fs.GetStatus("/a")!.Value.Mode);
        Assert.Equal(Mode("0755"), fs.GetStatus("/a/b")!.Value.Mode);
        Assert.Equal(Mode("0750"), fs.GetStatus("/c")!.Value.Mode);
        Assert.Equal(Mode("0700"), fs.GetStatus("/d")!.Value.Mode);
    }

    [Fact]
    public void A_streamed_replacement_is_never_setuid_or_setgid_whatever_mode_is_asked()
    {
        using var root = new TemporaryDirectory();
        var target = root.Combine("journal");
        File.WriteAllText(target, "old");

        AtomicFileWriter.ReplaceStreamed(target, Mode("6640"), stream => stream.Write("new"u8));
        Assert.Equal(Mode("0640"), File.GetUnixFileMode(target));
        SetIdRestriction.Run(() => AtomicFileWriter.ReplaceStreamed(target, Mode("4600"), stream => stream.Write("newer"u8)));

        Assert.Equal("newer", File.ReadAllText(target));
        Assert.Equal(Mode("0600"), File.GetUnixFileMode(target));
    }

    [Fact]
    public void Under_RestrictSUIDSGID_a_setuid_file_is_replaced_with_its_backup()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(fs.Resolve("/program"), "vetted");
        File.SetUnixFileMode(fs.Resolve("/program"), Mode("6755"));

        SetIdRestriction.Run(() => new AtomicFileWriter(fs).Write("/program", "unvetted"u8, WithBackup));

        Assert.Equal("unvetted", fs.ReadAllText("/program"));
        Assert.Equal(Mode("0755"), fs.GetStatus("/program")!.Value.Mode);
        Assert.Equal("vetted", fs.ReadAllText("/program.bak"));
        Assert.Equal(Mode("0755"), fs.GetStatus("/program.bak")!.Value.Mode);
    }

    [Fact]
    public void Under_RestrictSUIDSGID_directories_and_a_file_asked_for_setid_are_made_without_it()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);

        SetIdRestriction.Run(() => new AtomicFileWriter(fs).Write("/d/file", "x"u8, new AtomicWriteOptions { NewFileMode = Mode("6755"), CreateDirectoriesWithMode = Mode("2755"), NewFileOwner = null }));

        Assert.Equal(Mode("0755"), fs.GetStatus("/d/file")!.Value.Mode);
        Assert.Equal(Mode("0755"), fs.GetStatus("/d")!.Value.Mode);
    }

    [Fact]
    public void The_restriction_refuses_what_systemd_refuses_and_nothing_else()
    {
        // The filter itself, so that a test passing under it means what it says.
        using var root = new TemporaryDirectory();
        var path = root.Combine("f");
        File.WriteAllText(path, "x");
        Exception? setuid = null;
        Exception? plain = null;

        SetIdRestriction.Run(() =>
        {
            setuid = Record.Exception(() => File.SetUnixFileMode(path, Mode("4755")));
            plain = Record.Exception(() => File.SetUnixFileMode(path, Mode("1750")));
        });

        Assert.IsType<UnauthorizedAccessException>(setuid);
        Assert.Null(plain);
        Assert.Equal(Mode("1750"), File.GetUnixFileMode(path));
    }

    [Fact]
    public void The_restriction_refuses_openat2_with_ENOSYS_as_systemd_does()
    {
        // systemd cannot read openat2's mode (it is in a structure), so it refuses the call whole and
        // code falls back to openat, which it can check.
        using var root = new TemporaryDirectory();
        var path = root.Combine("f");
        File.WriteAllText(path, "x");
        var how = new byte[24]; // struct open_how, all zero: O_RDONLY
        long result = 0;
        var errno = 0;

        SetIdRestriction.Run(() =>
        {
            result = Openat2(-100, path, how, (nuint)how.Length);
            errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        });

        Assert.Equal(-1, result);
        Assert.Equal(38, errno);
    }

    [Fact]
    public void A_thread_started_under_the_restriction_fails_the_run_rather_than_carry_the_filter_on_unseen()
    {
        using var release = new ManualResetEventSlim();
        Thread? escapee = null;

        var failure = Assert.Throws<InvalidOperationException>(() => SetIdRestriction.Run(() =>
        {
            escapee = new Thread(() => release.Wait()) { Name = "escapee" };
            escapee.Start();
        }));

        release.Set();
        escapee!.Join();
        Assert.Equal("Threads started under the seccomp filter carry it on: escapee; keep the action on its own thread", failure.Message);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static extern long Syscall(long number, int directory, string path, byte[] how, nuint size);

    private static long Openat2(int directory, string path, byte[] how, nuint size) => Syscall(437, directory, path, how, size);

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);

    /// <summary>Sets <c>security.capability</c> to <paramref name="hex"/> ("set"), or reads it (its hex, or "none").</summary>
    private static async Task<string> CapabilityAsync(string path, string? hex = null)
    {
        Assert.SkipUnless(Owners.AsRoot, "Setting file capabilities needs root (CAP_SETFCAP)");
        const string script = """
            import os, sys
            if len(sys.argv) > 2:
                os.setxattr(sys.argv[1], "security.capability", bytes.fromhex(sys.argv[2]))
                print("set")
            else:
                try:
                    print(os.getxattr(sys.argv[1], "security.capability").hex())
                except OSError:
                    print("none")
            """;
        var result = await ExternalTool.RunAsync(ExternalTool.Require("python3", "python3"), ["-c", script, path, .. hex is null ? Array.Empty<string>() : [hex]]);
        if (result.ExitCode != 0)
        {
            Requirement.Unmet($"The temporary directory's file system takes no file capabilities: {result.StandardError}");
        }

        return result.StandardOutput.Trim();
    }

    private static async Task<string> InodeAsync(string path) =>
        (await ExternalTool.RunAsync(ExternalTool.Require("stat", "coreutils"), ["-c", "%i", path])).StandardOutput.Trim();
}
