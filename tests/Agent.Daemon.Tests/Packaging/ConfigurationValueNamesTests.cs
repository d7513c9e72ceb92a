using System.Text.RegularExpressions;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Daemon.Logging;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Tests.Packaging;

/// <summary>
/// docs/daemon.md's key table lists the names the settings with a fixed set of values take
/// (<c>logLevel</c>, <c>network.backend</c>, <c>network.resolvConf</c>): each name the row gives
/// must be one the reader takes, and each value the reader has must be named, so a backend added
/// to the SDK, or a level or policy renamed, fails here rather than leaving operators a list
/// that is no longer the program's. DefaultConfigurationFileTests holds the keys and defaults.
/// </summary>
public sealed partial class ConfigurationValueNamesTests
{
    [Fact]
    public void The_log_level_row_names_every_level_and_only_names_the_reader_takes()
    {
        var named = Names(Meaning("logLevel"));

        Assert.All(named, name => Assert.True(LogLevelNames.TryParse(name, out _), $"'{name}' is no log level"));
        Assert.All(Enum.GetValues<LogLevel>(), level => Assert.Contains(LogLevelNames.Name(level), named));
    }

    [Fact]
    public void The_network_backend_row_names_every_backend_by_both_names_and_no_other()
    {
        var meaning = Meaning("network.backend");
        var from = meaning.IndexOf("writes for:", StringComparison.Ordinal);
        var to = meaning.IndexOf("By default", StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"the row no longer lists the backends between 'writes for:' and 'By default': {meaning}");
        // The one other code span in the list's sentence: the verb that shows the long name.
        var named = Names(meaning[from..to]).Where(name => name != "check-config").ToHashSet(StringComparer.Ordinal);

        var taken = NetworkBackendNames.All.Concat(NetworkBackendNames.LongNames).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(taken.Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_resolv_conf_row_explains_every_policy_and_no_other()
    {
        // Each policy is explained as "`name`: what it does".
        var explained = PolicyNames().Matches(Meaning("network.resolvConf")).Select(match => match.Groups[1].Value).ToList();

        Assert.All(explained, name => Assert.True(NetworkNames.TryParseResolvConf(name, out _), $"'{name}' is no resolvConf value"));
        Assert.Equal(
            Enum.GetValues<ResolvConfPolicy>().Select(policy => policy.ToString().ToLowerInvariant()).Order(StringComparer.Ordinal),
            explained.Order(StringComparer.Ordinal));
    }

    /// <summary>The last cell (what the setting means) of the key's row in the "Configuration" table.</summary>
    private static string Meaning(string key)
    {
        var page = File.ReadAllText(RepositoryFiles.Path("docs", "daemon.md"));
        var row = page.Split('\n').SingleOrDefault(line => line.StartsWith($"| `{key}` | ", StringComparison.Ordinal));
        Assert.True(row is not null, $"docs/daemon.md has no row for '{key}'");
        var cells = row.Split(" | ");
        return cells[^1];
    }

    private static List<string> Names(string text) =>
        CodeSpans().Matches(text).Select(match => match.Groups[1].Value).ToList();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpans();

    [GeneratedRegex("`([a-z]+)`:")]
    private static partial Regex PolicyNames();
}
