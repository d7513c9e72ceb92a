using System.Globalization;
using System.Text.RegularExpressions;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Testing;
using ShellWords = GuestAgent.Testing.ShellWords;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// glibc's <c>options trust-ad</c> says the servers a <c>resolv.conf</c> names are trusted to validate
/// DNSSEC (resolv.conf(5): "e.g. on localhost"): glibc then sets the AD bit in its queries and passes
/// the answers' AD bit to the application (OpenSSH's <c>VerifyHostKeyDNS</c> trusts an SSHFP record so
/// marked). systemd-resolved's files (<c>/usr/lib/systemd/resolv.conf</c>, its stub's) carry it for
/// <c>127.0.0.53</c>. The real glibc reads what we write (in a network and mount namespace of its own,
/// its queries seen by strace) and must not set AD for Nova's servers, which are not the ones the
/// option spoke of; it still does for the same servers the file already named with it.
/// </summary>
public sealed partial class ResolvConfTrustAdTests
{
    private const string Stub = "nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n";

    /// <summary>The current file, whether glibc then trusts Nova's servers, and the <c>options</c> line written (or none).</summary>
    public static TheoryData<string, bool, string?> Cases() => new()
    {
        // resolved's static file, linked and not running: the link is replaced by our file.
        { "systemd's resolv.conf link", false, "options edns0" },
        // The administrator's own file for a local validating resolver.
        { "a local resolver's file", false, "options edns0" },
        // Our file of a reset before, to which the administrator added the option for Nova's servers.
        { "our file with trust-ad added", true, "options trust-ad" },
        // The option written for one of Nova's servers, or for them and another: not for these.
        { "a file naming one of them", false, null },
        { "a file naming them and another", false, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Glibc_sets_the_AD_bit_only_for_the_servers_trust_ad_was_written_for(string current, bool trusted, string? options)
    {
        var strace = ExternalTool.Require("strace", "strace");
        var unshare = ExternalTool.Require("unshare", "util-linux");
        ExternalTool.Require("getent", "libc-bin");
        ExternalTool.Require("ip", "iproute2");
        var configuration = NetworkFixture.Load("rackspace").Build();
        var view = current switch
        {
            "systemd's resolv.conf link" => new InMemoryFileView(
                new Dictionary<string, string> { ["/usr/lib/systemd/resolv.conf"] = Stub },
                linkTargets: new Dictionary<string, string> { [ResolvConfRenderer.FilePath] = "../usr/lib/systemd/resolv.conf" }),
            "a local resolver's file" => File("nameserver 127.0.0.1\noptions edns0 trust-ad\n"),
            "our file with trust-ad added" => File("# Automatically generated, do not edit\noptions trust-ad\nnameserver 69.20.0.164\nnameserver 69.20.0.196\n"),
            "a file naming one of them" => File("options trust-ad\nnameserver 69.20.0.164\n"),
            _ => File("options\ttrust-ad\nnameserver 69.20.0.164\nnameserver 69.20.0.196\nnameserver 127.0.0.1\n"),
        };
        var file = Assert.Single(ResolvConfRenderer.Render(configuration, view, replaceLink: view.IsSymbolicLink(ResolvConfRenderer.FilePath)).Files);
        Assert.Equal(options is null ? [] : [options], file.Contents.Split('\n').Where(line => line.StartsWith("options", StringComparison.Ordinal)));
        using var directory = new TemporaryDirectory();
        var resolvConf = directory.Combine("resolv.conf");
        await System.IO.File.WriteAllTextAsync(resolvConf, file.Contents, TestContext.Current.CancellationToken);

        // A default route into a veth nothing answers on, so the query is sent (and never answered: one try of a second per server).
        var script = $"""
            mount --bind {ShellWords.Quote(resolvConf)} /etc/resolv.conf || exit 95
            ip link set lo up && ip link add v0 type veth peer name v1 && ip addr add 198.51.100.1/24 dev v0 && ip link set v1 up && ip link set v0 up && ip route add default dev v0 || exit 96
            RES_OPTIONS='timeout:1 attempts:1' {strace} -f -e trace=sendto,sendmmsg -xx -s 8 getent ahosts probe.example
            exit 0
            """;
        var result = await ExternalTool.RunAsync(unshare, ["-mn", "/bin/sh", "-c", script], timeout: TimeSpan.FromMinutes(1));
        var transcript = $"exit {result.ExitCode}\n{result.StandardError}\nresolv.conf:\n{file.Contents}";
        Assert.True(result.ExitCode == 0, transcript);
        var query = QueryHeader().Match(result.StandardError);
        Assert.True(query.Success, $"no DNS query seen\n{transcript}");

        // The header's fourth byte holds AD (0x20); the first query shows what every one carries.
        var ad = (byte.Parse(query.Groups["flags"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0x20) != 0;
        Assert.True(ad == trusted, $"AD bit {(ad ? "set" : "clear")} in glibc's query\n{transcript}");
    }

    private static InMemoryFileView File(string text) => new(new Dictionary<string, string> { [ResolvConfRenderer.FilePath] = text });

    /// <summary>The first four bytes of a query as strace shows the buffer sent (<c>sendto</c>, or <c>sendmmsg</c>'s <c>iov_base</c>).</summary>
    [GeneratedRegex(@"(?:sendto\(\d+, |iov_base=)""\\x[0-9a-f]{2}\\x[0-9a-f]{2}\\x[0-9a-f]{2}\\x(?<flags>[0-9a-f]{2})")]
    private static partial Regex QueryHeader();
}
