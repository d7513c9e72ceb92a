using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;
using ShellWords = GuestAgent.Testing.ShellWords;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Debian's way for ifupdown's servers: Debian's <c>ifup</c> brings up our interfaces file, the
/// <c>resolvconf</c> package's <c>if-up.d</c> hook hands each stanza's <c>dns-nameservers</c> to
/// <c>resolvconf -a</c>, which writes <c>/run/resolvconf/resolv.conf</c>, where <c>/etc/resolv.conf</c>
/// links (what <c>DnsRouting</c> counts on for ifupdown with the hook and a live link). glibc must then
/// reach the servers (<see cref="NovaDnsServers"/>). resolvconf is unpacked by <c>.ci/run</c>, not
/// installed (it would take over this machine's resolv.conf); in the test's mount namespace an overlay
/// on <c>/etc</c> and <c>/usr</c> puts its files where they are installed.
/// </summary>
public sealed class DebianResolvconfQueryTests
{
    private const string Package = AlpineIfup.Root + "/resolvconf";

    public static TheoryData<string> Fixtures() => new(NovaDnsServers.FixturesWithServers);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Glibc_reaches_the_servers_ifup_hands_to_resolvconf(string fixture)
    {
        var ifup = ExternalTool.Require("ifup", "ifupdown");
        if (!File.Exists(Path.Combine(Package, "sbin", "resolvconf")))
        {
            Requirement.Unmet($"'{Package}' is missing: (mkdir -p {AlpineIfup.Root} && cd /tmp && apt-get download resolvconf && dpkg -x resolvconf_*.deb {Package}), as .ci/run does");
        }

        var configuration = NetworkFixture.Load(fixture).Build();
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("interfaces");
        await File.WriteAllTextAsync(file, new IfupdownRenderer().Render(configuration, new InMemoryFileView()).Files.Single().Contents, TestContext.Current.CancellationToken);
        var names = string.Join(' ', configuration.Interfaces.Select(nic => ShellWords.Quote(nic.Name)));
        var setup = $"""
            mount -t tmpfs tmpfs /run && mkdir -p /run/o/eu /run/o/ew /run/o/uu /run/o/uw /run/network /run/resolvconf/interface || exit 95
            mount -t overlay overlay -o lowerdir=/etc,upperdir=/run/o/eu,workdir=/run/o/ew /etc && mount -t overlay overlay -o lowerdir=/usr,upperdir=/run/o/uu,workdir=/run/o/uw /usr || exit 95
            rm -rf /etc/network/if-*.d && mkdir /etc/network/if-pre-up.d /etc/network/if-up.d /etc/network/if-down.d /etc/network/if-post-down.d || exit 95
            cp {Package}/etc/network/if-up.d/000resolvconf /etc/network/if-up.d/ && cp -r {Package}/etc/resolvconf /etc/ || exit 95
            cp {Package}/sbin/resolvconf /usr/sbin/ && cp -r {Package}/lib/resolvconf /usr/lib/ && touch /run/resolvconf/enable-updates || exit 95
            rm -f /etc/resolv.conf && ln -s ../run/resolvconf/resolv.conf /etc/resolv.conf || exit 95
            for nic in {names}; do {ifup} -i {ShellWords.Quote(file)} "$nic" > /run/ifup.out 2>&1 || (echo "@ifup $nic failed"; cat /run/ifup.out); done
            echo @resolv.conf; cat /run/resolvconf/resolv.conf
            """;

        var (answers, transcript) = await NovaDnsServers.AskEachAsync(configuration, setup, guestAddresses: false);

        Assert.False(transcript.Contains("\n@ifup ", StringComparison.Ordinal), transcript);
        var reached = Enumerable.Range(0, configuration.ScopedDnsServers.Count)
            .Count(index => NovaDnsServers.ProbeAnswers(index).Contains(answers.GetValueOrDefault(NovaDnsServers.ProbeName(index))));
        Assert.True(reached == Math.Min(NovaDnsServers.GlibcServers, configuration.ScopedDnsServers.Count), $"glibc reached {reached} of the servers:\n{transcript}");
    }
}
