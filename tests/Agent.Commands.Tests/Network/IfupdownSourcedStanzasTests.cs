using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// An <c>inet6</c> stanza in a file <c>/etc/network/interfaces</c> sources from outside <c>interfaces.d</c>: it set
/// <c>accept_ra</c> and <c>autoconf</c> as one in <c>interfaces.d</c> does, and the agent's file sources none of it,
/// so an IPv4-only change gives the interface the kernel's values (<c>conf/default</c>'s), as a boot with the new
/// file does. Which files count is what the real <c>ifquery</c> (Debian's ifupdown) reads: <c>source</c> with
/// wordexp's globs (no hidden name matched; a relative first word from the sourcing file's directory, a later one from
/// <c>/</c>) and <c>source-directory</c> (only names of letters, digits, <c>_</c> and <c>-</c>), at any depth, lines continued
/// with a backslash.
/// </summary>
public sealed class IfupdownSourcedStanzasTests
{
    /// <summary>The <c>source</c> line of <c>/etc/network/interfaces</c>, the file with the <c>inet6</c> stanza, and whether ifupdown reads it.</summary>
    public static TheoryData<string, string, bool> Cases() => new()
    {
        { "source /etc/network/custom/*", "/etc/network/custom/eth0", true },
        { "source custom/eth0.cfg", "/etc/network/custom/eth0.cfg", true },
        { "source /etc/network/cust?m/*.cfg", "/etc/network/custom/eth0.cfg", true },
        { "source /etc/network/custom/[e]th[!1]", "/etc/network/custom/eth0", true },
        { "  source\t/etc/network/other /etc/network/custom/eth0", "/etc/network/custom/eth0", true },
        { "source-directory /etc/network/custom", "/etc/network/custom/eth0", true },
        { "source-directory custom/", "/etc/network/custom/eth-0_1", true },
        { "source-directory /etc/net*/custom", "/etc/network/custom/eth0", true },
        { "source /etc/network/custom/nested", "/etc/network/custom/sub/eth0", true },
        { "source /etc/network/custom/*.cfg", "/etc/network/custom/eth0", false },
        { "source /etc/network/custom/*.cfg", "/etc/network/custom/eth0_cfg", false },
        { "source /etc/network/custom/*", "/etc/network/custom/.eth0", false },
        { "source /etc/network/custom/*/", "/etc/network/custom/eth0", false },
        { "source /etc/network/custom/[!e]th0", "/etc/network/custom/eth0", false },
        { "source-directory /etc/network/custom", "/etc/network/custom/eth0.cfg", false },
        { "# source /etc/network/custom/*", "/etc/network/custom/eth0", false },

        // A line ending in a backslash goes on in the next (interfaces(5)), a word too; a comment line never does,
        // nor a line whose backslash a space follows. White space at a line's end is trimmed, a CRLF file's \r too. A continued iface line is the stanza's, here the main file's own.
        { "source \\\n/etc/network/custom/eth0", "/etc/network/custom/eth0", true },
        { "source /etc/network/cus\\\ntom/eth0", "/etc/network/custom/eth0", true },
        { "source /etc/network/other \\\n\t/etc/network/custom/eth0", "/etc/network/custom/eth0", true },
        { "source-directory \\\n/etc/network/custom", "/etc/network/custom/eth0", true },
        { "  # source /etc/network/other \\\nsource /etc/network/custom/eth0", "/etc/network/custom/eth0", true },
        { "source /etc/network/custom/eth0\r", "/etc/network/custom/eth0", true },
        { "iface eth0 \\\n    inet6 auto", "/etc/network/custom/unsourced", true },
        { "auto eth1 \\\nsource /etc/network/custom/eth0", "/etc/network/custom/eth0", false },
        { "source \\ \n/etc/network/custom/eth0", "/etc/network/custom/eth0", false },

        // Only the first word is from the sourcing file's directory: ifupdown puts it before the rest of the line,
        // and wordexp finds a later relative word from ifup's working directory, / at a boot (networking.service).
        { "source /etc/network/other custom/eth0", "/etc/network/custom/eth0", false },
        { "source custom/other custom/eth0", "/etc/network/custom/eth0", false },
        { "source-directory /etc/network/other custom", "/etc/network/custom/eth0", false },
        { "source /etc/network/other etc/network/custom/eth0", "/etc/network/custom/eth0", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_ipv4_only_change_gives_the_kernels_settings_where_a_sourced_file_had_an_inet6_stanza(string source, string file, bool read)
    {
        var files = Files(source, file);
        files["/proc/sys/net/ipv6/conf/eth0/accept_ra"] = "0\n";
        files["/proc/sys/net/ipv6/conf/eth0/autoconf"] = "0\n";
        files["/proc/sys/net/ipv6/conf/default/accept_ra"] = "1\n";
        files["/proc/sys/net/ipv6/conf/default/autoconf"] = "1\n";
        var view = new InMemoryFileView(files);
        var configuration = NetworkFixture.Load("ipv4-only").Build() with { Hostname = null };

        var plan = ApplyPlanner.Plan(NetworkBackend.Ifupdown, configuration, SystemProbe.Probe(view), view);

        var value = read ? 1 : 0;
        Assert.Equal(
            ["ip addr flush dev eth0 scope global", $"sysctl -q -w net/ipv6/conf/eth0/accept_ra={value} net/ipv6/conf/eth0/autoconf={value}", "ifup -f eth0"],
            plan.AfterWrite.Select(s => s.Name));
    }

    /// <summary>
    /// The cases' files under a <c>/etc/network</c> of their own (a bind mount in a mount namespace): whether the real <c>ifquery</c>
    /// finds eth0's stanza, run from <c>/</c> as a boot's networking.service runs ifup.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Ifquery_reads_the_same_files(string source, string file, bool read)
    {
        var unshare = ExternalTool.Require("unshare", "util-linux");
        ExternalTool.Require("ifquery", "ifupdown");
        if (Environment.UserName != "root")
        {
            Requirement.Unmet("the mount namespace needs root, as in CI");
        }

        using var directory = new TemporaryDirectory();
        foreach (var (path, text) in Files(source, file))
        {
            var real = directory.Combine(path.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(real)!);
            File.WriteAllText(real, text);
        }

        var result = await ExternalTool.RunAsync(
            unshare,
            ["-m", "/bin/sh", "-c", "mount --bind \"$1\" /etc/network || exit 90; cd / && ifquery eth0", "sh", directory.Combine("etc/network")]);

        Assert.NotEqual(90, result.ExitCode);
        Assert.True(read == (result.ExitCode == 0), $"ifquery exit {result.ExitCode}:\n{result.StandardOutput}\n{result.StandardError}");
    }

    /// <summary>The image's files: the main one with <paramref name="source"/>, <c>custom/nested</c> sourcing <c>sub/*</c> (from its own directory), and eth0's <c>inet6</c> stanza in <paramref name="file"/>.</summary>
    private static Dictionary<string, string> Files(string source, string file) => new(StringComparer.Ordinal)
    {
        ["/etc/network/interfaces"] = "auto lo\niface lo inet loopback\n" + source + "\n",
        ["/etc/network/custom/nested"] = "source sub/*\n",
        [file] = "iface eth0 inet6 static\n    address 2001:db8::42/64\n",
    };
}
