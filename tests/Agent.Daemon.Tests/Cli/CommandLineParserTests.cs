using System.Text;
using GuestAgent.Daemon.Cli;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Tests.Cli;

public sealed class CommandLineParserTests
{
    [Fact]
    public void Run_reads_every_option_in_both_spellings()
    {
        var invocation = CommandLineParser.Parse(["run", "--config", "/etc/a.json", "--xenstore=/run/xs", "--domain-path", "/local/domain/7/", "--root", "/tmp/r", "--log-level", "Debug"]);

        Assert.Equal(new RunInvocation("/etc/a.json", "/run/xs", "/local/domain/7", "/tmp/r", LogLevel.Debug), invocation);
    }

    [Fact]
    public void Run_without_options_leaves_everything_to_the_configuration()
    {
        Assert.Equal(new RunInvocation(null, null, null, null, null), CommandLineParser.Parse(["run"]));
    }

    [Fact]
    public void Xenstored_needs_a_socket_and_takes_a_guest_domain()
    {
        Assert.Equal(new XenstoredInvocation("/tmp/xs.sock", 5), CommandLineParser.Parse(["xenstored", "--socket", "/tmp/xs.sock", "--guest-domid", "5"]));
        Assert.Equal(new XenstoredInvocation("/tmp/xs.sock", null), CommandLineParser.Parse(["xenstored", "--socket=/tmp/xs.sock"]));
        AssertUsage("xenstored: option '--socket PATH' is required", "xenstored");
        Assert.Equal(new XenstoredInvocation("/tmp/xs.sock", 5, "/tmp/guest.sock"), CommandLineParser.Parse(["xenstored", "--socket", "/tmp/xs.sock", "--guest-socket", "/tmp/guest.sock", "--guest-domid", "5"]));
        AssertUsage("xenstored: option '--guest-socket PATH' needs '--guest-domid N' (the guest its connections act as)", "xenstored", "--socket", "/tmp/xs.sock", "--guest-socket", "/tmp/guest.sock");
    }

    [Fact]
    public void Xenstored_takes_domain_0_for_its_home_but_no_guest_socket_acting_as_it()
    {
        // dom0's home with data/host, for an agent serving it over --socket (the live systemd tests).
        Assert.Equal(new XenstoredInvocation("/tmp/xs.sock", 0), CommandLineParser.Parse(["xenstored", "--socket", "/tmp/xs.sock", "--guest-domid", "0"]));
        // A guest socket acting as domain 0 would be privileged: none of the checks or quotas its help promises.
        AssertUsage(
            "xenstored: option '--guest-socket PATH' needs a guest's domain id, not '--guest-domid 0': its connections would act as dom0, privileged (no permission checks, no quotas), as those on --socket do",
            "xenstored", "--socket", "/tmp/xs.sock", "--guest-domid", "0", "--guest-socket", "/tmp/guest.sock");
    }

    [Fact]
    public void Xenstored_takes_the_queue_cap_and_the_guest_quotas()
    {
        var invocation = CommandLineParser.Parse([
            "xenstored", "--socket", "/s", "--guest-domid", "5", "--guest-socket", "/g", "--max-queued-bytes", "64K",
            "--guest-max-nodes", "20", "--guest-max-node-size=1k", "--guest-max-watches", "0", "--guest-max-transactions", "3",
            "--guest-max-permissions", "2", "--guest-max-transaction-nodes", "50"]);

        var expected = new XenstoredLimits(64 * 1024, 20, 1024, 0, 3, 2, 50);
        Assert.Equal(new XenstoredInvocation("/s", 5, "/g", expected), invocation);
        var options = expected.ToServerOptions();
        Assert.Equal(
            (64L * 1024, 20, 1024, 0, 3, 2, 50),
            (options.MaxQueuedBytesPerConnection, options.MaxNodesPerDomain, options.MaxNodeSize, options.MaxWatchesPerDomain, options.MaxTransactionsPerConnection, options.MaxPermissionsPerNode, options.MaxNodesPerTransaction));
    }

