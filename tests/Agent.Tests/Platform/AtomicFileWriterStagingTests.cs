using System.Text;
using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="AtomicFileWriter.Stage"/>: the new version complete beside the target (same directory,
/// final mode) while the target is untouched, replaced only by <see cref="IStagedFile.Commit"/>.
/// </summary>
public sealed class AtomicFileWriterStagingTests
{
    private static readonly UnixFileMode Mode0755 = (UnixFileMode)Convert.ToInt32("755", 8);

    [Fact]
    public async Task A_staged_file_can_be_run_beside_the_target_before_the_commit_replaces_it()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/usr/sbin", Mode0755);
        File.WriteAllText(root.Combine("usr", "sbin", "agent"), "#!/bin/sh\necho old\n");
        fs.SetMode("/usr/sbin/agent", Mode0755);
        using var source = new MemoryStream(Encoding.ASCII.GetBytes("#!/bin/sh\necho new \"$1\"\n"));

        using (var staged = new AtomicFileWriter(fs).Stage("/usr/sbin/agent", source, new AtomicWriteOptions { KeepBackup = true }))
        {
            Assert.NotNull(staged);
            Assert.Equal(root.Combine("usr", "sbin"), Path.GetDirectoryName(staged.HostPath));
            Assert.Matches(@"^\.agent\.[0-9a-f]{12}\.tmp$", Path.GetFileName(staged.HostPath));
            // It runs where it will live, with the mode it will have; the target is still the old one.
            // Started as agentupdate starts it: ProcessRunner waits out the ETXTBSY a fork elsewhere in
            // this process (another test starting a program) causes while it briefly holds the file open.
            var run = await new ProcessRunner().RunAsync(new ProcessSpec(staged.HostPath, "--version"), TestContext.Current.CancellationToken);
            Assert.Equal("new --version\n", run.StandardOutput);
            Assert.Equal("#!/bin/sh\necho old\n", File.ReadAllText(root.Combine("usr", "sbin", "agent")));
            Assert.False(File.Exists(root.Combine("usr", "sbin", "agent.bak")));

            staged.Commit();

            Assert.False(File.Exists(staged.HostPath));
            Assert.Throws<ObjectDisposedException>(staged.Commit);
        }

        Assert.Equal("#!/bin/sh\necho new \"$1\"\n", File.ReadAllText(root.Combine("usr", "sbin", "agent")));
        Assert.Equal("#!/bin/sh\necho old\n", File.ReadAllText(root.Combine("usr", "sbin", "agent.bak")));
        Assert.Equal(Mode0755, fs.GetStatus("/usr/sbin/agent")!.Value.Mode);
        Assert.Equal(["/usr/sbin/agent", "/usr/sbin/agent.bak"], fs.ListDirectory("/usr/sbin"));
    }

    [Fact]
    public void A_staged_file_disposed_without_a_commit_leaves_nothing_not_even_the_directories_made_for_it()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        using var source = new MemoryStream("new"u8.ToArray());

        using (var staged = new AtomicFileWriter(fs).Stage("/opt/agent/bin/agent", source, new AtomicWriteOptions { CreateDirectoriesWithMode = Mode0755, NewFileOwner = null }))
        {
            Assert.True(File.Exists(staged!.HostPath));
        }

        Assert.Empty(fs.ListDirectory("/"));
    }

    [Fact]
    public void Staging_the_bytes_the_target_already_holds_gives_nothing_to_commit_when_unchanged_files_are_skipped()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        File.WriteAllText(root.Combine("agent"), "same");
        File.WriteAllText(root.Combine("agent.bak"), "older");
        using var source = new MemoryStream("same"u8.ToArray());

        var staged = new AtomicFileWriter(fs).Stage("/agent", source, new AtomicWriteOptions { SkipIfUnchanged = true, KeepBackup = true });

        Assert.Null(staged);
        Assert.Equal("older", File.ReadAllText(root.Combine("agent.bak")));
        Assert.Equal(["/agent", "/agent.bak"], fs.ListDirectory("/"));
    }
}
