using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ProgramLocatorTests
{
    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101;

    [Fact]
    public async Task A_program_in_the_current_directory_or_beside_the_binary_is_never_started_the_one_on_PATH_is()
    {
        using var directory = new TemporaryDirectory();
        var marker = directory.Combine("ran");
        var name = "ga-probe-" + Guid.NewGuid().ToString("N");
        var onPath = Script(directory.Combine("bin"), name, $"echo path >> '{marker}'");
        // .NET's own lookup tries these two before PATH: a fake in either would win without the locator.
        var planted = new[]
        {
            Script(Environment.CurrentDirectory, name, $"echo current-directory >> '{marker}'"),
            Script(AppContext.BaseDirectory, name, $"echo beside-binary >> '{marker}'"),
        };
        try
        {
            var runner = new ProcessRunner(TimeProvider.System, new ProgramLocator(Path.GetDirectoryName(onPath)));

            var result = await runner.RunAsync(new ProcessSpec(name), TestContext.Current.CancellationToken);

            Assert.True(result.Succeeded, result.StandardError);
            Assert.Equal("path\n", File.ReadAllText(marker));
        }
        finally
        {
            foreach (var fake in planted)
            {
                File.Delete(fake);
            }
        }
    }

    [Fact]
    public void A_relative_or_empty_PATH_entry_is_ignored()
    {
        using var directory = new TemporaryDirectory();
        var fake = Script(directory.Combine("relative"), "tool", "exit 0");
        var real = Script(directory.Combine("absolute"), "tool", "exit 0");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.GetDirectoryName(fake)!);
        Assert.False(Path.IsPathRooted(relative));

        var locator = new ProgramLocator($"{relative}::.:{Path.GetDirectoryName(real)}");

        Assert.Equal(real, locator.Resolve("tool"));
        var alone = Assert.Throws<IOException>(() => new ProgramLocator(relative).Resolve("tool"));
        Assert.Contains("'tool' was not found", alone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_regular_executable_file_matches_and_the_first_directory_wins()
    {
        using var directory = new TemporaryDirectory();
        var notExecutable = Script(directory.Combine("a"), "tool", "exit 0");
        File.SetUnixFileMode(notExecutable, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        FixtureDirectories.Create(directory.Combine("b", "tool"));
        var first = Script(directory.Combine("c"), "tool", "exit 0");
        Script(directory.Combine("d"), "tool", "exit 0");
        var linked = directory.Combine("e", "tool");
        FixtureDirectories.Create(directory.Combine("e"));
        File.CreateSymbolicLink(linked, first);

        var searchPath = string.Join(':', new[] { "a", "b", "c", "d" }.Select(part => directory.Combine(part)));

        Assert.Equal(first, new ProgramLocator(searchPath).Resolve("tool"));
        // A link to an executable (merged /usr: /sbin/ip -> /usr/sbin/ip) is started by the link's name.
        Assert.Equal(linked, new ProgramLocator(directory.Combine("e")).Resolve("tool"));
        Assert.Throws<IOException>(() => new ProgramLocator(directory.Combine("a") + ":" + directory.Combine("b")).Resolve("tool"));
    }

    [Fact]
    public void For_root_a_file_any_execute_bit_lets_run_is_found_as_execve_would_run_it()
    {
        // The check is the kernel's (faccessat X_OK with the effective ids): root may run a file only
        // others may, and a non-root host passes over a file it may not run, as execvp goes on searching.
        Assert.SkipUnless(Environment.UserName == "root", "needs root: the kernel's rule for other users differs");
        using var directory = new TemporaryDirectory();
        var othersOnly = Script(directory.Combine("a"), "tool", "exit 0");
        File.SetUnixFileMode(othersOnly, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherExecute);
        var noBit = Script(directory.Combine("b"), "tool", "exit 0");
        File.SetUnixFileMode(noBit, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Assert.Equal(othersOnly, new ProgramLocator(directory.Combine("a")).Resolve("tool"));
        Assert.Throws<IOException>(() => new ProgramLocator(directory.Combine("b")).Resolve("tool"));
        Assert.Throws<IOException>(() => new ProgramLocator(directory.Combine("a")).Resolve(directory.Combine("b", "tool")));
    }

    [Fact]
    public void An_unset_or_empty_PATH_searches_the_system_directories()
    {
        Assert.Equal(ProgramLocator.DefaultSearchPath, new ProgramLocator(null).SearchPath);
        Assert.Equal(ProgramLocator.DefaultSearchPath, new ProgramLocator("").SearchPath);
        var shell = new ProgramLocator("").Resolve("sh");
        Assert.Contains(Path.GetDirectoryName(shell), ProgramLocator.DefaultSearchPath.Split(':'));
    }

    [Fact]
    public void An_absolute_path_is_kept_and_a_relative_path_with_a_directory_is_refused()
    {
        using var directory = new TemporaryDirectory();
        var script = Script(directory.Combine("bin"), "tool", "exit 0");
        var locator = new ProgramLocator(directory.Combine("bin"));

        Assert.Equal(script, locator.Resolve(script));
        Assert.Throws<IOException>(() => locator.Resolve(directory.Combine("bin", "missing")));
        var relative = Assert.Throws<IOException>(() => locator.Resolve("./tool"));
        Assert.Contains("relative path", relative.Message, StringComparison.Ordinal);
        Assert.Throws<IOException>(() => locator.Resolve("bin/tool"));
    }

    [Fact]
    public async Task A_name_found_nowhere_is_an_IOException_that_says_where_it_was_looked_for()
    {
        using var directory = new TemporaryDirectory();
        var runner = new ProcessRunner(TimeProvider.System, new ProgramLocator(directory.Path));

        var missing = await Assert.ThrowsAsync<IOException>(() => runner.RunAsync(new ProcessSpec("netplan", "apply"), TestContext.Current.CancellationToken));

        Assert.Equal($"'netplan' was not found in {directory.Path} (only its absolute directories are searched)", missing.Message);
    }

    private static string Script(string directory, string name, string body)
    {
        FixtureDirectories.Create(directory);
        var path = Path.Join(directory, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, Executable);
        return path;
    }
}
