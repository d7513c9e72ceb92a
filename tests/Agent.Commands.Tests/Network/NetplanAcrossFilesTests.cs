using GuestAgent.Commands.Network.Parsing;
using static GuestAgent.Commands.Tests.Network.RackspaceNetplan;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// One id defined in two other netplan files, held against the real <c>netplan generate</c> (0.106), for rackspace's eth0
/// (bc:76:4e:20:6c:5a): under two sections netplan fails on them; in one section it merges them, a kept catch-all's match included.
/// </summary>
public sealed class NetplanAcrossFilesTests
{
    private const string A = "/etc/netplan/10-a.yaml";
    private const string B = "/etc/netplan/20-b.yaml";
    private const string RunB = "/run/netplan/20-b.yaml";
    private const string Yml = "/etc/netplan/20-b.yml";
    private const string Own = "/etc/netplan/90-guest-agent.yaml";
    private const string Head = "network:\n  version: 2\n";
    private const string LanEthernet = Head + "  ethernets:\n    lan:\n      match: {name: eth9}\n";
    private const string LanBond = Head + "  bonds:\n    lan:\n      interfaces: [eth8]\n";

    // Before session 34 each file was checked alone: both kept, and netplan went on failing on the tree after the reset.
    [Theory]
    [InlineData(B, "already")]
    [InlineData(RunB, "already")]
    public async Task An_id_under_two_sections_of_two_files_is_refused_as_netplan_fails_on_them(string bond, string when)
    {
        var files = new Dictionary<string, string> { [A] = LanEthernet, [bond] = LanBond };
        var (root, generate) = await NetplanAlone.GenerateAsync(files);
        using (root)
        {
            Assert.Contains("Updated definition 'lan' changes device type", generate.StandardError, StringComparison.Ordinal);
        }

        Assert.Equal(
            $"{A} defines 'lan' under ethernets and {bond} under bonds, which netplan rejects (\"Updated definition 'lan' changes device type\"), " +
            $"so netplan fails on them {when}; define it in one section of one file; nothing was changed",
            Refusal(files));
    }