    [Fact]
    public void Xenstored_without_limits_keeps_the_servers_defaults()
    {
        var options = Assert.IsType<XenstoredInvocation>(CommandLineParser.Parse(["xenstored", "--socket", "/s"])).Limits.ToServerOptions();
        var defaults = new GuestAgent.XenStore.Server.XenStoreServerOptions();

        Assert.Equal(
            (defaults.MaxQueuedBytesPerConnection, defaults.MaxNodesPerDomain, defaults.MaxNodeSize, defaults.MaxWatchesPerDomain, defaults.MaxTransactionsPerConnection, defaults.MaxPermissionsPerNode, defaults.MaxNodesPerTransaction),
            (options.MaxQueuedBytesPerConnection, options.MaxNodesPerDomain, options.MaxNodeSize, options.MaxWatchesPerDomain, options.MaxTransactionsPerConnection, options.MaxPermissionsPerNode, options.MaxNodesPerTransaction));
        Assert.Equal(16L * 1024 * 1024, Assert.IsType<XenstoredInvocation>(CommandLineParser.Parse(["xenstored", "--socket", "/s", "--max-queued-bytes", "16M"])).Limits.MaxQueuedBytes);
        Assert.Equal(2L * 1024 * 1024 * 1024, Assert.IsType<XenstoredInvocation>(CommandLineParser.Parse(["xenstored", "--socket", "/s", "--max-queued-bytes", "2G"])).Limits.MaxQueuedBytes);
        Assert.Equal(4112L, Assert.IsType<XenstoredInvocation>(CommandLineParser.Parse(["xenstored", "--socket", "/s", "--max-queued-bytes", "4112"])).Limits.MaxQueuedBytes);
    }

    [Theory]
    [InlineData("4111")]
    [InlineData("-1")]
    [InlineData("16MB")]
    [InlineData("1.5M")]
    [InlineData("M")]
    [InlineData("9223372036854775807K")]
    [InlineData(" 64K")]
    [InlineData("18014398509481989K")] // (2^54 + 5) * 1024 wraps around to 5120, which would pass the minimum
    public void Xenstored_refuses_a_queue_cap_that_is_not_a_byte_count_of_at_least_one_message(string value)
    {
        AssertUsage(
            $"xenstored: option '--max-queued-bytes' needs a number of bytes from 4112 to 9223372036854775807 (K, M and G are powers of 1024), not '{value}'",
            "xenstored", "--socket", "/s", "--max-queued-bytes", value);
    }

    [Theory]
    [InlineData("--guest-max-nodes", "-1")]
    [InlineData("--guest-max-watches", "2147483648")]
    [InlineData("--guest-max-transactions", "ten")]
    [InlineData("--guest-max-permissions", "5K")]
    [InlineData("--guest-max-transaction-nodes", "")]
    public void Xenstored_refuses_a_guest_quota_that_is_not_a_count(string option, string value)
    {
        AssertUsage(
            $"xenstored: option '{option}' needs a whole number from 0 to 2147483647, not '{value}'",
            "xenstored", "--socket", "/s", "--guest-domid", "5", "--guest-socket", "/g", option, value);
    }

    [Fact]
    public void Xenstored_takes_zero_for_a_guest_node_size_and_a_count()
    {
        var limits = Assert.IsType<XenstoredInvocation>(CommandLineParser.Parse([
            "xenstored", "--socket", "/s", "--guest-domid", "5", "--guest-socket", "/g", "--guest-max-node-size", "0", "--guest-max-transaction-nodes", "0"])).Limits;

        Assert.Equal(new XenstoredLimits(GuestMaxNodeSize: 0, GuestMaxTransactionNodes: 0), limits);
    }

    [Fact]
    public void Xenstored_refuses_a_node_size_past_what_a_node_record_can_count()
    {
        AssertUsage(
            "xenstored: option '--guest-max-node-size' needs a number of bytes from 0 to 2147483647 (K, M and G are powers of 1024), not '2G'",
            "xenstored", "--socket", "/s", "--guest-domid", "5", "--guest-socket", "/g", "--guest-max-node-size", "2G");
    }

