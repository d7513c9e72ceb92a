using System.Text;
using System.Text.RegularExpressions;
using GuestAgent.Commands.Tests.FullPath;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The names under <c>vm-data/networking</c>: the key is ignored in favour of the entry's <c>mac</c>
/// (docs/networking.md, Input), so a key of any text (empty, 100,000 characters, non-ASCII, a lone
/// surrogate, control characters, <c>/</c> and <c>..</c>, shell and JSON metacharacters) must change
/// nothing the reset writes, and appear in an answer only as printable ASCII; two entries for one
/// interface (keys differing only in case, one more entry with another label, the MAC written
/// another way) are refused by name, never one of them applied by the keys' order.
/// </summary>
public sealed partial class VmDataFuzzTests
{
    private static readonly string[] OddKeys =
    [
        "", " ", "\t", ".", "..", "/", "a/b", "../../etc/passwd", "bc764e206c5a", new string('K', 100_000), "caf\u00e9", "\u5bbf\u820d",
        "web\ud83d\ude00", "\ud800", "\u202eevil", "\0", "\n127.0.0.1 evil\n", "\u001b[31mred", "'\"\\$(reboot)`;", "{\"mac\":\"x\"}", "vm-data/hostname",
    ];

    /// <summary>Each network system: the keys' texts and the same entries' duplicates.</summary>
    public static TheoryData<string> AllDistributions() => [.. FakeRoot.Distributions.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(AllDistributions))]
    public async Task Odd_networking_keys_change_nothing_written_and_duplicate_entries_are_refused(string distribution)
    {
        var (key0, entry0) = (Rackspace.Networking[0].Key, Rackspace.Networking[0].Value);
        var (key1, entry1) = (Rackspace.Networking[1].Key, Rackspace.Networking[1].Value);
        var relabelled = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entry0).Replace("\"public\"", "\"other\"", StringComparison.Ordinal));
        var macWrittenAnotherWay = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entry0).Replace("BC:76:4E:20:6C:5A", "bc764e206c5a", StringComparison.Ordinal));
        Assert.NotEqual(entry0, relabelled);
        Assert.NotEqual(entry0, macWrittenAnotherWay);

        var random = new Random(Seed);
        var cases = new List<(string What, KeyValuePair<string, byte[]>[] Entries, string? Refusal)>
        {
            ("the keys swapped", [new(key1, entry0), new(key0, entry1)], null),
            ("one key twice", [new(key0, entry0), new(key0, entry1)], null),
            ("the keys in lower case", [new(key0.ToLowerInvariant(), entry0), new(key1.ToLowerInvariant(), entry1)], null),
            ("no entry", [], "vm-data/networking describes no interface with an enabled address"),
            ("a key differing in case", [new(key0, entry0), new(key0.ToLowerInvariant(), entry0), new(key1, entry1)], Twice(key0, key0.ToLowerInvariant())),
            ("another label", [new(key0, entry0), new("BC764E206C5A-other", relabelled), new(key1, entry1)], Twice(key0, "BC764E206C5A-other")),
            ("the MAC written another way", [new(key1, entry1), new("x", macWrittenAnotherWay), new(key0, entry0)], Twice(key0, "x")),
            ("an unknown MAC", [new(key0, entry0), new(key1, entry1), new("\u00e9", "{\"mac\":\"de:ad:be:ef:00:01\",\"ips\":[{\"ip\":\"192.0.2.9\",\"netmask\":\"255.255.255.0\",\"enabled\":\"1\"}]}"u8.ToArray())], "Unknown interface MAC de:ad:be:ef:00:01"),
        };
        foreach (var odd in OddKeys)
        {
            var shown = odd.Length > 20 ? $"{odd.Length} characters" : $"U+{string.Join(" U+", odd.Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)))}";
            cases.Add(($"key {shown} for entry {odd.Length % 2}", odd.Length % 2 == 0 ? [new(odd, entry0), new(key1, entry1)] : [new(key0, entry0), new(odd, entry1)], null));
            cases.Add(($"key {shown} beside both", [new(key0, entry0), new(key1, entry1), new(odd, random.Next(2) == 0 ? entry0 : relabelled)], "is described by more than one vm-data/networking entry"));
            cases.Add(($"key {shown} on invalid JSON", [new(key0, entry0), new(key1, entry1), new(odd, "{\"mac\":"u8.ToArray())], $"vm-data/networking/{Printable(odd)} is not valid JSON"));
        }

        string accepted;
        using (var agent = new FuzzedAgent(new BytesVmData(Rackspace.Networking, "test-server"), distribution))
        {
            Assert.Equal("""{"returncode":"0","message":""}""", Encoding.ASCII.GetString(await agent.SendAsync("""{"name":"resetnetwork","value":""}""")));
            accepted = agent.Tree();
        }

        var failures = new List<string>();
        foreach (var (what, entries, refusal) in cases)
        {
            using var agent = new FuzzedAgent(new BytesVmData(entries, "test-server"), distribution);
            var before = agent.Tree();
            var wire = await agent.SendAsync("""{"name":"resetnetwork","value":""}""");
            var after = agent.Tree();

            var form = WireForm().Match(Encoding.ASCII.GetString(wire));
            var message = form.Groups["message"].Value;
            if (!form.Success || wire.Length > 1024)
            {
                failures.Add($"{what}: not the protocol's form: {Encoding.ASCII.GetString(wire[..Math.Min(wire.Length, 200)])}");
            }
            else if (refusal is null && (form.Groups["code"].Value != "0" || after != accepted))
            {
                failures.Add($"{what}: the key changed the outcome: {form.Groups["code"].Value} {message}");
            }
            else if (refusal is not null && (form.Groups["code"].Value != "500" || !message.Contains(refusal, StringComparison.Ordinal) || !NamesTheData().IsMatch(message) || after != before))
            {
                failures.Add($"{what}: expected a refusal holding '{refusal}' with nothing changed, got {form.Groups["code"].Value} {message}{(after != before ? " and a changed tree" : "")}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} findings in {cases.Count} key sets:\n{string.Join('\n', failures)}");
    }

    /// <summary>Two entries' keys as the refusal names them: printable, in the order they are read.</summary>
    private static string Twice(string a, string b) => string.CompareOrdinal(a, b) < 0
        ? $"(vm-data/networking/{Printable(a)} and vm-data/networking/{Printable(b)}); nothing was changed"
        : $"(vm-data/networking/{Printable(b)} and vm-data/networking/{Printable(a)}); nothing was changed";

    /// <summary>How an answer shows a key, written from docs/networking.md: printable ASCII but quotes and the backslash, the rest '?', cut at 64 with "...".</summary>
    private static string Printable(string key)
    {
        var shown = Regex.Replace(key.Length > 64 ? key[..64] : key, "[^ !#-&(-\\[\\]-~]", "?");
        return key.Length > 64 ? shown + "..." : shown;
    }
}
