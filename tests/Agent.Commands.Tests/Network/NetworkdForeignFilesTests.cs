using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Which foreign <c>.network</c> files the networkd renderer refuses (<see cref="NetworkdForeignFiles"/>):
/// one networkd would take for eth0 before ours, by its name's place across the directories and its
/// <c>[Match]</c>. <see cref="NetworkdReapplyTests"/> checks the refusal against the real networkd.
/// </summary>
public sealed class NetworkdForeignFilesTests
{
    private const string Etc = "/etc/systemd/network";

    public static TheoryData<string, string, string?> Files() => new()
    {
        { $"{Etc}/00-eth0.network", "[Match]\nName=eth0\n\n[Network]\nDHCP=yes\n", "Name=eth0" },
        { $"{Etc}/05-eth0.network", "[Match]\nName=eth0\n", "Name=eth0" },
        { $"{Etc}/10-eth0.network", "[Match]\nName=eth0\n", null },
        { "/usr/lib/systemd/network/05-guest-agent-e.network", "[Match]\nName=eth0\n", "Name=eth0" },
        { "/usr/lib/systemd/network/99-default.network", "[Match]\nName=*\n", null },
        { $"{Etc}/00-eth1.network", "[Match]\nName=eth1\n", null },
        { $"{Etc}/00-glob.network", "[Match]\nName=en* eth?\n", "Name=en* eth?" },
        { $"{Etc}/00-not.network", "[Match]\nName=!eth0\n", null },
        { $"{Etc}/00-reset.network", "[Match]\nName=eth0\nName=\nName=eth1\n", null },
        { $"{Etc}/00-cleared.network", "[Match]\nName=eth1\nName=\n", "no [Match] condition" },
        { $"{Etc}/00-eth0.network.bak", "[Match]\nName=eth0\n", null },
        { $"{Etc}/00-comment.network", "# [Match] Name=eth1\n[Match]\n; Name=eth1\n  Name = eth0  \n", "Name=eth0" },
        { $"{Etc}/00-other-section.network", "[Network]\nName=eth1\n[Match]\nName=eth0\n", "Name=eth0" },
        { $"{Etc}/00-later-section.network", "[Match]\nName=eth0\n[Link]\nName=eth1\n", "Name=eth0" },
        { $"{Etc}/00-link-mac.network", "[Match]\nName=eth0\n\n[Link]\nMACAddress=00:16:3e:00:00:99\n", "Name=eth0" },
        { $"{Etc}/00-mac.network", "[Match]\nMACAddress=00:16:3e:00:00:02 00:16:3E:00:00:01\n", "MACAddress=00:16:3e:00:00:02 00:16:3E:00:00:01" },
        { $"{Etc}/00-other-mac.network", "[Match]\nMACAddress=00:16:3e:00:00:02\n", null },
        { $"{Etc}/00-ether.network", "[Match]\nType=ether\nName=eth*\n", "Type=ether, Name=eth*" },
        { $"{Etc}/00-wlan.network", "[Match]\nType=wlan\nName=eth*\n", null },
        { $"{Etc}/00-xen.network", "[Match]\nVirtualization=xen\n", "Virtualization=xen" },
        { $"{Etc}/00-no-match.network", "[Network]\nDHCP=yes\n", "no [Match] condition" },
        { $"{Etc}/00-empty.network", "", null },
        { $"{Etc}/00-vif.network", "[Match]\nDriver=vif\n", "Driver=vif" },
        { $"{Etc}/00-e1000.network", "[Match]\nDriver=e1000\n", null },
    };

