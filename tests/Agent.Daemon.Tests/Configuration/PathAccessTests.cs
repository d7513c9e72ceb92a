using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Configuration;

/// <summary>
/// The owner and mode of the configuration file read, and of the directory that holds it, are kept
/// for the warning about a file users other than root can change (SettingsWarningsTests).
/// </summary>
public sealed class PathAccessTests
{
    [Fact]
    public void The_owner_and_mode_of_the_file_read_are_kept_for_the_warning_about_who_can_change_it()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("agent.json");
        File.WriteAllText(path, "{}");
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("666", 8));

        var settings = SettingsResolver.Resolve(new RunInvocation(path, null, null, null, null));

        Assert.Equal((UnixFileMode)Convert.ToInt32("666", 8), settings.ConfigurationFileAccess?.Mode);
        Assert.Null(SettingsResolver.Resolve(new RunInvocation("/dev/null", null, null, null, null)).ConfigurationFileAccess);
    }

    [Fact]
    public void Through_a_link_the_access_kept_is_the_target_file_and_the_directory_that_holds_it()
    {
        // The link's own mode (0777) says nothing; the target, and who may replace it in its directory, do.
        using var directory = new TemporaryDirectory();
        var targets = Directory.CreateDirectory(directory.Combine("shared")).FullName;
        File.SetUnixFileMode(targets, (UnixFileMode)Convert.ToInt32("777", 8));
        var target = Path.Combine(targets, "agent.json");
        File.WriteAllText(target, "{}");
        File.SetUnixFileMode(target, (UnixFileMode)Convert.ToInt32("640", 8));
        var link = directory.Combine("agent.json");
        File.CreateSymbolicLink(link, "shared/agent.json");

        var access = SettingsResolver.Resolve(new RunInvocation(link, null, null, null, null)).ConfigurationFileAccess;

        Assert.Equal((UnixFileMode)Convert.ToInt32("640", 8), access?.Mode);
        Assert.Equal(targets, access?.Directories[0].Path);
        Assert.Equal((UnixFileMode)Convert.ToInt32("777", 8), access?.Directories[0].Access.Mode);
    }

    [Fact]
    public void Every_directory_from_the_holder_up_to_the_root_is_kept_with_links_on_the_way_resolved()
    {
        // Reached through a linked directory, the directories judged are the real ones: a link's own
        // mode says nothing, and what the walk passes through is the target's path.
        using var directory = new TemporaryDirectory();
        var real = FixtureDirectories.Create(directory.Combine("real", "conf"));
        File.WriteAllText(Path.Combine(real, "agent.json"), "{}");
        Directory.CreateSymbolicLink(directory.Combine("via"), "real");

        var access = PathAccess.Read(directory.Combine("via", "conf", "agent.json"));

        var expected = new List<string>();
        for (var path = real; path is not null; path = Path.GetDirectoryName(path))
        {
            expected.Add(path);
        }

        Assert.Equal(expected, access?.Directories.Select(d => d.Path));
        Assert.Equal("/", access?.Directories[^1].Path);
    }

    [Fact]
    public void A_dot_dot_after_a_linked_directory_leaves_the_links_target_as_the_kernel_does_not_the_text()
    {
        // via -> real/conf, so via/../shared is real/shared (what open(2) reads), not the shared
        // beside via that folding the text gives: that one does not even exist, and reading it cost
        // every directory's warning.
        using var directory = new TemporaryDirectory();
        FixtureDirectories.Create(directory.Combine("real", "conf"));
        var shared = FixtureDirectories.Create(directory.Combine("real", "shared"));
        File.WriteAllText(Path.Combine(shared, "agent.json"), "{}");
        Directory.CreateSymbolicLink(directory.Combine("via"), "real/conf");

        var access = PathAccess.Read(directory.Combine("via", "..", "shared", "agent.json"));

        Assert.Equal(new[] { shared, directory.Combine("real"), directory.Path }, access?.Directories.Take(3).Select(d => d.Path));
    }

    [Fact]
    public void A_directory_holding_a_link_the_walk_follows_is_judged_too_since_whoever_writes_it_repoints_the_link()
    {
        // links/agent.json -> etc/agent.json: the file and every directory above it are safe, but
        // every user may replace the link in links (0777), so the agent would read their file.
        using var directory = new TemporaryDirectory();
        var etc = Directory.CreateDirectory(directory.Combine("etc")).FullName;
        File.SetUnixFileMode(etc, (UnixFileMode)Convert.ToInt32("755", 8));
        File.WriteAllText(Path.Combine(etc, "agent.json"), "{}");
        File.SetUnixFileMode(Path.Combine(etc, "agent.json"), (UnixFileMode)Convert.ToInt32("644", 8));
        var links = Directory.CreateDirectory(directory.Combine("links")).FullName;
        File.SetUnixFileMode(links, (UnixFileMode)Convert.ToInt32("777", 8));
        var link = Path.Combine(links, "agent.json");
        File.CreateSymbolicLink(link, "../etc/agent.json");
        // The test's own user, who made all this, stands for the agent's.
        var agentUserId = PathAccess.Read(etc)!.OwnerId;

        var open = PathAccess.Read(link)?.OpenToOthers(link, agentUserId);

        Assert.Equal(
            ($"the directory {links}, which holds a link on its path, is mode 0777: every user may replace that link", $"chown root:root {PathAccess.ShellWord(links)} && chmod 0755 {PathAccess.ShellWord(links)}"),
            open);
    }
}
