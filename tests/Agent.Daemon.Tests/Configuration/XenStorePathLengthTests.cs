using System.Text;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;

namespace GuestAgent.Daemon.Tests.Configuration;

/// <summary>
/// The 107-byte unix socket rule (UnixSocketPathLength) wherever the settings get a XenStore path
/// from: <c>xenstore.path</c> in the file, or <c>XENSTORED_PATH</c> when nothing else names one.
/// The environment is passed in, so the test run's own never counts.
/// </summary>
public sealed class XenStorePathLengthTests
{
    private static readonly RunInvocation NoOptions = new(null, null, null, null, null);

    private static AgentSettings Resolve(string json, RunInvocation? invocation = null, string verb = "run", Func<string, string?>? environment = null) =>
        SettingsResolver.Resolve(invocation ?? NoOptions, ConfigurationReader.Parse(Encoding.UTF8.GetBytes(json), "agent.json"), "agent.json", verb, environment);

    [Fact]
    public void A_xenstore_path_too_long_for_a_unix_socket_is_refused_naming_the_key_as_the_option_is()
    {
        // sockaddr_un holds 108 bytes with the terminating NUL: connecting to this path can only
        // fail, later and vaguely (exit 1, restarted by systemd for ever).
        var tooLong = "/" + new string('s', 107);

        var exception = Assert.Throws<UsageException>(() => Resolve($$$"""{"xenstore":{"path":"{{{tooLong}}}"}}""", environment: _ => null));

        Assert.Equal("agent.json: 'xenstore.path' names a path of 108 bytes, too long for a unix socket (at most 107 bytes; choose a shorter path)", exception.Message);
        Assert.Equal(tooLong[..^1], Resolve($$$"""{"xenstore":{"path":"{{{tooLong[..^1]}}}"}}""", environment: _ => null).XenStorePath);
    }

    [Fact]
    public void A_XENSTORED_PATH_too_long_for_a_unix_socket_is_refused_naming_the_variable_when_it_is_the_endpoint()
    {
        var tooLong = "/" + new string('\u00e9', 53) + "s"; // counted in UTF-8 bytes: 108
        Func<string, string?> environment = name => name == "XENSTORED_PATH" ? tooLong : null;

        var exception = Assert.Throws<UsageException>(() => Resolve("{}", verb: "check-config", environment: environment));

        Assert.Equal("check-config: environment variable XENSTORED_PATH names a path of 108 bytes, too long for a unix socket (at most 107 bytes; choose a shorter path)", exception.Message);
        // The variable is not the endpoint when the command line or the file names one.
        Assert.Equal("/cli.sock", Resolve("{}", NoOptions with { XenStorePath = "/cli.sock" }, environment: environment).XenStorePath);
        Assert.Equal("/file.sock", Resolve("""{"xenstore":{"path":"/file.sock"}}""", environment: environment).XenStorePath);
        Assert.Null(Resolve("{}", environment: name => name == "XENSTORED_PATH" ? tooLong[..^1] : null).XenStorePath);
    }

    [Fact]
    public void A_relative_xenstore_path_is_made_absolute_against_the_working_directory_and_held_to_the_rule_as_such()
    {
        // run moves to / before it connects: what it opens is the absolute path, so that is what must fit.
        var workingDirectory = Environment.CurrentDirectory;
        var tooLong = new string('s', UnixSocketPathLength.MaxBytes - workingDirectory.Length);
        var absolute = Path.Join(workingDirectory, tooLong);

        var exception = Assert.Throws<UsageException>(() => Resolve($$$"""{"xenstore":{"path":"{{{tooLong}}}"}}""", environment: _ => null));

        Assert.Equal(
            $"agent.json: 'xenstore.path' names a path of 108 bytes once made absolute against the working directory ({absolute}), too long for a unix socket (at most 107 bytes; choose a shorter path)",
            exception.Message);
        Assert.Equal(absolute[..^1], Resolve($$$"""{"xenstore":{"path":"{{{tooLong[..^1]}}}"}}""", environment: _ => null).XenStorePath);
    }

    [Fact]
    public void A_relative_XENSTORED_PATH_is_held_to_the_rule_once_made_absolute_against_the_working_directory()
    {
        var workingDirectory = Environment.CurrentDirectory;
        var tooLong = new string('s', UnixSocketPathLength.MaxBytes - workingDirectory.Length);
        Func<string, string?> environment = name => name == "XENSTORED_PATH" ? tooLong : null;

        var exception = Assert.Throws<UsageException>(() => Resolve("{}", environment: environment));

        Assert.Equal(
            $"run: environment variable XENSTORED_PATH names a path of 108 bytes once made absolute against the working directory ({Path.Join(workingDirectory, tooLong)}), too long for a unix socket (at most 107 bytes; choose a shorter path)",
            exception.Message);
    }

    [Theory]
    [InlineData("xs.sock", "/srv/work", "/srv/work/xs.sock")]
    [InlineData("../xs.sock", "/srv/work", "/srv/work/../xs.sock")] // joined, not normalized: the kernel resolves '..' as from there
    [InlineData("/run/xs.sock", "/srv/work", "/run/xs.sock")]
    public void XENSTORED_PATH_names_what_libxenstores_tools_started_in_the_same_directory_open(string variable, string workingDirectory, string expected)
    {
        Assert.Equal(expected, UnixSocketPathLength.EnvironmentEndpoint("run", name => name == "XENSTORED_PATH" ? variable : null, workingDirectory));
    }

    [Fact]
    public void An_unset_or_empty_XENSTORED_PATH_is_left_to_the_endpoint_choice()
    {
        // Unset: the default endpoints; empty: no endpoint at all, as libxenstore says (XenStoreEndpoint).
        Assert.Null(UnixSocketPathLength.EnvironmentEndpoint("run", _ => null, "/srv"));
        Assert.Null(UnixSocketPathLength.EnvironmentEndpoint("run", name => name == "XENSTORED_PATH" ? "" : null, "/srv"));
    }
}
