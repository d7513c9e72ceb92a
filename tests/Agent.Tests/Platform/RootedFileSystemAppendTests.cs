using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="RootedFileSystem.AppendAllText"/> opens its file where the agent's own walk of the
/// directories leads (a trusted link's absolute target under the root, as in a chroot), never by a
/// host path the kernel would resolve against the host's <c>/</c>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RootedFileSystemAppendTests
{
    private static readonly UnixFileMode Private = (UnixFileMode)Convert.ToInt32("600", 8);

    [Fact]
    public void A_parent_linked_with_an_absolute_target_is_followed_under_the_root_and_the_file_made_there()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        // A name no host has: the kernel's walk would look for it at the host's /.
        var target = "/guest-agent-append-" + Guid.NewGuid().ToString("N");
        FixtureDirectories.Create(root.Combine("var", "lib"));
        File.CreateSymbolicLink(root.Combine("var", "lib", "guest-agent"), target + "/state");

        fs.AppendAllText("/var/lib/guest-agent/actions.log", "a\n");
        fs.AppendAllText("/var/lib/guest-agent/actions.log", "b\n");

        var written = root.Path + target + "/state/actions.log";
        Assert.Equal("a\nb\n", File.ReadAllText(written));
        Assert.Equal(Private, File.GetUnixFileMode(written));
        // The missing directories of the target were made as for any parent: 0700.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(root.Path + target + "/state"));
        Assert.Equal(FileKind.SymbolicLink, fs.GetStatus("/var/lib/guest-agent")!.Value.Kind);
        Assert.False(Path.Exists(target));
    }

    [Fact]
    public void An_existing_file_through_the_link_keeps_its_mode_and_gets_the_text_at_its_end()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var target = "/guest-agent-append-" + Guid.NewGuid().ToString("N");
        FixtureDirectories.Create(root.Combine("var", "lib"));
        FixtureDirectories.Create(root.Path + target);
        File.CreateSymbolicLink(root.Combine("var", "lib", "guest-agent"), target);
        File.WriteAllText(root.Path + target + "/actions.log", "old\n");
        File.SetUnixFileMode(root.Path + target + "/actions.log", (UnixFileMode)Convert.ToInt32("640", 8));

        fs.AppendAllText("/var/lib/guest-agent/actions.log", "new\n");

        Assert.Equal("old\nnew\n", File.ReadAllText(root.Path + target + "/actions.log"));
        Assert.Equal((UnixFileMode)Convert.ToInt32("640", 8), File.GetUnixFileMode(root.Path + target + "/actions.log"));
    }

    [Fact]
    public void A_link_at_the_file_itself_is_refused_as_the_writer_refuses_it_and_its_target_is_untouched()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.AppendAllText("/var/log/x/real", "kept\n");
        File.CreateSymbolicLink(root.Combine("var", "log", "x", "one"), "real");

        var error = Assert.Throws<PathRefusedException>(() => fs.AppendAllText("/var/log/x/one", "more\n"));

        Assert.Equal(PathRefusal.LinkAtTarget, error.Reason);
        Assert.Equal("'/var/log/x/one' is a symbolic link; refusing to write through it", error.Message);
        Assert.Equal("kept\n", File.ReadAllText(root.Combine("var", "log", "x", "real")));
    }

    [Fact]
    public void A_directory_at_the_file_is_refused_as_not_a_regular_file()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        fs.CreateDirectory("/var/log/x/one", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var error = Assert.Throws<PathRefusedException>(() => fs.AppendAllText("/var/log/x/one", "more\n"));

        Assert.Equal(PathRefusal.TargetNotRegular, error.Reason);
        Assert.Equal("'/var/log/x/one' exists and is not a regular file", error.Message);
    }

    [Fact]
    public async Task Root_mode_records_a_program_through_a_state_directory_linked_with_an_absolute_target()
    {
        using var root = new TemporaryDirectory();
        var target = "/guest-agent-append-" + Guid.NewGuid().ToString("N");
        FixtureDirectories.Create(root.Combine("var", "lib"));
        File.CreateSymbolicLink(root.Combine("var", "lib", "guest-agent"), target);
        var system = AgentSystem.ForRoot(root.Path);

        var result = await system.Processes.RunAsync(new ProcessSpec("/usr/sbin/netplan", "apply"), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal("/usr/sbin/netplan apply\n", File.ReadAllText(root.Path + target + "/actions.log"));
    }

    [Fact]
    public async Task Root_mode_reads_the_failing_programs_through_a_state_directory_linked_with_an_absolute_target()
    {
        using var root = new TemporaryDirectory();
        var target = "/guest-agent-append-" + Guid.NewGuid().ToString("N");
        FixtureDirectories.Create(root.Combine("var", "lib"));
        FixtureDirectories.Create(root.Path + target);
        File.CreateSymbolicLink(root.Combine("var", "lib", "guest-agent"), target);
        // Beside the log the recorder appends to: both are the state directory's.
        File.WriteAllText(root.Path + target + "/fail-actions", "netplan\n");
        var system = AgentSystem.ForRoot(root.Path);

        var result = await system.Processes.RunAsync(new ProcessSpec("/usr/sbin/netplan", "apply"), TestContext.Current.CancellationToken);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("/usr/sbin/netplan apply\n", File.ReadAllText(root.Path + target + "/actions.log"));
    }
}
