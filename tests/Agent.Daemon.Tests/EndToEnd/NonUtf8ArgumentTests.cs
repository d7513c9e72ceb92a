using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// An argument that is not valid UTF-8 (a Latin-1 file name, <c>$'\xff'</c>): .NET reads the command
/// line as UTF-8 and turns each such byte into U+FFFD, so the path it would open is another one
/// (<c>\xef\xbf\xbd</c>). The published binary refuses the argument instead (exit 2), naming its bytes.
/// </summary>
public sealed class NonUtf8ArgumentTests
{
    [Fact]
    public async Task A_configuration_path_that_is_not_utf8_is_refused_rather_than_another_file_read()
    {
        using var directory = new TemporaryDirectory();
        // The file named: one byte 0xFF. The file .NET's decoding would read instead: U+FFFD in UTF-8.
        await File.WriteAllTextAsync(directory.Combine("\uFFFD.json"), """{"logLevel":"debug"}""", TestContext.Current.CancellationToken);

        var result = await ExternalTool.RunAsync(
            "bash",
            ["-c", "printf '{\"logLevel\":\"error\"}' > \"$1/$(printf '\\377').json\" && exec \"$0\" check-config --config \"$1/$(printf '\\377').json\"", DaemonBinary.Require(), directory.Path],
            environment: new Dictionary<string, string> { ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Equal(
            $"guest-agent: check-config: argument 3 is not valid UTF-8 ('{directory.Path}/%FF.json'): it would be read as another name; give paths and values in UTF-8\n",
            result.StandardError);
    }

    [Fact]
    public async Task A_socket_path_that_is_not_utf8_is_refused_rather_than_another_socket_made()
    {
        using var directory = new TemporaryDirectory();

        var result = await ExternalTool.RunAsync(
            "bash",
            ["-c", "exec \"$0\" xenstored --socket \"$1/$(printf 'a\\351').sock\"", DaemonBinary.Require(), directory.Path],
            environment: new Dictionary<string, string> { ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"guest-agent: xenstored: argument 3 is not valid UTF-8 ('{directory.Path}/a%E9.sock'): it would be read as another name; give paths and values in UTF-8\n",
            result.StandardError);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
    }

    [Fact]
    public async Task Two_paths_that_differ_are_named_differently_on_stderr()
    {
        using var directory = new TemporaryDirectory();

        // ESC, then a backslash typed before x1B, then 0xFF; and a backslash typed twice. Both once read
        // '…/\x1B\x1B\xFF.sock' on stderr: the line's own escape of ESC and the typed text looked alike.
        async Task<string> RefusalOf(string bashWord) => (await ExternalTool.RunAsync(
            "bash",
            ["-c", $"exec \"$0\" xenstored --socket \"$1\"/{bashWord}", DaemonBinary.Require(), directory.Path],
            environment: new Dictionary<string, string> { ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "" })).StandardError;

        var escapeFirst = await RefusalOf("""$'\e\\x1B\xff.sock'""");
        var typedTwice = await RefusalOf("""$'\\x1B\\x1B\xff.sock'""");

        Assert.Equal(
            $"guest-agent: xenstored: argument 3 is not valid UTF-8 ('{directory.Path}/%1B%5Cx1B%FF.sock'): it would be read as another name; give paths and values in UTF-8\n",
            escapeFirst);
        Assert.Equal(
            $"guest-agent: xenstored: argument 3 is not valid UTF-8 ('{directory.Path}/%5Cx1B%5Cx1B%FF.sock'): it would be read as another name; give paths and values in UTF-8\n",
            typedTwice);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
    }

    [Theory]
    [InlineData("call --domid 5 --timeout 5 version")]
    [InlineData("check-config --config /dev/null")]
    public async Task A_xenstored_path_variable_that_is_not_utf8_is_refused_rather_than_another_endpoint_opened(string verb)
    {
        // What libxenstore's tools reach with the same variable, which .NET would read as another path.
        using var directory = new TemporaryDirectory();

        var result = await ExternalTool.RunAsync(
            "bash",
            ["-c", $"XENSTORED_PATH=\"$1/$(printf '\\377').sock\" exec \"$0\" {verb}", DaemonBinary.Require(), directory.Path],
            environment: new Dictionary<string, string> { ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"guest-agent: {verb.Split(' ')[0]}: environment variable XENSTORED_PATH is not valid UTF-8 ('{directory.Path}/%FF.sock'): it would be read as another path; give it in UTF-8\n",
            result.StandardError);
    }

    [Theory]
    [InlineData("call --domid 5 --timeout 5 version")]
    [InlineData("check-config --config /dev/null")]
    [InlineData("run --config /dev/null")]
    public async Task A_xenstored_run_directory_variable_that_is_not_utf8_is_refused_when_it_names_the_endpoint(string verb)
    {
        // Without XENSTORED_PATH libxenstore's tools open $XENSTORED_RUNDIR/socket with these bytes; read as
        // UTF-8 the agent looked in another directory, then at the xenbus device ("unreachable", exit 1).
        using var directory = new TemporaryDirectory();

        var result = await ExternalTool.RunAsync(
            "bash",
            ["-c", $"XENSTORED_RUNDIR=\"$1/$(printf 'r\\377')\" exec \"$0\" {verb}", DaemonBinary.Require(), directory.Path],
            environment: new Dictionary<string, string> { ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"guest-agent: {verb.Split(' ')[0]}: environment variable XENSTORED_RUNDIR is not valid UTF-8 ('{directory.Path}/r%FF'): it would be read as another path; give it in UTF-8\n",
            result.StandardError);
    }

    [Theory]
    [InlineData("check-config --config agent.json", "check-config: option '--config' names agent.json")]
    [InlineData("call --domid 5 --xenstore xs.sock version", "call: option '--xenstore' names xs.sock")]
    public async Task A_relative_path_under_a_working_directory_whose_name_is_not_utf8_is_refused(string verb, string what)
    {
        // Made absolute against the working directory as .NET names it, the path would be under another
        // directory (U+FFFD for each byte): "configuration file '…/d\uFFFD/agent.json' does not exist".
        using var directory = new TemporaryDirectory();

        var result = await ExternalTool.RunAsync(
            "bash",
            ["-c", $"cd \"$1\" && mkdir \"$(printf 'd\\377')\" && cd \"$(printf 'd\\377')\" && echo '{{}}' > agent.json && exec \"$0\" {verb}", DaemonBinary.Require(), directory.Path],
            environment: new Dictionary<string, string> { ["NOTIFY_SOCKET"] = "", ["JOURNAL_STREAM"] = "" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"guest-agent: {what}, a relative path, and the working directory's name is not valid UTF-8 ('{directory.Path}/d%FF'): read as UTF-8 it names another directory; give an absolute path\n",
            result.StandardError);
    }

    [Fact]
    public async Task An_argument_holding_a_real_replacement_character_is_taken_as_it_is()
    {
        using var directory = new TemporaryDirectory();
        var config = directory.Combine("\uFFFD.json");
        await File.WriteAllTextAsync(config, """{"logLevel":"debug"}""", TestContext.Current.CancellationToken);

        var result = await AgentUnderTest.RunBinaryAsync(["check-config", "--config", config]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("logLevel                              debug\n", result.StandardOutput, StringComparison.Ordinal);
    }
}
