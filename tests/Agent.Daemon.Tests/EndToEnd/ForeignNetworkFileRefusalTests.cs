using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GuestAgent.Daemon.Demo;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// <c>resetnetwork</c>'s refusal of a foreign network file (a NetworkManager keyfile at
/// <c>autoconnect-priority=999</c> for eth0, a systemd-networkd <c>.network</c> file that sorts
/// before ours and matches eth0) carried through the published daemon over XenStore to the bytes the
/// real <c>xenstore-read</c> gives Nova: the error form, <c>"500"</c> with a message naming the file
/// so that the operator finds that one file (its name however odd: quotes, backslashes, tabs, line
/// breaks, non-ASCII, 255 bytes), printable ASCII with no escape for <c>xenstore-read</c> to double;
/// nothing changed on the guest (no file, backup or record written, no program run, the change lock
/// free), the file's other text kept out of the answer and the log, the agent serving on, and the
/// same <c>resetnetwork</c> succeeding once the operator has removed the file (docs/networking.md,
/// the refusals of <c>NetworkdForeignFiles</c> and <c>NetworkManagerForeignKeyfiles</c>).
/// </summary>
public sealed class ForeignNetworkFileRefusalTests
{
    private const string Secret = "hunter2-never-in-a-log";
    private const string OtherText = "198.51.100.77/24";
    private const string KeyfileDirectory = "/etc/NetworkManager/system-connections";
    private const string NetworkdDirectory = "/etc/systemd/network";

