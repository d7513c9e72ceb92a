using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// A directory's default ACL (real <c>setfacl -d</c>/<c>getfacl</c>) against the files the agent
/// streams and the directories it makes: <see cref="AtomicFileWriter.ReplaceStreamed"/> (the
/// response journal) and a streamed <see cref="IAtomicFileWriter.Stage"/> (agentupdate's binary)
/// give a rewritten file the replaced one's ACL or none, as every rewrite through the writer does;
/// a new file and a new directory keep the inherited one, capped by their mode, as <c>cp</c>'s and
/// <c>mkdir</c>'s would.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StreamedFileAclTests
{
    [Fact]
    public async Task A_streamed_rewrite_of_a_file_without_an_ACL_gains_none_from_the_directory_s_default_ACL()
    {
        using var root = new TemporaryDirectory();
        var target = OldFile(root, "journal");
        await Acls.SetAsync("-d", "-m", "u:1234:rwx", root.Path);

        AtomicFileWriter.ReplaceStreamed(target, Mode("0640"), stream => stream.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(Acls.NoneAt0640, await Acls.GetAsync(target));
    }

    [Fact]
    public async Task A_streamed_rewrite_keeps_the_replaced_file_s_own_ACL_and_not_the_directory_s()
    {
        using var root = new TemporaryDirectory();
        var target = OldFile(root, "journal");
        await Acls.SetAsync("-m", "u:4321:r--", target);
        await Acls.SetAsync("-d", "-m", "u:1234:rwx", root.Path);

        AtomicFileWriter.ReplaceStreamed(target, Mode("0640"), stream => stream.Write("new"u8));

        Assert.Equal(Acls.Reader4321At0640, await Acls.GetAsync(target));
        Assert.Equal(Mode("0640"), File.GetUnixFileMode(target));
    }

    [Fact]
    public async Task A_new_streamed_file_keeps_the_inherited_ACL_capped_by_its_mode()
    {
        using var root = new TemporaryDirectory();
        var target = root.Combine("journal");
        await Acls.SetAsync("-d", "-m", "u:1234:rwx", root.Path);

        AtomicFileWriter.ReplaceStreamed(target, Mode("0640"), stream => stream.Write("new"u8));

        Assert.Contains("user:1234:rwx\t#effective:r--", await Acls.GetAsync(target));
        Assert.Equal(Mode("0640"), File.GetUnixFileMode(target));
    }

    [Fact]
    public async Task A_staged_stream_gives_a_rewritten_binary_no_ACL_and_a_directory_the_write_makes_keeps_the_inherited_one()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var writer = new AtomicFileWriter(fs, hardLinkBackups: false);
        OldFile(root, "agent");
        await Acls.SetAsync("-d", "-m", "u:1234:rwx", root.Path);

        using (var binary = new MemoryStream("new"u8.ToArray()))
        using (var staged = writer.Stage("/agent", binary, new AtomicWriteOptions { KeepBackup = true }))
        {
            staged!.Commit();
        }

        Assert.Equal(Acls.NoneAt0640, await Acls.GetAsync(fs.Resolve("/agent")));
        Assert.Equal(Acls.NoneAt0640, await Acls.GetAsync(fs.Resolve("/agent.bak")));

        // A directory made for a write is new: it keeps what the kernel gave it, its mask its mode's group bits.
        writer.Write("/lib/agent", "x"u8, new AtomicWriteOptions { NewFileOwner = null, CreateDirectoriesWithMode = Mode("0750"), NewFileMode = Mode("0640") });
        var directory = await Acls.GetAsync(fs.Resolve("/lib"));
        Assert.Contains("user:1234:rwx\t#effective:r-x", directory);
        Assert.Contains("default:user:1234:rwx", directory);
        Assert.Equal(Mode("0750"), fs.GetStatus("/lib")!.Value.Mode);
        Assert.Contains("user:1234:rwx\t#effective:r--", await Acls.GetAsync(fs.Resolve("/lib/agent")));
    }

    /// <summary>A 0640 file holding <c>old</c>, without an ACL.</summary>
    /// <summary>
    /// The inherited ACL stands in for the label SELinux gives a new file (no SELinux here): an
    /// attribute the temp file already has with the replaced file's value is not set again, as a
    /// same-label set would need relabel permissions a confined domain may lack.
    /// </summary>
    [Fact]
    public async Task A_streamed_rewrite_sets_no_attribute_the_temp_file_already_has_with_the_replaced_file_s_value()
    {
        using var root = new TemporaryDirectory();
        var target = root.Combine("journal");
        await Acls.SetAsync("-d", "-m", "u:1234:rwx", root.Path);
        AtomicFileWriter.ReplaceStreamed(target, Mode("0600"), stream => stream.Write("old"u8));
        var inherited = await Acls.GetAsync(target);
        Assert.Contains("user:1234:rwx\t#effective:---", inherited);

        var calls = SyscallTrace.Calls(() => AtomicFileWriter.ReplaceStreamed(target, Mode("0600"), stream => stream.Write("new"u8)), "fsetxattr,fremovexattr");

        Assert.Empty(calls);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(inherited, await Acls.GetAsync(target));
    }

    private static string OldFile(TemporaryDirectory root, string name)
    {
        var path = root.Combine(name);
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, Mode("0640"));
        return path;
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);
}
