using System.Globalization;
using System.Text.RegularExpressions;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Logging;
using GuestAgent.Daemon.Verbs;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Tests.Cli;

/// <summary>
/// What help says is what the code does: the defaults and bounds an option's explanation states are
/// the ones the parser and the server use, the log levels it lists are the ones the parser takes, a
/// verb's options are explained in the order its usage line names them, <c>call</c>'s help names
/// every kind of answer it exits 1 for, and <c>help</c> takes a verb's whole name only.
/// </summary>
public sealed class HelpContentTests
{
    public static TheoryData<string> Verbs => new(VerbCatalog.All.Select(verb => verb.Name));

    [Theory]
    [MemberData(nameof(Verbs))]
    public void A_verbs_options_are_explained_in_the_order_its_usage_line_names_them(string name)
    {
        var help = HelpText.For(VerbCatalog.Find(name)!);
        var usage = help[..help.IndexOf("\n\n", StringComparison.Ordinal)];
        var explained = help[(help.IndexOf("\nOptions:\n", StringComparison.Ordinal) + "\nOptions:\n".Length)..]
            .Split('\n')
            .TakeWhile(line => line.Length > 0)
            .Where(line => line.StartsWith("  --", StringComparison.Ordinal))
            .Select(line => line.TrimStart().Split(' ')[0])
            .ToList();

        var named = explained
            .Select(option => (Option: option, At: Regex.Match(usage, $@"(?<![\w-]){Regex.Escape(option)}(?![\w-])").Index))
            .ToList();
        Assert.Equal(OptionDescriptions.Each(VerbCatalog.Find(name)!.Options).Count(), explained.Count);
        Assert.Equal(named.OrderBy(pair => pair.At).Select(pair => pair.Option), explained);
    }

    [Fact]
    public void Call_and_set_password_state_the_timeout_the_parser_defaults_to()
    {
        var call = Assert.IsType<CallInvocation>(CommandLineParser.Parse(["call", "--domid", "5", "version"]));
        var seconds = call.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);

        Assert.Equal(CommandLineParser.DefaultCallTimeout, call.Timeout);
        Assert.EndsWith($"; default {seconds}", Explanation(VerbOption.Timeout), StringComparison.Ordinal);
        Assert.Contains($"; default {seconds}\n", HelpText.For(VerbCatalog.Call), StringComparison.Ordinal);
        Assert.Contains($"; default {seconds}\n", HelpText.For(VerbCatalog.SetPassword), StringComparison.Ordinal);
    }

    /// <summary>
    /// Each kind of answer <c>call</c> exits 1 for is one its help names: a script writer reads the
    /// help, not <see cref="CallVerb.Succeeded"/>, to know what a 0 means. The answer must fail
    /// there too, so the help's claim is the program's.
    /// </summary>
    [Theory]
    [InlineData("""{"returncode":"404","message":"No such agent command 'x'"}""", "returncode is not 0 (or keyinit's D0)")]
    [InlineData("""{"returncode":"0","message":null}""", "or its message is not a string")]
    [InlineData("""{"returncode":"0","message":"1.0",}""", "answer that is not valid JSON prints nothing on stdout and exits 1")]
    public void Call_names_each_kind_of_answer_it_exits_1_for(string answer, string named)
    {
        var help = string.Join(' ', HelpText.For(VerbCatalog.Call).Split('\n').Select(line => line.Trim()));

        Assert.False(CallVerb.Succeeded(answer), answer);
        Assert.Contains(named, help, StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>call</c>'s first XenStore operation is the read of the domain's <c>name</c> node (a missing
    /// domain is refused before anything is written), so the help and the manual page say the
    /// timeout covers that read, as docs/daemon.md does, not a "first write".
    /// </summary>
    [Fact]
    public void Call_says_its_timeout_covers_the_first_operation_the_read_of_the_domains_name()
    {
        const string Covered = "every XenStore operation, the first included (the read of the domain's name node)";
        var help = string.Join(' ', HelpText.For(VerbCatalog.Call).Split('\n').Select(line => line.Trim()));
        var manual = string.Join(' ', File.ReadAllText(Packaging.RepositoryFiles.Path("packaging", "man", "guest-agent.8")).Split('\n').Select(line => line.Trim()));

        Assert.Contains(Covered, help, StringComparison.Ordinal);
        Assert.Contains(Covered, manual, StringComparison.Ordinal);
        Assert.DoesNotContain("first write", help, StringComparison.Ordinal);
        Assert.DoesNotContain("first write", manual, StringComparison.Ordinal);
    }

    [Fact]
    public void Xenstored_states_the_quotas_the_server_defaults_to()
    {
        var defaults = new XenStoreServerOptions();

        Assert.EndsWith($"; default {defaults.MaxNodesPerDomain}", Explanation(VerbOption.GuestMaxNodes), StringComparison.Ordinal);
        Assert.EndsWith($"; default {defaults.MaxNodeSize}", Explanation(VerbOption.GuestMaxNodeSize), StringComparison.Ordinal);
        Assert.EndsWith($"; default {defaults.MaxWatchesPerDomain}", Explanation(VerbOption.GuestMaxWatches), StringComparison.Ordinal);
        Assert.EndsWith($"; default {defaults.MaxTransactionsPerConnection}", Explanation(VerbOption.GuestMaxTransactions), StringComparison.Ordinal);
        Assert.EndsWith($"; default {defaults.MaxPermissionsPerNode}", Explanation(VerbOption.GuestMaxPermissions), StringComparison.Ordinal);
        Assert.EndsWith($"; default {defaults.MaxNodesPerTransaction}", Explanation(VerbOption.GuestMaxTransactionNodes), StringComparison.Ordinal);
    }

    [Fact]
    public void Max_queued_bytes_states_the_default_and_the_least_value_the_parser_takes()
    {
        var stated = Regex.Match(Explanation(VerbOption.MaxQueuedBytes), "; default (?<default>[0-9]+[KMG]?), at least (?<least>[0-9]+)$");
        Assert.True(stated.Success, Explanation(VerbOption.MaxQueuedBytes));
        var least = stated.Groups["least"].Value;

        Assert.Equal(XenStoreServerOptions.DefaultMaxQueuedBytesPerConnection, QueueCap(stated.Groups["default"].Value));
        Assert.Equal(XenStoreServerOptions.MinQueuedBytesPerConnection, QueueCap(least));
        var below = (long.Parse(least, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture);
        Assert.Throws<UsageException>(() => QueueCap(below));
    }

    [Fact]
    public void Log_level_names_every_level_the_parser_takes_and_no_other()
    {
        var listed = Explanation(VerbOption.LogLevel).Replace(" or ", ", ", StringComparison.Ordinal).Split(", ");

        Assert.Equal(LogLevelNames.Accepted.Split(", "), listed);
        Assert.All(listed, name => Assert.True(LogLevelNames.TryParse(name, out _), name));
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("check")]
    [InlineData("set")]
    [InlineData("runs")]
    public void Help_takes_a_verbs_whole_name_only(string name)
    {
        Assert.Null(VerbCatalog.Find(name));
        var error = Assert.Throws<UsageException>(() => CommandLineParser.Parse(["help", name]));
        Assert.Equal($"help: unknown verb '{name}' (try 'guest-agent --help')", error.Message);
    }

    private static string Explanation(VerbOption option) => string.Join(" ", OptionDescriptions.Explanation(option));

    private static long QueueCap(string value) =>
        Assert.IsType<XenstoredInvocation>(CommandLineParser.Parse(["xenstored", "--socket", "/s", "--max-queued-bytes", value])).Limits.MaxQueuedBytes!.Value;
}