    [Fact]
    public void Files_netplan_reads_together_only_after_the_next_boot_are_refused_for_then()
    {
        // /run/netplan/20-b.yaml hides /etc's until the next boot, when /run starts empty and netplan reads 10-a.yaml with /etc's 20-b.yaml.
        var files = new Dictionary<string, string> { [A] = LanEthernet, [RunB] = LanEthernet.Replace("lan", "wan", StringComparison.Ordinal), [B] = LanBond };

        Assert.EndsWith(
            "so netplan fails on them after the next boot; define it in one section of one file; nothing was changed",
            Refusal(files),
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_and_the_run_file_hiding_it_are_never_read_together()
    {
        Assert.DoesNotContain(Render(new Dictionary<string, string> { [RunB] = LanEthernet, [B] = LanBond }).Files, f => f.Path != Own);
    }

    // netplan reads only *.yaml: a .yml's bond 'lan' is no conflict (generate succeeds). Before the session 34 review it was refused.
    [Fact]
    public async Task A_yml_file_is_never_read_with_another()
    {
        var files = new Dictionary<string, string> { [A] = LanEthernet, [Yml] = LanBond };
        (await NetplanAlone.GeneratedAsync(files)).Dispose();

        Assert.DoesNotContain(Render(files).Files, f => f.Path != Own);
    }

    // netplan merges the match: keys of each occurrence (Name=eth* and PermanentMACAddress=00:11:22:33:44:55 in one 10-netplan-all.network): the
    // merged match leaves eth0 out. Before session 34 the occurrence with name: "eth*" alone was refused as catching eth0.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_catch_all_narrowed_by_another_occurrence_of_its_id_is_kept(bool twoFiles)
    {
        var files = CatchAll("      match: {macaddress: \"00:11:22:33:44:55\"}\n", twoFiles);
        using (var root = await NetplanAlone.GeneratedAsync(files))
        {
            var all = File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-all.network"));
            Assert.Contains("Name=eth*", all);
            Assert.Contains("PermanentMACAddress=00:11:22:33:44:55", all);
        }

        Assert.DoesNotContain(Render(files).Files, f => f.Path != Own);
    }

    // eth0's driver, unread here, counts as matching; an occurrence without a match: leaves the earlier one's. The refusal is named after
    // the file the merged match: comes from (checked on 0.106: B's name: "e*" replaces A's, Name=e*; B's match: {} leaves A's, Name=eth*).
    [Theory]
    [InlineData("      match: {driver: virtio_net}\n", true, A, $", also written in {B}, which netplan merges, its match: from {A} and {B}", "name \"eth*\", driver \"virtio_net\"")]
    [InlineData("      match: {driver: virtio_net}\n", false, A, ", written 2 times there, which netplan merges", "name \"eth*\", driver \"virtio_net\"")]
    [InlineData("      dhcp6: true\n", false, A, ", written 2 times there, which netplan merges", "name \"eth*\"")]
    [InlineData("      dhcp6: true\n", true, A, $", also written in {B}, which netplan merges", "name \"eth*\"")]
    [InlineData("      match: {}\n", true, A, $", also written in {B}, which netplan merges", "name \"eth*\"")]
    [InlineData("      match: {name: \"e*\"}\n", true, B, $", also written in {A}, which netplan merges", "name \"e*\"")]
    public void A_catch_all_whose_merged_match_catches_the_interface_is_refused_with_it(string second, bool twoFiles, string named, string merged, string match)
    {
        var files = CatchAll(second, twoFiles);

        Assert.StartsWith(
            $"{named} has the definition 'all' (ethernets{merged}) whose match: ({match}) also matches eth0, which resetnetwork configures;",
            Refusal(files),
            StringComparison.Ordinal);
    }

    // netplan reads a match: written only in a later occurrence as the definition's (Name=eth* in 10-netplan-all.network). The refusal
    // names the file the match: is in, where it is to be narrowed (before session 36, the first occurrence's, which has none).
    [Theory]
    [InlineData(true, B, $", also written in {A}, which netplan merges")]
    [InlineData(false, A, ", written 2 times there, which netplan merges")]
    public async Task A_catch_alls_match_written_only_in_a_later_occurrence_is_its_match(bool twoFiles, string named, string merged)
    {
        var files = CatchAll("      match: {name: \"eth*\"}\n", twoFiles, firstMatch: "");
        using (var root = await NetplanAlone.GeneratedAsync(files))
        {
            Assert.Contains("Name=eth*", File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-all.network")));
        }

        Assert.StartsWith(
            $"{named} has the definition 'all' (ethernets{merged}) whose match: (name \"eth*\") also matches eth0, which resetnetwork configures;",
            Refusal(files),
            StringComparison.Ordinal);
    }

    // netplan matches a definition by its id when its first occurrence has no match: (Name=all), and a later match: without a name keeps
    // that name: match: {} is not every interface then, nor match: {driver: …} every interface of that driver (Driver= and Name=all).
    // Before session 37 the merged match was empty, or the driver alone, and the definition refused as catching eth0.
    [Theory]
    [InlineData("      match: {}\n", true)]
    [InlineData("      match: {}\n", false)]
    [InlineData("      match: {driver: virtio_net}\n", true)]
    public async Task A_later_match_without_a_name_keeps_the_id_of_an_occurrence_without_one(string second, bool twoFiles)
    {
        var files = CatchAll(second, twoFiles, firstMatch: "");
        using (var root = await NetplanAlone.GeneratedAsync(files))
        {
            Assert.Contains("Name=all", File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-all.network")));
        }

        Assert.DoesNotContain(Render(files).Files, f => f.Path != Own);
    }

    // The other way round, an earlier match: {} stays empty (no Name= at all): every interface, refused.
    [Fact]
    public async Task An_empty_match_followed_by_an_occurrence_without_one_catches_every_interface()
    {
        var files = CatchAll("      dhcp6: true\n", twoFiles: true, firstMatch: "      match: {}\n");
        using (var root = await NetplanAlone.GeneratedAsync(files))
        {
            Assert.DoesNotContain(File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-all.network")), line => line.StartsWith("Name=", StringComparison.Ordinal));
        }

        Assert.StartsWith($"{A} has the definition 'all' (ethernets, also written in {B}, which netplan merges) whose match: (empty) also matches eth0,", Refusal(files), StringComparison.Ordinal);
    }

    // A .yml's occurrence narrows nothing: netplan never reads it (Name=eth* alone, no PermanentMACAddress=). Before the session 34 review
    // the .yaml's catch-all was merged with it and kept.
    [Fact]
    public async Task A_catch_all_is_not_narrowed_by_a_yml_file()
    {
        var files = InYml(CatchAll("      match: {macaddress: \"00:11:22:33:44:55\"}\n", twoFiles: true));
        using (var root = await NetplanAlone.GeneratedAsync(files))
        {
            Assert.DoesNotContain("PermanentMACAddress=00:11:22:33:44:55", File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-all.network")));
        }

        Assert.StartsWith(
            $"{A} has the definition 'all' (ethernets) whose match: (name \"eth*\") also matches eth0,",
            Refusal(files),
            StringComparison.Ordinal);
    }

    // A .yml's own catch-all is judged alone, as an /etc .yml is reconciled like a .yaml (NetplanOtherDirectoriesTests): refused, where
    // merged with the .yaml's occurrence before it (macaddress) it was kept. The text says netplan does not read it now (before session 40
    // it said only "netplan would write a networkd file", as for a .yaml).
    [Fact]
    public void A_catch_all_in_a_yml_file_is_judged_alone()
    {
        var files = InYml(CatchAll("      match: {name: \"eth*\"}\n", twoFiles: true, firstMatch: "      match: {macaddress: \"00:11:22:33:44:55\"}\n"));

        Assert.Equal(
            $"{Yml} has the definition 'all' (ethernets) whose match: (name \"eth*\") also matches eth0, which resetnetwork configures; " +
            "netplan does not read the file (only *.yaml files), but resetnetwork reconciles an /etc/netplan .yml file like a .yaml one, and read as one, " +
            "netplan would write a networkd file for 'all' beside eth0's, and networkd could configure eth0 with it instead of the configured addresses; " +
            "narrow that match so that it leaves eth0 out, or remove 'all', or move the file out of /etc/netplan, or let another network system configure this guest; " +
            "nothing was changed",
            Refusal(files));
    }

    private static string Refusal(Dictionary<string, string> files) => Assert.Throws<InvalidNetworkDataException>(() => Render(files)).Message;

    /// <summary>The files with B's text in a <c>.yml</c> of its name instead, which netplan never reads.</summary>
    private static Dictionary<string, string> InYml(Dictionary<string, string> files) =>
        new() { [A] = files[A], [Yml] = files[B] };

    /// <summary>
    /// The catch-all <c>all</c> (<paramref name="firstMatch"/>, by default <c>match: {name: "eth*"}</c>) in A, written again with
    /// <paramref name="second"/> in B or after it in A.
    /// </summary>
    private static Dictionary<string, string> CatchAll(string second, bool twoFiles, string firstMatch = "      match: {name: \"eth*\"}\n")
    {
        var first = Head + "  ethernets:\n    all:\n" + firstMatch + "      dhcp4: true\n";
        return twoFiles
            ? new Dictionary<string, string> { [A] = first, [B] = Head + "  ethernets:\n    all:\n" + second }
            : new Dictionary<string, string> { [A] = first + "    all:\n" + second };
    }
}
