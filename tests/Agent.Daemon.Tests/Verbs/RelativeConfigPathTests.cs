using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Verbs;

/// <summary>
/// A relative <c>--config</c>: it names a file in the directory the verb was started in, and every
/// message names that file by its absolute path (docs/daemon.md: "the file's full path"). Before,
/// <c>check-config</c> and <c>run</c>'s start-up errors said <c>bad.json</c> while <c>run</c>'s later
/// log lines said <c>/home/…/bad.json</c>. The tests run in-process, so the path is made relative to
/// the test process's working directory, which none of them changes.
/// </summary>
public sealed class RelativeConfigPathTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("guest-agent-relconf-");

    private string Absolute => _directory.Combine("agent.json");

    private string Relative => Path.GetRelativePath(Environment.CurrentDirectory, Absolute);

    private void WriteConfig(string json, string mode = "0644")
    {
        File.WriteAllText(Absolute, json);
        File.SetUnixFileMode(Absolute, (UnixFileMode)Convert.ToInt32(mode, 8));
    }

    [Fact]
    public void The_parser_makes_a_relative_config_absolute_against_the_working_directory()
    {
        Assert.Equal(
            new RunInvocation(Path.Join(Environment.CurrentDirectory, "agent.json"), null, null, null, null),
            CommandLineParser.Parse(["run", "--config", "agent.json"]));
        Assert.Equal(
            new CheckConfigInvocation(new RunInvocation(Path.Join(Environment.CurrentDirectory, "agent.json"), null, null, null, null)),
            CommandLineParser.Parse(["check-config", "--config=./link/../agent.json"]));
        Assert.Equal(new RunInvocation("/dev/null", null, null, null, null), CommandLineParser.Parse(["run", "--config", "/dev/null"]));
    }

    [Fact]
    public async Task An_invalid_file_is_named_by_its_absolute_path_by_check_config_and_run()
    {
        WriteConfig("""{ "loglevel": "debug" }""");
        var expected = $"guest-agent: {Absolute}: unknown key 'loglevel' (known keys: logLevel, root, stateDirectory, shutdownTimeoutSeconds, xenstore, commands, injectFile, agentUpdate, network)\n";

        var check = await RunAsync("check-config", "--config", Relative);
        var run = await RunAsync("run", "--config", Relative, "--xenstore", _directory.Combine("no-xenstore.sock"));

        Assert.Equal((ExitCodes.Usage, "", expected), check);
        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.EndsWith(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_named_by_its_absolute_path()
    {
        var (code, _, error) = await RunAsync("check-config", "--config", Relative);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal($"guest-agent: configuration file '{Absolute}' does not exist\n", error);
    }

    [Fact]
    public async Task Check_configs_output_and_warnings_name_the_file_by_its_absolute_path()
    {
        WriteConfig("""{ "commands": { "enabled": [] } }""", mode: "0666");

        var (code, output, error) = await RunAsync("check-config", "--config", Relative);

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith($"Configuration file: {Absolute}\n", output, StringComparison.Ordinal);
        var warnings = error.TrimEnd('\n').Split('\n');
        Assert.Equal(2, warnings.Length);
        Assert.StartsWith($"warning: guest-agent: {Absolute} can be changed by users other than root (mode 0666", warnings[0], StringComparison.Ordinal);
        Assert.Contains($"chmod 0644 {PathAccess.ShellWord(Absolute)}", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith($"warning: AgentComposition: No command is enabled ('commands.enabled' in {Absolute} is empty)", warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_file_named_is_the_file_read_even_past_a_link_and_dot_dot()
    {
        // .NET's file APIs fold "link/.." before the kernel sees it (File.ReadAllBytes opened the
        // agent.json beside the link, not the one in real/, before this change too): the name folds
        // it the same way, so it names the file read, and the file's checks look at that file.
        var real = Directory.CreateDirectory(_directory.Combine("real"), (UnixFileMode)Convert.ToInt32("0755", 8)).FullName;
        Directory.CreateDirectory(Path.Combine(real, "sub"), (UnixFileMode)Convert.ToInt32("0755", 8));
        Directory.CreateSymbolicLink(_directory.Combine("link"), Path.Combine(real, "sub"));
        File.WriteAllText(Path.Combine(real, "agent.json"), """{ "logLevel": "debug" }""");
        WriteConfig("""{ "logLevel": "error" }""");
        var relative = Path.Join(Path.GetRelativePath(Environment.CurrentDirectory, _directory.Path), "link/../agent.json");

        var (code, output, error) = await RunAsync("check-config", "--config", relative, "--xenstore", "/dev/null");

        Assert.Equal((ExitCodes.Success, ""), (code, error));
        Assert.StartsWith($"Configuration file: {Absolute}\n", output, StringComparison.Ordinal);
        Assert.Contains("\n  logLevel                              error\n", output, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(arguments, new StandardStreams(TextReader.Null, output, error), TestContext.Current.CancellationToken);
        return (code, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }
}
