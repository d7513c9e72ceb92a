using System.Text;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The original's <c>resetnetwork</c> refusals (spec §3.3, and §11.4: "the exact error texts of
/// §3.2–§3.3 where they apply") answered word for word: <c>No MAC found in config</c>,
/// <c>No IPs found for interface</c> and <c>Unknown interface MAC &lt;mac&gt;</c>. The agent puts the
/// entry they are about in front (docs/networking.md, Input); nothing else is added, and the text
/// itself is the original's. <see cref="NetworkInputTests"/> only checks that each is contained.
/// </summary>
public sealed class OriginalRefusalTextTests
{
    private const string V4 = """{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}""";

    private static readonly SystemInterface[] Interfaces = [new("eth0", Mac("bc:76:4e:20:6c:5a"))];

    private static MacAddress Mac(string text) => MacAddress.TryParse(text, out var mac) ? mac : throw new ArgumentException(text);

    [Theory]
    [InlineData($$"""{"label":"public","ips":[{{V4}}]}""", "vm-data/networking/BC764E206C5A: No MAC found in config")]
    [InlineData("""{"mac":null,"ips":[]}""", "vm-data/networking/BC764E206C5A: No MAC found in config")]
    [InlineData("""{"mac":"BC:76:4E:20:6C:5A"}""", "vm-data/networking/BC764E206C5A (bc:76:4e:20:6c:5a): No IPs found for interface")]
    [InlineData("""{"mac":"bc:76:4e:20:6c:5a","ips":[],"ip6s":[]}""", "vm-data/networking/BC764E206C5A (bc:76:4e:20:6c:5a): No IPs found for interface")]
    [InlineData($$"""{"mac":"DE:AD:BE:EF:00:01","ips":[{{V4}}]}""", "Unknown interface MAC de:ad:be:ef:00:01")]
    public void Each_is_answered_500_with_the_originals_text(string entry, string message)
    {
        var error = Assert.Throws<InvalidNetworkDataException>(() =>
            NetworkConfigurationBuilder.Build([new("BC764E206C5A", Encoding.UTF8.GetBytes(entry))], null, null, Interfaces, []));

        Assert.Equal("500", error.ReturnCode);
        Assert.Equal(message, error.Message);
    }
}