    /// <summary>Each file, and how the refusal describes its match (<c>null</c>: not refused).</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void A_foreign_file_before_ours_that_matches_eth0_is_refused(string path, string contents, string? described)
    {
        var view = new InMemoryFileView(
            new Dictionary<string, string>(StringComparer.Ordinal) { [path] = contents },
            linkTargets: new Dictionary<string, string>(StringComparer.Ordinal) { ["/sys/class/net/eth0/device/driver"] = "../../../bus/xen/drivers/vif" });

        var refusal = Record.Exception(() => Render(view));

        if (described is not null)
        {
            var error = Assert.IsType<InvalidNetworkDataException>(refusal);
            Assert.StartsWith($"{path} also matches eth0 ({described}), which resetnetwork configures, and comes before 05-guest-agent-eth0.network", error.Message, StringComparison.Ordinal);
            Assert.EndsWith("nothing was changed", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(refusal);
        }
    }

    /// <summary>
    /// Drop-ins, read as networkd 252 reads them, and its directories' precedence (<see cref="NetworkdDropInCases"/>, each checked
    /// on the real networkd by <see cref="NetworkdDropInTests"/>): a foreign file's drop-ins can make it match eth0 or leave eth0
    /// out, and any drop-in of our own file changes what networkd applies to eth0.
    /// </summary>
    [Theory]
    [MemberData(nameof(NetworkdDropInCases.Names), MemberType = typeof(NetworkdDropInCases))]
    public void A_drop_in_is_read_as_networkd_reads_it(string name)
    {
        var (files, refusal) = NetworkdDropInCases.Cases[name];
        var view = new InMemoryFileView(
            files.Where(f => f.Contents is not null).ToDictionary(f => f.Path, f => f.Contents!, StringComparer.Ordinal),
            linkTargets: files.Where(f => f.Contents is null).ToDictionary(f => f.Path, _ => "/dev/null", StringComparer.Ordinal));

        var error = Record.Exception(() => Render(view));

        if (refusal is null)
        {
            Assert.Null(error);
        }
        else
        {
            var message = Assert.IsType<InvalidNetworkDataException>(error).Message;
            Assert.StartsWith(refusal, message, StringComparison.Ordinal);
            Assert.EndsWith("nothing was changed", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Our_own_earlier_file_a_masked_one_and_one_hidden_by_a_mask_are_not_refused()
    {
        var view = new InMemoryFileView(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [$"{Etc}/05-guest-agent-e.network"] = "[Match]\nName=eth*\n",
                ["/usr/lib/systemd/network/00-hidden.network"] = "[Match]\nName=eth0\n",
            },
            linkTargets: new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [$"{Etc}/00-hidden.network"] = "/dev/null",
                ["/run/systemd/network/01-masked.network"] = "/dev/null",
            });

        Assert.NotEmpty(Render(view).Files);
    }

    [Fact]
    public void A_name_in_etc_hides_the_same_name_in_run()
    {
        var view = new InMemoryFileView(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"{Etc}/00-x.network"] = "[Match]\nName=eth1\n",
            ["/run/systemd/network/00-x.network"] = "[Match]\nName=eth0\n",
        });

        Assert.NotEmpty(Render(view).Files);
    }

    [Fact]
    public void Every_configured_interface_is_checked_against_its_own_file_name()
    {
        // After eth0's file, before eth1's: only eth1 is caught (a name of our prefix outside /etc is not ours).
        var configuration = NetworkFixture.Load("several-interfaces").Build();
        var view = new InMemoryFileView(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/run/systemd/network/05-guest-agent-eth0z.network"] = "[Match]\nName=eth*\n",
        });

        var error = Assert.Throws<InvalidNetworkDataException>(() => new NetworkdRenderer().Render(configuration, view));

        Assert.StartsWith("/run/systemd/network/05-guest-agent-eth0z.network also matches eth1 (Name=eth*)", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The file named so that it is the one found (escaped, not made safe by the response writer, which
    /// would turn the backslash into <c>/</c>), and a long <c>[Match]</c> quoted only so far: each key's
    /// values, and all of them.
    /// </summary>
    [Fact]
    public void The_refusal_names_an_odd_file_exactly_and_quotes_a_long_match_only_so_far()
    {
        var names = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"x{i:D2}")) + " eth0";
        var keys = string.Concat(Enumerable.Range(0, 10).Select(i => $"Host{i}=h{i}\n"));
        var view = new InMemoryFileView(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"{Etc}/00-a\\b\"c'.network"] = $"[Match]\nName={names}\n{keys}",
        });

        var message = Assert.Throws<InvalidNetworkDataException>(() => Render(view)).Message;

        var described = $"Name={names[..59]}..., Host0=h0, Host1=h1, Host2=h2, Host3=h3, Host4=h4, Host5=h5, Host6=h6, Host7=h7, Host8=h8, Host9=h9";
        Assert.StartsWith($"{Etc}/00-a%5Cb%22c%27.network also matches eth0 ({described}), which resetnetwork configures", message, StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed", message, StringComparison.Ordinal);

        var many = new InMemoryFileView(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"{Etc}/00-many.network"] = "[Match]\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"Host{i:D2}=a-host-name-{i:D2}\n")),
        });
        var cut = Assert.Throws<InvalidNetworkDataException>(() => Render(many)).Message;
        var all = string.Join(", ", Enumerable.Range(0, 40).Select(i => $"Host{i:D2}=a-host-name-{i:D2}"));
        Assert.StartsWith($"{Etc}/00-many.network also matches eth0 ({all[..256]}...), which", cut, StringComparison.Ordinal);
    }

    private static RenderResult Render(IFileView view) => new NetworkdRenderer().Render(NetworkFixture.Load("ipv4-only").Build(), view);
}
