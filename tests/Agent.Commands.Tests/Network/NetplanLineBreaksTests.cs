using System.Text;
using GuestAgent.Commands.Network.Parsing;
using static GuestAgent.Commands.Tests.Network.RackspaceNetplan;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Another file's line breaks, held against the real <c>netplan generate</c> (0.106), which reads each of libyaml's breaks (CR LF, a CR
/// alone, LF, NEL, LS, PS) as one, for rackspace's eth0: a file written with CR LF is read and edited like one with LF, its breaks kept;
/// one whose breaks an edit could not keep is read all the same (its definitions found as netplan finds them) and refused only when it
/// must be edited.
/// </summary>
public sealed class NetplanLineBreaksTests
{
    private const string Comment = "    # eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n    eth0: {}\n";

    // Before session 34 the lines of the edit (the comment, eth0: {}) were written with LF among the file's CR LF.
    [Fact]
    public async Task A_file_written_with_crlf_is_edited_with_crlf()
    {
        const string lan = "network:\n  version: 2\n  ethernets:\n    lan:\n      match: {name: eth9}\n      dhcp4-overrides:\n        hostname: \"x\n    eth1: y\"\n";
        const string eth0 = "    eth0:\n      dhcp4: true\n";
        var yaml = (lan + eth0).ReplaceLineEndings("\r\n");
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            Assert.True(File.Exists(root.Combine("run", "systemd", "network", "10-netplan-eth0.network")));
            Assert.False(File.Exists(root.Combine("run", "systemd", "network", "10-netplan-eth1.network")));
        }

        Assert.Equal((lan + Comment).ReplaceLineEndings("\r\n"), Render(yaml).Files.Single(f => f.Path == CloudInit).Contents);
    }

    // Through the real files and writer (resetnetwork end to end): a CR LF file that starts with a UTF-8 byte-order mark, which libyaml skips
    // (netplan reads eth0's address from it), is read from its first key on, and only eth0's lines change, byte for byte, trailing spaces, a
    // blank line and the last line without a break kept, the mark too (before session 36 the edit lost it: the file view gave the text
    // without it, File.ReadAllText; netplan reads the file the same either way).
    [Fact]
    public async Task A_crlf_file_with_a_byte_order_mark_is_read_from_its_first_key_and_only_eth0s_lines_change()
    {
        const string before = "# kept as written  \nnetwork:\n  version: 2\n  ethernets:\n    lan:   \n      match: {name: eth9}  # x\n\n      dhcp4: true\n";
        const string after = "    wan: {dhcp6: true}";
        using var root = NetplanTwoNicMachine.Machine(string.Empty);
        var yaml = (before + "    eth0:\n      addresses: [10.1.0.5/24]\n" + after).ReplaceLineEndings("\r\n");
        File.WriteAllBytes(root.Host(CloudInit), Encoding.UTF8.GetBytes("\uFEFF" + yaml));
        Assert.Equal(new[] { "10.1.0.5/24" }, (await NetplanTwoNicMachine.NetworksAsync(root))["eth0"].Addresses);

        await NetplanTwoNicMachine.ResetAndGenerateAsync(root);

        Assert.Equal(Encoding.UTF8.GetBytes("\uFEFF" + (before + Comment + after).ReplaceLineEndings("\r\n")), File.ReadAllBytes(root.Host(CloudInit)));
    }

    // Before session 34 a break other than LF was text inside a line: eth0's definition after it went unseen, and was left to netplan to
    // merge into ours.
    [Theory]
    [InlineData("\r")]
    [InlineData("\u0085")]
    [InlineData("\u2028")]
    [InlineData("\r\n")]
    public async Task A_definition_after_a_break_an_edit_cannot_keep_is_found_and_the_edit_refused(string lineBreak)
    {
        var yaml = "network:\n  version: 2\n  ethernets:\n    lan: {match: {name: eth9}}" + lineBreak + "    eth0: {dhcp4: true}\n";
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            Assert.Contains("Name=eth0", File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-eth0.network")));
        }

        Assert.Equal(
            $"{CloudInit} has line breaks of several kinds, or a carriage return alone, NEL or a Unicode line or paragraph separator, which netplan reads as a line break; " +
            "resetnetwork would have to edit it and cannot keep its lines as they are: write it with LF (or CR LF) line breaks throughout; nothing was changed",
            Assert.Throws<InvalidNetworkDataException>(() => Render(yaml)).Message);
    }

    [Fact]
    public void A_file_with_such_breaks_that_needs_no_edit_is_left_alone_or_moved_aside()
    {
        Assert.DoesNotContain(Render("network:\n  version: 2\n  ethernets:\n    lan: {match: {name: eth9}}\r    eth9: {dhcp4: true}\n").Files, f => f.Path == CloudInit);
        Assert.Contains(CloudInit, Render("network:\r  version: 2\r\n  ethernets:\n    eth0: {dhcp4: true}\n").Removals);
    }
}
