using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// <see cref="NetworkdGlob"/> matches as glibc's <c>fnmatch(pattern, name, 0)</c>, which networkd
/// applies to <c>Name=</c> and <c>Driver=</c>: compared with the real one, called from Python.
/// </summary>
public sealed class NetworkdGlobTests
{
    private static readonly string[] Patterns =
    [
        "eth*", "eth?", "e*0", "*", "?", "en*", "wl?", "eth[0-9]", "eth[1-9]", "eth[!1-9]", "eth[^0]", "e[tx]h0", "eth[]0]", "eth[0-]",
        "eth[[:digit:]]", "eth[[:alpha:]]", "[[:alnum:]]th0", "eth\\0", "eth\\*", "eth[", "eth[0", "*0", "**", "eth0*", "eth0?", "eth", "eth00",
        "vif", "virtio*", "virtio_net", "v?f", "[a-z]*[0-9]", "eth[-0]", "eth[!]]",
    ];

    private static readonly string[] Names = ["eth0", "eth1", "eth10", "ens3", "e", "eth*", "eth]", "eth-", "vif", "virtio_net", "eth"];

    [Fact]
    public async Task Matches_as_glibc_fnmatch_does()
    {
        var python = ExternalTool.Require("python3", "python3");
        var pairs = Patterns.SelectMany(pattern => Names.Select(name => (Pattern: pattern, Name: name))).ToArray();
        var result = await ExternalTool.RunAsync(
            python,
            ["-c", "import ctypes, sys\nlibc = ctypes.CDLL('libc.so.6')\nfor line in sys.stdin.read().splitlines():\n    p, n = line.split('\\t')\n    print(1 if libc.fnmatch(p.encode(), n.encode(), 0) == 0 else 0)"],
            standardInput: string.Join('\n', pairs.Select(p => $"{p.Pattern}\t{p.Name}")) + "\n");

        Assert.True(result.ExitCode == 0, result.StandardError);
        var expected = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(pairs.Length, expected.Length);
        var differences = pairs.Zip(expected)
            .Where(p => NetworkdGlob.Matches(p.First.Pattern, p.First.Name) != (p.Second == "1"))
            .Select(p => $"{p.First.Pattern} ~ {p.First.Name}: fnmatch says {p.Second}")
            .ToArray();
        Assert.Empty(differences);
        Assert.Contains("1", expected);
        Assert.Contains("0", expected);
    }

    [Theory]
    [InlineData("eth*", "eth0", true)]
    [InlineData("en* eth?", "eth0", true)]
    [InlineData("en* wl*", "eth0", false)]
    [InlineData("!eth0", "eth0", false)]
    [InlineData("!en*", "eth0", true)]
    [InlineData("!en* eth*", "eth0", false)]
    public void A_list_matches_when_one_pattern_does_and_a_leading_bang_inverts_it(string value, string name, bool expected) =>
        Assert.Equal(expected, NetworkdGlob.MatchesList(value, name));

    [Theory]
    [InlineData("eth0", false)]
    [InlineData("ens-3_a.b", false)]
    [InlineData("eth*", true)]
    [InlineData("eth?", true)]
    [InlineData("eth[01]", true)]
    [InlineData("eth\\0", true)]
    [InlineData("!eth1", true)]
    [InlineData("eth0 eth1", true)]
    public void A_value_is_a_pattern_when_it_can_match_another_name(string value, bool expected) =>
        Assert.Equal(expected, NetworkdGlob.IsPattern(value));
}
