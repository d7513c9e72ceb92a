using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Testing;
using ShellWords = GuestAgent.Testing.ShellWords;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Names resolve through the servers Nova gave, asked by the real resolvers that read what we write
/// (<see cref="NovaDnsServers"/>: a real server on each address, in a host network namespace): glibc
/// reading our <c>/etc/resolv.conf</c>, and systemd-resolved reading our drop-in. A server written in a
/// form the resolver does not parse, or cannot reach (a link-local one without its interface), shows
/// as a name that does not resolve.
/// </summary>
public sealed class ResolverQueryTests
{
    /// <summary>Where <c>.ci/run</c> unpacks systemd-resolved (installed, it would take over this machine's resolv.conf).</summary>
    private const string Resolved = AlpineIfup.Root + "/systemd-resolved/lib/systemd/systemd-resolved";

    /// <summary>
    /// Every fixture with servers, and <see cref="LinkLocalFirst"/>: glibc asks the first three only,
    /// and no fixture puts a link-local server among them.
    /// </summary>
    public static TheoryData<string> Cases() =>
        new(NovaDnsServers.FixturesWithServers.Append(LinkLocalFirst));

    private const string LinkLocalFirst = "link-local-first";

    private static NetworkConfiguration Configuration(string name) => name == LinkLocalFirst
        ? NetworkConfigurationBuilder.Build(
            [new("k0", Encoding.UTF8.GetBytes("""{"mac":"00:16:3e:00:00:01","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}],"dns":["fe80::53","192.0.2.2"]}"""))],
            null, null, [new SystemInterface("eth0", MacAddress.TryParse("00:16:3e:00:00:01", out var mac) ? mac : throw new InvalidOperationException())], [])
        : NetworkFixture.Load(name).Build();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Glibc_reaches_every_server_it_reads_from_our_resolv_conf(string configurationName)
    {
        var configuration = Configuration(configurationName);
        // The machine's options line is kept (a refused name is not waited on anyway).
        var current = new InMemoryFileView(new Dictionary<string, string> { [ResolvConfRenderer.FilePath] = "options timeout:1 attempts:1\n" });
        var file = Assert.Single(ResolvConfRenderer.Render(configuration, current).Files);
        using var directory = new TemporaryDirectory();
        var resolvConf = directory.Combine("resolv.conf");
        await File.WriteAllTextAsync(resolvConf, file.Contents, TestContext.Current.CancellationToken);

        var (answers, transcript) = await NovaDnsServers.AskEachAsync(configuration, $"mount --bind {ShellWords.Quote(resolvConf)} /etc/resolv.conf || exit 95");

        for (var index = 0; index < Math.Min(NovaDnsServers.GlibcServers, configuration.ScopedDnsServers.Count); index++)
        {
            AssertAnswered(answers, index, $"glibc, server {configuration.ScopedDnsServers[index]}", transcript);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Systemd_resolved_reaches_every_server_of_our_drop_in(string configurationName)
    {
        RequireResolved();
        var configuration = Configuration(configurationName);
        var dropIn = Assert.Single(ResolvedDropInRenderer.Render(configuration).Files);
        using var directory = new TemporaryDirectory();
        var dropInFile = directory.Combine("90-guest-agent.conf");
        await File.WriteAllTextAsync(dropInFile, dropIn.Contents, TestContext.Current.CancellationToken);

        var (answers, transcript) = await NovaDnsServers.AskEachAsync(configuration, ResolvedSetup(directory, dropInFile));

        for (var index = 0; index < configuration.ScopedDnsServers.Count; index++)
        {
            AssertAnswered(answers, index, $"systemd-resolved, server {configuration.ScopedDnsServers[index]}", transcript);
        }
    }

    private static void AssertAnswered(IReadOnlyDictionary<string, string> answers, int index, string what, string transcript) =>
        Assert.True(
            NovaDnsServers.ProbeAnswers(index).Contains(answers.GetValueOrDefault(NovaDnsServers.ProbeName(index))),
            $"{what}: {NovaDnsServers.ProbeName(index)} did not resolve to {string.Join(" or ", NovaDnsServers.ProbeAnswers(index))}\n{transcript}");

    /// <summary>
    /// resolved with our drop-in the only configuration it reads (a tmpfs over <c>/etc/systemd</c>), its
    /// runtime directory on a tmpfs, its user added when this machine lacks it (the package would add
    /// it), and <c>/etc/resolv.conf</c> naming its stub, as the package links it.
    /// </summary>
    private static string ResolvedSetup(TemporaryDirectory directory, string dropInFile)
    {
        var passwd = directory.Combine("passwd");
        var group = directory.Combine("group");
        File.WriteAllText(passwd, File.ReadAllText("/etc/passwd") + "systemd-resolve:x:991:991::/:/usr/sbin/nologin\n");
        File.WriteAllText(group, File.ReadAllText("/etc/group") + "systemd-resolve:x:991:\n");
        var stub = directory.Combine("resolv.conf");
        File.WriteAllText(stub, "nameserver 127.0.0.53\noptions edns0 trust-ad\n");
        var log = directory.Combine("resolved.log");
        return $"""
            if ! getent passwd systemd-resolve > /dev/null; then mount --bind {ShellWords.Quote(passwd)} /etc/passwd && mount --bind {ShellWords.Quote(group)} /etc/group || exit 95; fi
            mount -t tmpfs tmpfs /run/systemd && mount -t tmpfs tmpfs /etc/systemd && mkdir /etc/systemd/resolved.conf.d || exit 95
            cp {ShellWords.Quote(dropInFile)} /etc/systemd/resolved.conf.d/ && mount --bind {ShellWords.Quote(stub)} /etc/resolv.conf || exit 95
            SYSTEMD_LOG_LEVEL=debug {Resolved} > {ShellWords.Quote(log)} 2>&1 & servers="$servers $!"
            for i in $(seq 100); do [ -S /run/systemd/resolve/io.systemd.Resolve ] && break; sleep 0.05; done
            trap 'kill $servers $host 2>/dev/null; echo @log; tail -n 60 {ShellWords.Quote(log)}' EXIT
            """;
    }

    private static void RequireResolved()
    {
        if (!File.Exists(Resolved))
        {
            Requirement.Unmet($"'{Resolved}' is missing: (mkdir -p {AlpineIfup.Root} && cd /tmp && apt-get download systemd-resolved && dpkg -x systemd-resolved_*.deb {AlpineIfup.Root}/systemd-resolved), as .ci/run does");
        }
    }
}