    [Theory]
    [InlineData("--guest-max-nodes N", "--guest-max-nodes", "1")]
    [InlineData("--guest-max-node-size BYTES", "--guest-max-node-size", "1K")]
    [InlineData("--guest-max-watches N", "--guest-max-watches", "1")]
    [InlineData("--guest-max-transactions N", "--guest-max-transactions", "1")]
    [InlineData("--guest-max-permissions N", "--guest-max-permissions", "1")]
    [InlineData("--guest-max-transaction-nodes N", "--guest-max-transaction-nodes", "1")]
    public void Xenstored_refuses_a_guest_quota_without_a_guest_socket(string syntax, string option, string value)
    {
        AssertUsage(
            $"xenstored: option '{syntax}' limits the guest's connections: it needs '--guest-socket PATH' (connections on --socket act as dom0, which has no quotas)",
            "xenstored", "--socket", "/s", "--guest-domid", "5", option, value);
    }

    [Fact]
    public void Call_sends_text_as_a_json_string_and_defaults_to_nova_timeout()
    {
        var invocation = Assert.IsType<CallInvocation>(CommandLineParser.Parse(["call", "--domid", "12", "keyinit", "12345"]));

        Assert.Equal(12, invocation.DomainId);
        Assert.Equal("keyinit", invocation.Command);
        Assert.Equal("\"12345\"", invocation.ValueJson);
        Assert.Equal(TimeSpan.FromSeconds(30), invocation.Timeout);
        Assert.Null(invocation.XenStorePath);
    }

    [Theory]
    [InlineData(null, "\"\"")]
    [InlineData("agent", "\"agent\"")]
    [InlineData("http://x/a.tgz,abc", "\"http://x/a.tgz,abc\"")]
    [InlineData("""{"url": "http://x/a.tgz", "md5sum": "abc"}""", """{"url": "http://x/a.tgz", "md5sum": "abc"}""")]
    [InlineData("[1,2]", "[1,2]")]
    [InlineData("{not json", "\"{not json\"")]
    [InlineData("say \"hi\"", "\"say \\u0022hi\\u0022\"")]
    [InlineData(" \n {\"url\": \"http://x/a.tgz\"}", "{\"url\": \"http://x/a.tgz\"}")]
    public void Call_value_becomes_the_json_nova_would_send(string? value, string expected)
    {
        Assert.Equal(expected, CommandLineParser.ValueJson(value));
    }

    [Fact]
    public void Call_takes_options_anywhere_and_a_dash_value_after_double_dash()
    {
        var invocation = Assert.IsType<CallInvocation>(CommandLineParser.Parse(["call", "version", "--timeout", "2.5", "--xenstore", "/s", "--domid=3", "--", "-x"]));

        Assert.Equal(new CallInvocation("/s", 3, TimeSpan.FromSeconds(2.5), "version", "\"-x\""), invocation);
    }

    [Fact]
    public void A_lone_dash_is_an_argument_and_only_the_first_double_dash_ends_the_options()
    {
        Assert.Equal(new CallInvocation(null, 1, TimeSpan.FromSeconds(30), "version", "\"-\""), Parse("call", "--domid", "1", "version", "-"));
        Assert.Equal(new CallInvocation(null, 1, TimeSpan.FromSeconds(30), "version", "\"--\""), Parse("call", "--domid", "1", "--", "version", "--"));
        AssertUsage("run: unexpected argument '-'", "run", "-");
    }

    [Fact]
    public void Domain_ids_end_below_the_first_reserved_one_and_timeouts_at_a_day()
    {
        Assert.Equal(32751, Assert.IsType<CallInvocation>(Parse("call", "--domid", "32751", "version")).DomainId);
        AssertUsage("call: option '--domid' needs a domain id from 0 to 32751, not '32752'", "call", "--domid", "32752", "version");
        Assert.Equal(TimeSpan.FromDays(1), Assert.IsType<CallInvocation>(Parse("call", "--domid", "1", "--timeout", "86400", "version")).Timeout);
        AssertUsage("call: option '--timeout' needs a number of seconds from 0.001 to 86400, not '86400.5'", "call", "--domid", "1", "--timeout", "86400.5", "version");
        Assert.Equal(TimeSpan.FromMilliseconds(1), Assert.IsType<CallInvocation>(Parse("call", "--domid", "1", "--timeout", "0.001", "version")).Timeout);
    }

