using GuestAgent.Daemon.Cli;

namespace GuestAgent.Daemon.Tests.Cli;

public sealed class ProgramTests
{
    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Program.RunAsync(arguments, new StandardStreams(TextReader.Null, output, error), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Version_prints_the_informational_version_and_exits_0()
    {
        var (code, output, error) = await RunAsync("--version");

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith($"guest-agent {VersionPrefix()}", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    /// <summary>The version the build stamps, read from the repository's Directory.Build.props (the one place it is set).</summary>
    private static string VersionPrefix()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var props = Path.Combine(directory.FullName, "Directory.Build.props");
            if (File.Exists(props) && System.Xml.Linq.XDocument.Load(props).Descendants("VersionPrefix").SingleOrDefault() is { } prefix)
            {
                return prefix.Value;
            }
        }

        throw new FileNotFoundException("No Directory.Build.props with a VersionPrefix above the test directory");
    }

    [Fact]
    public async Task Help_lists_every_verb_of_the_contract()
    {
        var (code, output, _) = await RunAsync("--help");

        Assert.Equal(ExitCodes.Success, code);
        foreach (var verb in new[] { "run ", "xenstored ", "call ", "set-password ", "schema", "demo", "--version" })
        {
            Assert.Contains("guest-agent " + verb, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--config FILE")]
    [InlineData("--xenstore PATH")]
    [InlineData("--domain-path PATH")]
    [InlineData("--root DIR")]
    [InlineData("--log-level LEVEL")]
    [InlineData("--socket PATH")]
    [InlineData("--guest-domid N")]
    [InlineData("--domid N")]
    [InlineData("--timeout SECONDS")]
    public async Task Help_explains_every_option(string option)
    {
        var (_, output, _) = await RunAsync("--help");

        // An explanation line: the option, then at least two spaces and its description.
        Assert.Matches($@"(?m)^\s+{System.Text.RegularExpressions.Regex.Escape(option)}\s{{2,}}\S", output);
    }

    [Fact]
    public async Task A_usage_error_is_one_line_on_stderr_and_exit_code_2()
    {
        var (code, output, error) = await RunAsync("run", "--bogus");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Equal("guest-agent: run: unknown option '--bogus'" + Environment.NewLine, error);
    }

    [Fact]
    public async Task A_missing_explicit_configuration_file_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("run", "--config", "/nonexistent/agent.json");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("guest-agent: configuration file '/nonexistent/agent.json' does not exist" + Environment.NewLine, error);
    }
}
