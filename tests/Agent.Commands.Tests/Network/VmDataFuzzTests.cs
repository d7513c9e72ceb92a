using System.Text;
using System.Text.RegularExpressions;
using GuestAgent.Commands.Network.Sources;
using GuestAgent.Commands.Tests.FullPath;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// "Bad input gets a clear error and loses nothing" for what <c>resetnetwork</c> really takes: its
/// request value is ignored, the host's data is <c>vm-data</c>. Structured mutants of the Rackspace
/// fixture's two <c>vm-data/networking</c> entries (each JSON node given every type and edge,
/// members missing, doubled or added, text with control characters and lone surrogates, the entry
/// cut short or written as a JSON string of itself, bytes that are not UTF-8) and of
/// <c>vm-data/hostname</c>, from a fixed seed, each through <c>NovaJsonParser</c> to a fresh tree
/// of every network system the fake roots stand for (the hostname on CentOS), with root mode's
/// recorder for the programs. A refusal must name the entry or the hostname, never an internal
/// error, and leave every file as it was; an acceptance must write no control character (other than
/// line breaks and tabs) into any file, and a hostname only of what a hostname holds.
/// </summary>
public sealed partial class VmDataFuzzTests
{
    private const int Seed = 20261202;

    private static readonly NetworkFixture Rackspace = NetworkFixture.Load("rackspace");

    /// <summary>Each entry on each network system the fake roots stand for: every renderer writes what is accepted.</summary>
    public static TheoryData<int, string> Entries() =>
        [.. new[] { 0, 1 }.SelectMany(entry => FakeRoot.Distributions.Keys.Order(StringComparer.Ordinal).Select(distribution => (entry, distribution)))];

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task A_mutated_networking_entry_is_refused_without_a_change_or_written_clean(int entry, string distribution)
    {
        var original = Encoding.UTF8.GetString(Rackspace.Networking[entry].Value);
        var mutants = RequestMutants.ValuesOf($"entry {entry}", original, Seed + entry, textEdits: 2)
            .Select(mutant => (mutant.What, Bytes: Encoding.UTF8.GetBytes(mutant.Request)))
            .ToList();
        var random = new Random(Seed);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(mutants));
        var sample = mutants.Take(40).ToList();
        for (var bad = 0; bad < 3; bad++)
        {
            // Bytes that are not UTF-8, which XenStore hands over as they are.
            var at = random.Next(Rackspace.Networking[entry].Value.Length);
            sample.Add(($"entry {entry}: byte FF at {at}", [.. Rackspace.Networking[entry].Value[..at], 0xFF, .. Rackspace.Networking[entry].Value[at..]]));
        }

        var (accepted, failures) = await RunAsync(sample.Select(mutant => (mutant.What, VmData(entry, mutant.Bytes, "test-server"))), distribution);