    [Fact]
    public void Set_password_needs_a_domain_and_reads_nothing_else_from_the_command_line()
    {
        Assert.Equal(new SetPasswordInvocation(null, 4, TimeSpan.FromSeconds(9)), CommandLineParser.Parse(["set-password", "--domid", "4", "--timeout", "9"]));
        AssertUsage("set-password: unexpected argument 'hunter2' (the password is read from stdin)", "set-password", "--domid", "4", "hunter2");
        AssertUsage("set-password: option '--domid N' is required", "set-password");
    }

    [Fact]
    public void Bare_verbs_help_and_version()
    {
        Assert.IsType<SchemaInvocation>(CommandLineParser.Parse(["schema"]));
        Assert.IsType<DemoInvocation>(CommandLineParser.Parse(["demo"]));
        Assert.IsType<MissingVerbInvocation>(CommandLineParser.Parse([]));
        Assert.Equal(new HelpInvocation(), CommandLineParser.Parse(["--help"]));
        Assert.Equal(new HelpInvocation(VerbCatalog.Run), CommandLineParser.Parse(["run", "--help"]));
        Assert.Equal(new HelpInvocation(VerbCatalog.Demo), CommandLineParser.Parse(["demo", "-h"]));
        Assert.Equal(new HelpInvocation(VerbCatalog.SetPassword), CommandLineParser.Parse(["help", "set-password"]));
        Assert.IsType<VersionInvocation>(CommandLineParser.Parse(["--version"]));
    }

    [Theory]
    [InlineData("run", "--domid", "1")]
    [InlineData("run", "--timeout", "5")]
    [InlineData("run", "--socket", "/s")]
    [InlineData("xenstored", "--xenstore", "/s")]
    [InlineData("xenstored", "--root", "/r")]
    [InlineData("call", "--root", "/r")]
    [InlineData("call", "--guest-domid", "1")]
    [InlineData("set-password", "--config", "/c")]
    [InlineData("set-password", "--log-level", "debug")]
    [InlineData("schema", "--xenstore", "/s")]
    [InlineData("demo", "--root", "/r")]
    public void An_option_of_another_verb_is_unknown(string verb, string option, string value)
    {
        AssertUsage($"{verb}: unknown option '{option}'", verb, option, value);
    }

    [Theory]
    [InlineData("run", "--root", "/r", "--help", "extra")]
    [InlineData("xenstored", "-h", "--bogus")]
    [InlineData("call", "version", "--help", "--domid", "bad")]
    [InlineData("set-password", "--help", "password")]
    [InlineData("schema", "-h", "all")]
    public void Help_asked_before_a_mistake_wins(params string[] arguments)
    {
        Assert.Equal(new HelpInvocation(VerbCatalog.Find(arguments[0])), CommandLineParser.Parse(arguments));
    }

    [Theory]
    [InlineData("run: unexpected argument 'extra'", "run", "extra", "--help")]
    [InlineData("call: option '--domid' needs a domain id from 0 to 32751, not 'bad'", "call", "--domid", "bad", "--help")]
    [InlineData("call: unexpected argument 'c' (quote VALUE if it has spaces)", "call", "a", "b", "c", "--help")]
    [InlineData("demo: unknown option '--fast'", "demo", "--fast", "--help")]
    public void A_mistake_before_help_is_reported(string message, params string[] arguments)
    {
        AssertUsage(message, arguments);
    }

