using System.Text.RegularExpressions;
using GuestAgent.Daemon.Cli;
using GuestAgent.Testing;
using GuestAgent.XenStore.Server;

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
    public async Task A_repeated_option_exits_2_with_one_line()
    {
        var (code, output, error) = await RunAsync("run", "--root", "/a", "--root", "/b");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Equal("guest-agent: run: option '--root' is given twice; it takes one value" + Environment.NewLine, error);
    }

    [Fact]
    public async Task Help_lists_every_verb_of_the_contract()
    {
        var (code, output, _) = await RunAsync("--help");

        Assert.Equal(ExitCodes.Success, code);
        foreach (var verb in new[] { "run ", "check-config ", "xenstored ", "call ", "set-password ", "schema", "demo", "--version" })
        {
            Assert.Contains("guest-agent " + verb, output, StringComparison.Ordinal);
        }
    }

    /// <summary>Every option of the command line, as help spells it: the test's own list, so help is checked against what the parser does.</summary>
    private static readonly string[] AllOptions =
    [
        "--config FILE", "--xenstore PATH", "--domain-path PATH", "--root DIR", "--log-level LEVEL",
        "--socket PATH", "--guest-domid N", "--domid N", "--timeout SECONDS",
    ];

    private static readonly string[] VerbNames = ["run", "check-config", "xenstored", "call", "set-password", "schema", "demo"];

    public static TheoryData<string> Verbs => new(VerbNames);

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task A_verb_help_is_that_verb_own_help(string verb)
    {
        foreach (var ask in new[] { "--help", "-h" })
        {
            var (code, output, error) = await RunAsync(verb, ask);

            Assert.Equal(ExitCodes.Success, code);
            Assert.Empty(error);
            Assert.StartsWith($"Usage: guest-agent {verb}", output, StringComparison.Ordinal);
            Assert.DoesNotContain("the cloud guest agent", output, StringComparison.Ordinal);
            foreach (var other in VerbNames.Where(other => other != verb))
            {
                Assert.DoesNotMatch($@"guest-agent {Regex.Escape(other)}\b", output);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task A_verb_help_explains_every_option_the_verb_accepts_and_no_other(string verb)
    {
        var (_, help, _) = await RunAsync(verb, "--help");
        var usage = help[..help.IndexOf("\n\n", StringComparison.Ordinal)];

        foreach (var option in AllOptions)
        {
            var name = option[..option.IndexOf(' ', StringComparison.Ordinal)];
            var explained = $@"(?m)^\s+{Regex.Escape(option)}\s{{2,}}\S";
            // The whole option, not part of another ("--domid" is inside "--guest-domid").
            var named = $@"(?<![\w-]){Regex.Escape(name)}(?![\w-])";
            // What the parser does decides whether the verb takes the option, not the help text.
            if (Accepts(verb, name))
            {
                Assert.Matches(explained, help);
                Assert.Matches(named, usage);
            }
            else
            {
                Assert.DoesNotMatch(named, help);
            }
        }

        Assert.Matches(@"(?m)^\s+-h, --help\s{2,}\S", help);
    }

    [Fact]
    public async Task Every_help_text_fits_in_100_columns()
    {
        foreach (var arguments in VerbNames.Select(verb => new[] { verb, "--help" }).Prepend(["--help"]))
        {
            var (_, output, _) = await RunAsync(arguments);

            Assert.All(output.Split('\n'), line => Assert.True(line.Length <= 100, $"{string.Join(' ', arguments)}: {line.Length} columns: {line}"));
        }
    }

    [Fact]
    public async Task No_arguments_is_a_usage_error_with_the_overview_on_stderr()
    {
        var (code, output, error) = await RunAsync();

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Equal((await RunAsync("--help")).Out, error);
        Assert.Contains("\nUsage:\n  guest-agent run ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_verb_names_a_verb_or_prints_the_overview()
    {
        var (_, overview, _) = await RunAsync("--help");
        Assert.Equal(overview, (await RunAsync("help")).Out);
        Assert.Equal((await RunAsync("call", "--help")).Out, (await RunAsync("help", "call")).Out);

        // version is a form the overview offers (--version, -V, version): never an "unknown verb".
        foreach (var version in new[] { "version", "--version", "-V" })
        {
            var (versionCode, versionHelp, versionError) = await RunAsync("help", version);
            Assert.Equal((ExitCodes.Success, overview, ""), (versionCode, versionHelp, versionError));
        }

        var (code, _, error) = await RunAsync("help", "start");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("guest-agent: help: unknown verb 'start' (try 'guest-agent --help')" + Environment.NewLine, error);
    }

    private static bool Accepts(string verb, string option)
    {
        try
        {
            CommandLineParser.Parse([verb, option, "1"]);
            return true;
        }
        catch (UsageException exception)
        {
            return exception.Message != $"{verb}: unknown option '{option}'";
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
        Assert.Matches($@"(?m)^\s+{Regex.Escape(option)}\s{{2,}}\S", output);
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
    public async Task Under_journald_the_one_error_line_has_the_error_priority()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var streams = new StandardStreams(TextReader.Null, output, error) { ErrorIsJournal = true };

        var code = await Program.RunAsync(["run", "--bogus"], streams, CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("<3>guest-agent: run: unknown option '--bogus'" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public async Task A_run_time_failure_exits_1_naming_the_exception_type()
    {
        // A guest's connection may not read another domain's nodes: the SDK's error reaches the top
        // level as it is, and its type says where it came from.
        using var directory = new TemporaryDirectory();
        await using var server = new XenStoreServer();
        var socket = directory.Combine("guest.sock");
        server.Listen(socket, XenStoreIdentity.Guest(7));
        server.CreateGuestDomain(5);

        var (code, output, error) = await RunAsync("call", "--xenstore", socket, "--domid", "5", "version");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Empty(output);
        Assert.Equal("guest-agent: XenStore Read '/local/domain/5/name' failed: EACCES (XenStoreErrorException)" + Environment.NewLine, error);
    }

    [Theory]
    [InlineData(ExitCodes.Usage, "run", "--bogus")]
    [InlineData(ExitCodes.Usage, "run", "--config", "/nonexistent/agent.json")]
    [InlineData(ExitCodes.Usage)]
    [InlineData(ExitCodes.Failure, "call", "--xenstore", "/nonexistent/xs.sock", "--domid", "5", "version")]
    [InlineData(ExitCodes.Failure, "--help")]
    [InlineData(ExitCodes.Failure, "version")]
    public async Task With_stdout_and_stderr_on_a_full_device_the_exit_code_still_says_what_happened(int expected, params string[] arguments)
    {
        // A log redirected to a full disk: /dev/full refuses every write with ENOSPC, as the console
        // stream then does. The lines are lost, but an exception escaping Main would end the process
        // with SIGABRT (134), which is neither "usage" (the unit's RestartPreventExitStatus=2) nor "failure".
        await using var output = FullDevice();
        await using var error = FullDevice();

        var code = await Program.RunAsync(arguments, new StandardStreams(TextReader.Null, output, error), CancellationToken.None);

        Assert.Equal(expected, code);
    }

    /// <summary>A writer on <c>/dev/full</c>, unbuffered, so that each line reaches the device (and fails) when written.</summary>
    private static StreamWriter FullDevice() =>
        new(new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0)) { AutoFlush = true };

    [Fact]
    public async Task A_missing_explicit_configuration_file_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("run", "--config", "/nonexistent/agent.json");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("guest-agent: configuration file '/nonexistent/agent.json' does not exist" + Environment.NewLine, error);
    }
}
