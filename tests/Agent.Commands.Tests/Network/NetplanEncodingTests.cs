using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using static GuestAgent.Commands.Tests.Network.RackspaceNetplan;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Another netplan file's bytes, held against the real <c>netplan generate</c> (0.106), whose YAML reader (libyaml) decodes UTF-8, or
/// UTF-16 after its byte-order mark, and fails on bytes that are no character and on control characters: such a file is refused as
/// netplan refuses it (never read with U+FFFD in place of its bytes, nor rewritten so); a UTF-16 file is read, and refused only when it
/// must be edited (the edit is written in UTF-8); a byte-order mark at a line's start is read as the column libyaml counts it as.
/// </summary>
public sealed class NetplanEncodingTests
{
    private const string Lan = "network:\n  version: 2\n  ethernets:\n    lan:\n      match: {name: eth9}\n";
    private const string Eth0 = "    eth0:\n      dhcp4: true\n";

    // Before session 36 the file was read with U+FFFD in place of the bytes, and its edit written back so: the bytes lost.
    [Theory]
    [InlineData("# caf\xE9\n", 5, "UTF-8")]
    [InlineData("# \xFF\n", 2, "UTF-8")]
    [InlineData("# \xE2\x82\n", 2, "UTF-8")]
    [InlineData("# \xED\xA0\x80\n", 2, "UTF-8")]
    [InlineData("# \xC0\x80\n", 2, "UTF-8")]
    [InlineData("# \xE0\x80\x80\n", 2, "UTF-8")]
    [InlineData("# \xF4\x90\x80\x80\n", 2, "UTF-8")]
    public async Task A_file_that_is_no_valid_utf8_is_refused_as_netplan_refuses_it(string comment, int offset, string encoding)
    {
        var bytes = Latin1(comment).Concat(Encoding.UTF8.GetBytes(Lan + Eth0)).ToArray();
        Assert.Equal(Invalid(CloudInit, encoding, offset, "already"), await RefusedAsync(bytes, "Invalid YAML"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_utf16_file_with_a_lone_surrogate_is_refused_as_netplan_refuses_it(bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("#")).Concat(bigEndian ? [0xD8, 0x00] : [0x00, 0xD8])
            .Concat(encoding.GetBytes("\n" + Lan + Eth0)).ToArray();
        Assert.Equal(Invalid(CloudInit, "UTF-16", 4, "already"), await RefusedAsync(bytes, "surrogate"));
    }

    [Fact]
    public async Task A_utf16_file_ending_in_half_a_character_is_refused_as_netplan_refuses_it()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Lan + Eth0)).Append((byte)'\n').ToArray();
        Assert.Equal(Invalid(CloudInit, "UTF-16", bytes.Length - 1, "already"), await RefusedAsync(bytes, "incomplete UTF-16 character"));
    }

    [Theory]
    [InlineData("\u0001", 1)]
    [InlineData("\u007F", 1)]
    [InlineData("\u0080", 1)]
    [InlineData("\uFFFE", 1)]
    public async Task A_file_holding_a_control_character_is_refused_as_netplan_refuses_it(string character, int line)
    {
        var bytes = Encoding.UTF8.GetBytes("# x" + character + "\n" + Lan + Eth0);
        Assert.Equal(
            $"{CloudInit} holds the character U+{(int)character[0]:X4} on line {line}, which netplan refuses (\"control characters are not allowed\"), " +
            "so netplan fails on it already; remove it; nothing was changed",
            await RefusedAsync(bytes, "control characters are not allowed"));
    }

    // Every other character libyaml allows, so netplan takes it in a quoted value (checked: written into Domains=) and in a comment: it is
    // read, never refused (that would stop a reset netplan has no quarrel with), and the edit keeps it. The bounds of libyaml's ranges
    // (U+00A0, U+D7FF, U+E000, U+FFFD), a character beyond U+FFFF (a surrogate pair once decoded), tab, and a mark inside a line.
    [Theory]
    [InlineData("\t")]
    [InlineData("\u00A0")]
    [InlineData("\uD7FF")]
    [InlineData("\uE000")]
    [InlineData("\uFEFF")]
    [InlineData("\uFFFD")]
    [InlineData("\U0001F600")]
    public async Task A_character_netplan_allows_is_read_and_kept_by_the_edit(string character)
    {
        var lan = Lan + $"      nameservers: {{search: [\"a{character}b\"]}}  # c{character}\n";
        using var root = NetplanTwoNicMachine.Machine(string.Empty);
        File.WriteAllBytes(root.Host(CloudInit), Encoding.UTF8.GetBytes(lan + Eth0));
        Assert.Equal(0, (await NetplanTwoNicMachine.GenerateAsync(root)).ExitCode);
        Assert.Contains($"Domains=a{character}b\n", File.ReadAllText(root.Host("/run/systemd/network/10-netplan-lan.network")), StringComparison.Ordinal);

        var edited = Assert.Single(RenderFiles(root).Files, f => f.Path == CloudInit).Contents;
        Assert.StartsWith(lan, edited, StringComparison.Ordinal);
        Assert.DoesNotContain(Eth0, edited, StringComparison.Ordinal);
    }

    [Fact]
    public void The_line_of_a_control_character_counts_libyamls_line_breaks()
    {
        var message = Assert.Throws<InvalidNetworkDataException>(() => Render(Lan + "    eth0: {}\r    # \u0007\n")).Message;
        Assert.StartsWith($"{CloudInit} holds the character U+0007 on line 7,", message, StringComparison.Ordinal);
    }

    // netplan does not read the /etc file while the /run file of its name hides it: it fails on it once that one is gone.
    [Fact]
    public void A_file_that_netplan_reads_only_after_the_next_boot_is_refused_as_failing_then()
    {
        using var root = NetplanTwoNicMachine.Machine(string.Empty);
        File.WriteAllBytes(root.Host(CloudInit), [.. Latin1("# \xFF\n"), .. Encoding.UTF8.GetBytes(Lan)]);
        root.Write("/run/netplan/50-cloud-init.yaml", Lan);
        Assert.Equal(
            Invalid(CloudInit, "UTF-8", 2, "after the next boot"),
            Assert.Throws<InvalidNetworkDataException>(() => RenderFiles(root)).Message);
    }

    // Before session 36 the edit was written in UTF-8, the file's encoding lost (netplan read it the same).
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_utf16_file_is_read_and_refused_only_when_it_must_be_edited(bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        byte[] Utf16(string text) => [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
        using var root = NetplanTwoNicMachine.Machine(string.Empty);
        File.WriteAllBytes(root.Host(CloudInit), Utf16(Lan + Eth0));
        Assert.Equal(0, (await NetplanTwoNicMachine.GenerateAsync(root)).ExitCode);
        Assert.True(File.Exists(root.Host("/run/systemd/network/10-netplan-eth0.network")));

        Assert.Equal(
            $"{CloudInit} is written in UTF-16, which netplan reads; resetnetwork would have to edit it and cannot keep its encoding (it writes UTF-8): " +
            "write it in UTF-8; nothing was changed",
            Assert.Throws<InvalidNetworkDataException>(() => RenderFiles(root)).Message);

        // Read as netplan reads it: a file of eth0 alone is moved aside, one without it left as it is.
        File.WriteAllBytes(root.Host(CloudInit), Utf16("network:\n  version: 2\n  ethernets:\n" + Eth0));
        Assert.Contains(CloudInit, RenderFiles(root).Removals);
        File.WriteAllBytes(root.Host(CloudInit), Utf16(Lan));
        var result = RenderFiles(root);
        Assert.DoesNotContain(CloudInit, result.Removals);
        Assert.DoesNotContain(result.Files, f => f.Path == CloudInit);
    }

    // A file joined from others: libyaml skips a mark at a line's start but counts it as a column, so "<BOM>   eth0:" is eth0 at indent 4
    // (netplan configures it). Before session 36 the line was read as a key "<BOM>   eth0" at indent 0: eth0 unseen, left to netplan to
    // merge into ours.
    [Fact]
    public async Task A_byte_order_mark_at_a_lines_start_is_read_as_a_column_and_the_edit_refused()
    {
        var yaml = Lan + "\uFEFF   eth0:\n      dhcp4: true\n";
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            Assert.True(File.Exists(root.Combine("run", "systemd", "network", "10-netplan-eth0.network")));
        }

        Assert.Equal(
            $"{CloudInit} has a byte-order mark (U+FEFF) at the start of line 6, which netplan counts as a column of indentation; resetnetwork would have to " +
            "edit it and cannot keep it there: remove the mark (and indent the line with one more space); nothing was changed",
            Assert.Throws<InvalidNetworkDataException>(() => Render(yaml)).Message);
        Assert.Contains(CloudInit, Render("network:\n  version: 2\n  ethernets:\n\uFEFF   eth0:\n      dhcp4: true\n").Removals);
    }

    [Fact]
    public async Task A_byte_order_mark_that_makes_a_line_misindented_is_refused_as_netplan_refuses_it()
    {
        var yaml = Lan + "\uFEFF    eth0:\n      dhcp4: true\n";
        var (root, generate) = await NetplanAlone.GenerateAsync(yaml, "50-cloud-init.yaml");
        using (root)
        {
            Assert.Contains("inconsistent indentation", generate.StandardError, StringComparison.Ordinal);
        }

        // Refused by the rule for any line deeper than its definition's keys: read as lan's, which may then be eth0's.
        Assert.StartsWith($"{CloudInit} has the definition 'lan' (ethernets), which may be eth0's,", Assert.Throws<InvalidNetworkDataException>(() => Render(yaml)).Message, StringComparison.Ordinal);
    }

    private static string Invalid(string path, string encoding, int offset, string when) =>
        $"{path} is not valid {encoding} (at byte {offset}), so resetnetwork does not read it; netplan's YAML reader refuses it too (\"Invalid YAML\"), " +
        $"so netplan fails on it {when}; write it in UTF-8; nothing was changed";

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>netplan fails on the machine with <paramref name="bytes"/> as cloud-init's file (its error holding <paramref name="netplanSays"/>); the reset's refusal.</summary>
    private static async Task<string> RefusedAsync(byte[] bytes, string netplanSays)
    {
        using var root = NetplanTwoNicMachine.Machine(string.Empty);
        File.WriteAllBytes(root.Host(CloudInit), bytes);
        var generate = await NetplanTwoNicMachine.GenerateAsync(root);
        Assert.NotEqual(0, generate.ExitCode);
        Assert.Contains(netplanSays, generate.StandardError, StringComparison.Ordinal);
        return Assert.Throws<InvalidNetworkDataException>(() => RenderFiles(root)).Message;
    }

    private static RenderResult RenderFiles(FakeRoot root) =>
        new NetplanRenderer().Render(NetworkFixture.Load("rackspace").Build(), new FileSystemView(root.CreateSystem().FileSystem));
}