    [Fact]
    public void Check_config_takes_the_options_of_run()
    {
        Assert.Equal(
            new CheckConfigInvocation(new RunInvocation("/c.json", "/s", "/local/domain/3", "/r", Microsoft.Extensions.Logging.LogLevel.Debug)),
            CommandLineParser.Parse(["check-config", "--config", "/c.json", "--xenstore", "/s", "--domain-path", "/local/domain/3/", "--root", "/r", "--log-level", "debug"]));
        Assert.Equal(new CheckConfigInvocation(new RunInvocation(null, null, null, null, null)), CommandLineParser.Parse(["check-config"]));
        Assert.Equal(new HelpInvocation(VerbCatalog.CheckConfig), CommandLineParser.Parse(["check-config", "--help"]));
        AssertUsage("check-config: unknown option '--domid'", "check-config", "--domid", "1");
        AssertUsage("check-config: unexpected argument 'agent.json' (name the file with --config FILE)", "check-config", "agent.json");
    }

    [Fact]
    public void Help_in_any_spelling_takes_one_verb_as_help_does()
    {
        foreach (var help in new[] { "help", "--help", "-h" })
        {
            Assert.Equal(new HelpInvocation(VerbCatalog.Run), CommandLineParser.Parse([help, "run"]));
            Assert.Equal(new HelpInvocation(), CommandLineParser.Parse([help, "help"]));
            AssertUsage($"{help}: unknown verb 'extra' (try 'guest-agent --help')", help, "extra");
            AssertUsage($"{help}: unexpected argument 'b'", help, "run", "b");
        }
    }

    [Theory]
    [InlineData("--version: unexpected argument 'extra'", "--version", "extra")]
    [InlineData("-V: unexpected argument '--bogus'", "-V", "--bogus")]
    [InlineData("version: unexpected argument 'x'", "version", "x", "y")]
    public void Version_takes_no_argument(string message, params string[] arguments)
    {
        AssertUsage(message, arguments);
    }

    [Fact]
    public void Call_takes_an_empty_command_as_missing()
    {
        AssertUsage("call: COMMAND is required, for example 'guest-agent call --domid 5 version'", "call", "--domid", "5", "", "x");
        Assert.Equal(new CallInvocation("/b", 5, TimeSpan.FromSeconds(2), "version", "\"\""), Parse("call", "--xenstore=/b", "--domid", "5", "--timeout", "2", "version"));
    }

    [Theory]
    [InlineData("run: option '--root' is given twice; it takes one value", "run", "--root", "/a", "--root", "/b")]
    [InlineData("run: option '--root' is given twice; it takes one value", "run", "--root=/a", "--root=/a")]
    [InlineData("run: option '--config' is given twice; it takes one value", "run", "--config", "/a", "--log-level", "debug", "--config=/b")]
    [InlineData("call: option '--xenstore' is given twice; it takes one value", "call", "--xenstore=/a", "--domid", "1", "version", "--xenstore", "/b")]
    [InlineData("call: option '--domid' is given twice; it takes one value", "call", "--domid", "1", "--domid", "5", "version")]
    [InlineData("call: option '--timeout' is given twice; it takes one value", "call", "--timeout", "1", "--domid", "5", "--timeout=2", "version")]
    [InlineData("xenstored: option '--socket' is given twice; it takes one value", "xenstored", "--socket", "/a", "--socket", "/b")]
    [InlineData("set-password: option '--domid' is given twice; it takes one value", "set-password", "--domid", "1", "--domid", "1")]
    public void A_repeated_option_is_a_usage_error(string message, params string[] arguments)
    {
        AssertUsage(message, arguments);
    }