        Assert.True(accepted > 0 && accepted < sample.Count, $"{accepted} of {sample.Count} accepted");
        Assert.True(failures.Count == 0, $"{failures.Count} findings in {sample.Count} mutants:\n{string.Join('\n', failures.Take(40))}");
    }

    [Fact]
    public async Task A_mutated_hostname_is_refused_without_a_change_or_written_clean()
    {
        var random = new Random(Seed);
        var hostnames = new List<(string What, string Hostname)>
        {
            ("empty", ""), ("a dot", "."), ("a hyphen first", "-web"), ("a label of 64", new string('a', 64)),
            ("254 characters", string.Join('.', Enumerable.Repeat(new string('a', 62), 4)) + "ab"), ("huge", new string('h', 100_000)),
            ("U+FFFD", "web\uFFFD01"), ("a lone surrogate", "web\ud800"), ("an emoji", "web\ud83d\ude00"), ("RESCUE-", "RESCUE-test-server"),
            ("an underscore", "web_01"), ("a trailing dot", "web01.example.com."), ("two dots", "web..example"), ("all digits", "12345"),
        };
        for (var edit = 0; edit < 40; edit++)
        {
            var name = "test-server.example.com";
            var at = random.Next(name.Length + 1);
            var insert = random.Next(6) switch
            {
                0 => ((char)random.Next(0, 0x20)).ToString(),
                1 => "\u007f",
                2 => "\u0085",
                3 => " ",
                4 => "'\"\\$`;",
                _ => "\n127.0.0.1 evil",
            };
            hostnames.Add(($"U+{(int)insert[0]:X4} at {at}", name.Insert(at, insert)));
        }

        var (accepted, failures) = await RunAsync(hostnames.Select(h => ($"hostname: {h.What}", VmData(0, Rackspace.Networking[0].Value, h.Hostname))), "centos");

        Assert.True(accepted > 0 && accepted < hostnames.Count, $"{accepted} of {hostnames.Count} accepted");
        Assert.True(failures.Count == 0, $"{failures.Count} findings in {hostnames.Count} mutants:\n{string.Join('\n', failures.Take(40))}");
    }

    private static async Task<(int Accepted, List<string> Failures)> RunAsync(IEnumerable<(string What, IVmDataSource VmData)> mutants, string distribution)
    {
        var failures = new List<string>();
        var accepted = 0;
        foreach (var (what, vmData) in mutants)
        {
            using var agent = new FuzzedAgent(vmData, distribution);
            var before = agent.Tree();

            var wire = Encoding.ASCII.GetString(await agent.SendAsync("""{"name":"resetnetwork","value":""}"""));

            var after = agent.Tree();
            var form = WireForm().Match(wire);
            if (!form.Success)
            {
                failures.Add($"{what}: not the protocol's form: {wire[..Math.Min(wire.Length, 200)]}");
                continue;
            }

            var message = form.Groups["message"].Value;
            if (Leaks().IsMatch(message))
            {
                failures.Add($"{what}: the answer names an internal failure: {message}");
            }

            if (form.Groups["code"].Value == "500")
            {
                if (!NamesTheData().IsMatch(message))
                {
                    failures.Add($"{what}: refused without naming the data: {message}");
                }

                if (after != before)
                {
                    failures.Add($"{what}: refused ({message}), but the tree changed");
                }

                continue;
            }

            accepted++;
            failures.AddRange(WrittenFiles(before, after).Where(file => !IsClean(file.Path, file.Bytes)).Select(file =>
                $"{what}: accepted, and {file.Path} holds {Shown(file.Bytes)}"));
        }

        return (accepted, failures);
    }

    private static string Shown(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes).Replace("\n", "|", StringComparison.Ordinal);
        return text[..Math.Min(text.Length, 300)];
    }

    /// <summary>The files an accepted reset wrote, from the two snapshots' lines (<c>path mode HEX</c>).</summary>
    private static IEnumerable<(string Path, byte[] Bytes)> WrittenFiles(string before, string after)
    {
        var old = before.Split('\n').ToHashSet();
        return after.Split('\n').Where(line => !old.Contains(line) && !line.Contains(" -> ", StringComparison.Ordinal) && !line.EndsWith('/'))
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length >= 3 && !parts[0].EndsWith('/'))
            .Select(parts => (parts[0], Convert.FromHexString(parts[^1])));
    }

    /// <summary>No control character but a line break or tab; the hostname files hold one host name.</summary>
    private static bool IsClean(string path, byte[] bytes) =>
        bytes.All(b => b is (byte)'\n' or (byte)'\t' or >= 0x20 and not 0x7F) &&
        (path != "etc/hostname" || HostnameFile().IsMatch(Encoding.ASCII.GetString(bytes)));

    private static IVmDataSource VmData(int entry, byte[] bytes, string hostname) =>
        new BytesVmData([.. Rackspace.Networking.Select((e, index) => index == entry ? new KeyValuePair<string, byte[]>(e.Key, bytes) : e)], hostname);

    [GeneratedRegex("\\A\\{\"returncode\":\"(?<code>0|500)\",\"message\":\"(?<message>[ -!#-\\[\\]-~]*)\"\\}\\z")]
    private static partial Regex WireForm();

    [GeneratedRegex("internal error|Exception|\\bat [A-Z]\\w*\\.|System\\.|GuestAgent\\.|Microsoft\\.", RegexOptions.IgnoreCase)]
    private static partial Regex Leaks();

    /// <summary>A refusal of the host's data says which: the entry or the hostname (docs/networking.md, Input).</summary>
    [GeneratedRegex("\\A(vm-data/networking[/ ]|vm-data/hostname is not usable: |Unknown interface MAC |Interface )")]
    private static partial Regex NamesTheData();

    [GeneratedRegex("\\A[A-Za-z0-9]([A-Za-z0-9.-]{0,252})?\\n?\\z")]
    private static partial Regex HostnameFile();

    /// <summary>vm-data as raw bytes, as XenStore hands them over (they need not be UTF-8).</summary>
    private sealed class BytesVmData(IReadOnlyList<KeyValuePair<string, byte[]>> networking, string? hostname) : IVmDataSource
    {
        public Task<IReadOnlyList<KeyValuePair<string, byte[]>>> ReadNetworkingAsync(CancellationToken cancellationToken) => Task.FromResult(networking);

        public Task<string?> ReadHostnameAsync(CancellationToken cancellationToken) => Task.FromResult(hostname);
    }
}