    /// <summary>File names, each with the text before the <c>.nmconnection</c> or <c>.network</c> it ends in.</summary>
    public static TheoryData<string> Names => new()
    {
        "aaa eth0",
        "a\"quoted\"",
        "back\\slash",
        "tab\there",
        "line\nbreak",
        "per%41cent",
        "caf\u00e9",
        "rocket\U0001F680",
        "bell\u0007del\u007f",
        new string('z', 255 - ".nmconnection".Length),
        string.Concat(Enumerable.Repeat("\u00e9", 120)),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public Task A_foreign_keyfile_at_999_is_refused_by_name_and_nothing_changes(string stem) =>
        RefusedThenAppliedAsync(
            "network-manager",
            $"{KeyfileDirectory}/{stem}.nmconnection",
            $"[connection]\nid=image eth0\nuuid=00000000-0000-0000-0000-000000000001\ntype=ethernet\ninterface-name=eth0\nautoconnect-priority=999\n\n" +
            $"[802-1x]\neap=peap;\nidentity=operator\npassword={Secret}\n\n[ipv4]\nmethod=manual\naddress1={OtherText}\n",
            "interface-name=eth0",
            " at autoconnect-priority=999, the priority of guest-agent-eth0.nmconnection",
            $"{KeyfileDirectory}/guest-agent-eth0.nmconnection");

    [Theory]
    [MemberData(nameof(Names))]
    public Task A_foreign_network_file_before_ours_is_refused_by_name_and_nothing_changes(string stem) =>
        RefusedThenAppliedAsync(
            "systemd-networkd",
            // "00-" sorts before ours; the long stems leave room for it within 255 bytes.
            $"{NetworkdDirectory}/00-{stem}.network",
            $"[Match]\nName=eth0\n\n[Network]\nAddress={OtherText}\n# {Secret}\n",
            "Name=eth0",
            ", which resetnetwork configures, and comes before 05-guest-agent-eth0.network",
            $"{NetworkdDirectory}/05-guest-agent-eth0.network");

    /// <summary>
    /// A match far longer than an answer (a keyfile's <c>[match] interface-name</c> list of 4000
    /// characters): the answer still names the file and ends with what to do and that nothing changed,
    /// and neither the answer nor the log carries the whole list.
    /// </summary>
    [Fact]
    public async Task A_long_match_is_not_quoted_whole_and_the_answer_keeps_its_end()
    {
        var patterns = string.Concat(Enumerable.Range(0, 800).Select(i => $"x{i:D3};")) + "eth0";
        await using var agent = await StartAsync("network-manager");
        var path = $"{KeyfileDirectory}/long-match.nmconnection";
        WriteGuestFile(agent, path, $"[connection]\nid=long\ntype=ethernet\nautoconnect-priority=999\n\n[match]\ninterface-name={patterns}\n");

        var answer = await ResetAsync(agent, "reset-long");

        var message = AssertRefusal(answer, path);
        Assert.Contains(" also matches eth0 ([match] interface-name=x000;x001;", message, StringComparison.Ordinal);
        Assert.EndsWith("or let another network system configure this guest; nothing was changed", message, StringComparison.Ordinal);
        Assert.DoesNotContain("x700;", agent.Agent!.StandardError, StringComparison.Ordinal);
    }

    private static async Task RefusedThenAppliedAsync(string backend, string path, string contents, string described, string middle, string ours)
    {
        await using var agent = await StartAsync(backend);
        WriteGuestFile(agent, path, contents);
        var before = Snapshot(agent.Root);

        var answer = await ResetAsync(agent, "reset-1");

        var message = AssertRefusal(answer, path);
        var named = message[..message.IndexOf(" also matches eth0 (", StringComparison.Ordinal)];
        Assert.StartsWith($"{named} also matches eth0 ({described}){middle}", message, StringComparison.Ordinal);
        if (Escaped(path).Length < 400)
        {
            // Room for the whole message: the advice and "nothing was changed" are not cut off.
            Assert.EndsWith("or let another network system configure this guest; nothing was changed", message, StringComparison.Ordinal);
        }

        // Nothing changed: not a byte, mode, link or name under the root; in the state directory no
        // record, no actions.log (no program run), only the empty change lock (made before the change
        // is planned, kept between changes) and the response journal (the answer kept) beside what the
        // agent had at its start.
        var after = Snapshot(agent.Root);
        Assert.Equal(Without(before, StateFiles), Without(after, StateFiles));
        Assert.Equal(
            StateEntries(before).Union(["var/lib/guest-agent/resetnetwork", "var/lib/guest-agent/resetnetwork/lock", "var/lib/guest-agent/xenstore-journal"]).Order(StringComparer.Ordinal),
            StateEntries(after));
        Assert.False(File.Exists(agent.GuestFile(ours)));
        Assert.True(await CompetingLock.ProbeAsync(agent.GuestFile("/var/lib/guest-agent/resetnetwork/lock"), "flock"), "the change lock is still held");

        // The file's other text (a secret, its addresses) is in neither the answer nor the log.
        var log = agent.Agent!.StandardError;
        foreach (var text in new[] { Secret, OtherText })
        {
            Assert.DoesNotContain(text, answer, StringComparison.Ordinal);
            Assert.DoesNotContain(text, log, StringComparison.Ordinal);
        }

        // The agent serves on, and once the operator has removed the file the same request succeeds.
        await agent.Tools.WriteAsync($"{AgentUnderTest.Home}/data/host/version-1", """{"name":"version","value":"agent"}""");
        Assert.StartsWith("""{"returncode":"0","message":""", await agent.Tools.WaitForResponseAsync(AgentUnderTest.Home, "version-1"), StringComparison.Ordinal);
        File.Delete(agent.GuestFile(path));
        Assert.Equal("""{"returncode":"0","message":""}""", await ResetAsync(agent, "reset-2"));
        Assert.Contains("203.0.113.10/24", await File.ReadAllTextAsync(agent.GuestFile(ours), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.NotEmpty(await File.ReadAllTextAsync(agent.GuestFile("/var/lib/guest-agent/actions.log"), TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// The answer as Nova's plain <c>xenstore-read</c> gives it: JSON that reads the same with or
    /// without its backslashes doubled (none there), printable ASCII, <c>"500"</c>; returns the
    /// message, after checking that the path it starts with names <paramref name="path"/> exactly.
    /// </summary>
    private static string AssertRefusal(string answer, string path)
    {
        Assert.All(answer, c => Assert.True(c is >= ' ' and <= '~' and not '\\', $"not printable ASCII without backslashes: {answer}"));
        using var document = JsonDocument.Parse(answer);
        Assert.Equal("500", document.RootElement.GetProperty("returncode").GetString());
        var message = document.RootElement.GetProperty("message").GetString()!;
        var at = message.IndexOf(" also matches eth0 (", StringComparison.Ordinal);
        Assert.True(at > 0, message);
        Assert.Equal(Escaped(path), message[..at]);
        return message;
    }

    /// <summary>
    /// The escape the answer's paths use (as an interface name's, docs/networking.md): printable ASCII
    /// but <c>'</c>, <c>"</c>, <c>\</c> and <c>%</c> as it is, every other character <c>%</c> and two
    /// hex digits per UTF-8 byte; written here apart from the agent's, so that it checks it.
    /// </summary>
    private static string Escaped(string path)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            text.Append(b is >= 0x20 and <= 0x7E and not (byte)'\'' and not (byte)'"' and not (byte)'\\' and not (byte)'%'
                ? ((char)b).ToString()
                : "%" + b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static readonly string[] StateFiles = ["var/lib/guest-agent"];

    private static async Task<AgentUnderTest> StartAsync(string backend)
    {
        var agent = await AgentUnderTest.StartAsync(startAgent: false);
        try
        {
            await agent.StartAgentAsync("--config", agent.WriteConfig($$$"""{"network":{"backend":"{{{backend}}}"}}"""));
            await agent.Tools.WriteAsync(
                $"{AgentUnderTest.Home}/vm-data/networking/bc764e206c5b", DemoGuest.NetworkingJson,
                $"{AgentUnderTest.Home}/vm-data/hostname", "refusal-instance");
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> ResetAsync(AgentUnderTest agent, string id)
    {
        await agent.Tools.WriteAsync($"{AgentUnderTest.Home}/data/host/{id}", """{"name":"resetnetwork","value":""}""");
        return await agent.Tools.WaitForResponseAsync(AgentUnderTest.Home, id);
    }

    private static void WriteGuestFile(AgentUnderTest agent, string guestPath, string contents)
    {
        var file = agent.GuestFile(guestPath);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.WriteAllText(file, contents);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Every entry under the root by its relative path: kind, mode and a hash of its bytes or its link's target.</summary>
    private static SortedDictionary<string, string> Snapshot(string root)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(root, entry.FullName);
            entries[relative] = entry.LinkTarget is { } target ? $"link {target}"
                : entry is DirectoryInfo ? $"directory {entry.UnixFileMode}"
                // The agent's own locks there (run.lock) cannot be opened while it runs; their names are compared.
                : relative.StartsWith("var/lib/guest-agent/", StringComparison.Ordinal) ? "state file"
                : $"file {entry.UnixFileMode} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry.FullName)))}";
        }

        return entries;
    }

    private static IEnumerable<string> StateEntries(SortedDictionary<string, string> entries) =>
        entries.Keys.Where(p => p.StartsWith("var/lib/guest-agent/", StringComparison.Ordinal));

    private static SortedDictionary<string, string> Without(SortedDictionary<string, string> entries, string[] prefixes) =>
        new(entries.Where(e => !prefixes.Any(p => e.Key == p || e.Key.StartsWith(p + "/", StringComparison.Ordinal))).ToDictionary(), StringComparer.Ordinal);
}