    [Theory]
    [InlineData("unknown verb 'serve' (try 'guest-agent --help')", "serve")]
    [InlineData("unknown option '--verbose' (try 'guest-agent --help')", "--verbose")]
    [InlineData("run: unknown option '--port'", "run", "--port", "1")]
    [InlineData("run: option '--root' needs a value", "run", "--root")]
    [InlineData("run: option '--root' needs a value", "run", "--root=")]
    // --help takes no value, as getopt_long's flags: "--help=x" was the help (exit 0) after a verb and an
    // unknown option before one.
    [InlineData("run: option '--help' takes no value", "run", "--help=x")]
    [InlineData("xenstored: option '-h' takes no value", "xenstored", "-h=")]
    [InlineData("option '--help' takes no value (try 'guest-agent --help')", "--help=run")]
    [InlineData("option '--version' takes no value (try 'guest-agent --help')", "--version=1")]
    [InlineData("run: unexpected argument 'extra'", "run", "extra")]
    [InlineData("run: unknown log level 'loud' (expected one of: trace, debug, information, warning, error, critical, none)", "run", "--log-level", "loud")]
    [InlineData("run: option '--domain-path' needs an absolute XenStore path such as /local/domain/5, not 'local/domain/5'", "run", "--domain-path", "local/domain/5")]
    [InlineData("call: option '--domid N' is required", "call", "version")]
    [InlineData("call: COMMAND is required, for example 'guest-agent call --domid 5 version'", "call", "--domid", "5")]
    [InlineData("call: option '--domid' needs a domain id from 0 to 32751, not '-1'", "call", "--domid=-1", "version")]
    [InlineData("call: option '--domid' needs a domain id from 0 to 32751, not '40000'", "call", "--domid", "40000", "version")]
    [InlineData("call: option '--timeout' needs a number of seconds from 0.001 to 86400, not '0'", "call", "--domid", "1", "--timeout", "0", "version")]
    [InlineData("call: option '--timeout' needs a number of seconds from 0.001 to 86400, not 'soon'", "call", "--domid", "1", "--timeout", "soon", "version")]
    // Below a millisecond no wait can be honoured: 1e-10 s was a TimeSpan of 0 ("within 0 seconds"), and
    // one so short that connecting could not finish in it was blamed on a full listen queue.
    [InlineData("call: option '--timeout' needs a number of seconds from 0.001 to 86400, not '0.0000000001'", "call", "--domid", "1", "--timeout", "0.0000000001", "version")]
    [InlineData("call: option '--timeout' needs a number of seconds from 0.001 to 86400, not '0.0009'", "call", "--domid", "1", "--timeout", "0.0009", "version")]
    [InlineData("call: unexpected argument 'c' (quote VALUE if it has spaces)", "call", "--domid", "1", "a", "b", "c")]
    [InlineData("xenstored: option '--guest-domid' needs a domain id from 0 to 32751, not 'x'", "xenstored", "--socket", "/s", "--guest-domid", "x")]
    [InlineData("xenstored: unexpected argument '/s'", "xenstored", "/s")]
    [InlineData("set-password: option '--timeout' needs a number of seconds from 0.001 to 86400, not '1e3'", "set-password", "--domid", "1", "--timeout", "1e3")]
    [InlineData("set-password: option '--domid' needs a value", "set-password", "--domid")]
    [InlineData("call: option '--domid' needs a value", "call", "version", "--domid=")]
    [InlineData("schema: unexpected argument 'all'", "schema", "all")]
    [InlineData("demo: unknown option '--fast'", "demo", "--fast")]
    public void Mistakes_are_one_clear_line(string message, params string[] arguments)
    {
        AssertUsage(message, arguments);
    }

    private static Invocation Parse(params string[] arguments) => CommandLineParser.Parse(arguments);

    [Theory]
    [InlineData("run", "--config")]
    [InlineData("check-config", "--config")]
    [InlineData("run", "--xenstore")]
    [InlineData("check-config", "--xenstore")]
    [InlineData("call", "--xenstore")]
    [InlineData("set-password", "--xenstore")]
    [InlineData("xenstored", "--socket")]
    [InlineData("xenstored", "--guest-socket")]
    public void An_empty_path_is_a_usage_error_naming_the_option(string verb, string option)
    {
        // An unset shell variable (--config "$CONF") gives an empty argument: it was passed on and
        // failed as .NET's "The value cannot be an empty string. (Parameter 'path')" (exit 1), or, for
        // --xenstore, as if XENSTORED_PATH were set but empty.
        string[] rest = verb switch
        {
            "call" => ["--domid", "5", "version"],
            "set-password" => ["--domid", "5"],
            "xenstored" => option == "--socket" ? ["--guest-domid", "5", "--guest-socket", "/g"] : ["--socket", "/s", "--guest-domid", "5"],
            _ => [],
        };

        AssertUsage($"{verb}: option '{option}' needs a path, not an empty string", [verb, option, "", .. rest]);
    }

