using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// What Debian's real <c>ifup</c> (ifupdown 0.8.41) of an <c>inet6 static</c> stanza does to the interface's
/// <c>accept_ra</c> and <c>autoconf</c> (docs/networking.md, "IPv6 stanzas of the image"): <c>autoconf</c> the
/// value given, else 0; <c>accept_ra</c> the value given, else 0 only where the stanza has a <c>gateway</c> line, else
/// left as it was. Its <c>ifdown</c> leaves both. The interface starts with 2 1, neither 0 nor the kernel's default.
/// </summary>
public sealed class IfupdownInet6StaticSettingsTests
{
    public static TheoryData<string, string> Stanzas() => new()
    {
        { "", "2 0" },
        { "    gateway 2001:db8::1\n", "0 0" },
        { "    accept_ra 1\n", "1 0" },
        { "    gateway 2001:db8::1\n    accept_ra 1\n", "1 0" },
        { "    autoconf 1\n", "2 1" },
    };

    [Theory]
    [MemberData(nameof(Stanzas))]
    public async Task Ifup_sets_accept_ra_only_when_given_or_with_a_gateway_and_ifdown_leaves_both(string options, string expected)
    {
        var ifup = ExternalTool.Require("ifup", "ifupdown");
        var ifdown = ExternalTool.Require("ifdown", "ifupdown");
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("interfaces");
        await File.WriteAllTextAsync(file, "iface eth0 inet6 static\n    address 2001:db8::42/64\n" + options, TestContext.Current.CancellationToken);
        var common = $"--no-scripts -i {ShellWords.Quote(file)} --state-dir {ShellWords.Quote(directory.Path)}";
        const string Dump = "echo \"$1: $(cat /proc/sys/net/ipv6/conf/eth0/accept_ra) $(cat /proc/sys/net/ipv6/conf/eth0/autoconf)\"\n";

        var result = await KernelNamespace.RunAsync(
            ["eth0"],
            "sysctl -q -w net/ipv6/conf/eth0/accept_dad=0 net/ipv6/conf/eth0/accept_ra=2 net/ipv6/conf/eth0/autoconf=1 || exit 90\n"
            + $"dump() {{ {Dump}}}\n"
            + $"{ShellWords.Quote(ifup)} {common} eth0 >&2 || exit 91\ndump up\n"
            + $"{ShellWords.Quote(ifdown)} {common} eth0 >&2 || exit 92\ndump down\n");

        Assert.True(result.ExitCode == 0, $"{result.StandardOutput}\n{result.StandardError}");
        Assert.Equal($"up: {expected}\ndown: {expected}\n", result.StandardOutput);
    }
}