    [Theory]
    [InlineData("run", "--xenstore")]
    [InlineData("check-config", "--xenstore")]
    [InlineData("call", "--xenstore")]
    [InlineData("set-password", "--xenstore")]
    [InlineData("xenstored", "--socket")]
    [InlineData("xenstored", "--guest-socket")]
    public void A_path_too_long_for_a_unix_socket_is_a_usage_error_naming_the_option(string verb, string option)
    {
        // sockaddr_un holds 108 bytes with the terminating NUL; counted in UTF-8 bytes: 55 characters here.
        var path = "/" + new string('\u00e9', 53) + "s";
        string[] rest = verb switch
        {
            "call" => ["--domid", "5", "version"],
            "set-password" => ["--domid", "5"],
            "xenstored" => option == "--socket" ? ["--guest-domid", "5", "--guest-socket", "/g"] : ["--socket", "/s", "--guest-domid", "5"],
            _ => [],
        };

        AssertUsage($"{verb}: option '{option}' names a path of 108 bytes, too long for a unix socket (at most 107 bytes; choose a shorter path)", [verb, option, path, .. rest]);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("check-config")]
    [InlineData("call", "--domid", "5", "version")]
    [InlineData("set-password", "--domid", "5")]
    public void A_relative_xenstore_path_is_made_absolute_and_held_to_the_length_rule_as_it_will_be_opened(string verb, params string[] rest)
    {
        // run moves to / before it connects, so it opens the absolute path; a name short as typed
        // can be too long once joined to a deep working directory (the test's own, wherever it is).
        var workingDirectory = Environment.CurrentDirectory;
        var tooLong = new string('s', UnixSocketPathLength.MaxBytes - workingDirectory.Length);
        var absolute = Path.Join(workingDirectory, tooLong);
        Assert.Equal(UnixSocketPathLength.MaxBytes + 1, Encoding.UTF8.GetByteCount(absolute));

        AssertUsage(
            $"{verb}: option '--xenstore' names a path of 108 bytes once made absolute against the working directory ({absolute}), too long for a unix socket (at most 107 bytes; choose a shorter path)",
            [verb, "--xenstore", tooLong, .. rest]);
        var taken = CommandLineParser.Parse([verb, "--xenstore", tooLong[..^1], .. rest]);
        Assert.Equal(absolute[..^1], taken switch
        {
            RunInvocation run => run.XenStorePath,
            CheckConfigInvocation check => check.Options.XenStorePath,
            CallInvocation call => call.XenStorePath,
            SetPasswordInvocation setPassword => setPassword.XenStorePath,
            _ => null,
        });
    }

    [Fact]
    public void A_relative_listening_socket_is_held_to_the_rule_as_typed_since_xenstored_binds_it_from_where_it_was_started()
    {
        // xenstored never moves: the kernel resolves the relative name it binds, whatever the
        // working directory's length.
        var path = new string('s', UnixSocketPathLength.MaxBytes);

        Assert.Equal(path, Assert.IsType<XenstoredInvocation>(CommandLineParser.Parse(["xenstored", "--socket", path])).SocketPath);
    }

    [Fact]
    public void A_socket_path_of_107_bytes_is_taken()
    {
        var path = "/" + new string('s', 106);

        var invocation = Assert.IsType<XenstoredInvocation>(CommandLineParser.Parse(["xenstored", "--socket", path]));

        Assert.Equal(path, invocation.SocketPath);
    }

    private static void AssertUsage(string message, params string[] arguments)
    {
        var exception = Assert.Throws<UsageException>(() => CommandLineParser.Parse(arguments));
        Assert.Equal(message, exception.Message);
    }
}
