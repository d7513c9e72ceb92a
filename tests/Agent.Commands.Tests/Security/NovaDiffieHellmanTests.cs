using System.Globalization;
using System.Numerics;
using System.Text;
using GuestAgent.Commands.Security;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>Spec §4.1 and the test vectors of §4.6.</summary>
public sealed class NovaDiffieHellmanTests
{
    internal static readonly BigInteger HostPrivate = BigInteger.Parse("0102030405060708090a", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    internal static readonly BigInteger GuestPrivate = BigInteger.Parse("00112233445566778899aabbccddeeff", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    internal const string HostPublic = "72934389420761065950890858028106";
    internal const string GuestPublic = "10213771857304028832860390748511";
    internal const string SharedSecret = "41320467447028654580417112609789";

    [Fact]
    public void The_group_is_Novas()
    {
        Assert.Equal(BigInteger.Parse("162259276829213363391578010288127", CultureInfo.InvariantCulture), NovaDiffieHellman.Prime);
        Assert.Equal(new BigInteger(5), NovaDiffieHellman.Generator);
    }

    [Fact]
    public void The_spec_vectors_give_the_same_shared_secret_on_both_sides()
    {
        Assert.Equal(HostPublic, NovaDiffieHellman.ComputePublicKey(HostPrivate).ToString(CultureInfo.InvariantCulture));
        Assert.Equal(GuestPublic, NovaDiffieHellman.ComputePublicKey(GuestPrivate).ToString(CultureInfo.InvariantCulture));

        var guestSide = NovaDiffieHellman.ComputeSharedSecret(GuestPrivate, BigInteger.Parse(HostPublic, CultureInfo.InvariantCulture));
        var hostSide = NovaDiffieHellman.ComputeSharedSecret(HostPrivate, BigInteger.Parse(GuestPublic, CultureInfo.InvariantCulture));

        Assert.Equal(SharedSecret, Encoding.ASCII.GetString(guestSide));
        Assert.Equal(SharedSecret, Encoding.ASCII.GetString(hostSide));
    }

    [Fact]
    public void Fresh_private_keys_lie_in_the_group_and_differ()
    {
        var keys = Enumerable.Range(0, 50).Select(_ => NovaDiffieHellman.CreatePrivateKey()).ToList();

        Assert.All(keys, k => Assert.InRange(k, new BigInteger(2), NovaDiffieHellman.Prime - 2));
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Two_fresh_exchanges_agree_on_the_secret()
    {
        var a = NovaDiffieHellman.CreatePrivateKey();
        var b = NovaDiffieHellman.CreatePrivateKey();

        Assert.Equal(
            NovaDiffieHellman.ComputeSharedSecret(a, NovaDiffieHellman.ComputePublicKey(b)),
            NovaDiffieHellman.ComputeSharedSecret(b, NovaDiffieHellman.ComputePublicKey(a)));
    }

    public static TheoryData<string> EdgeValues() =>
    [
        "0", "1", "2", "9", "10", "99", "100", "1000000000", "4294967295", "4294967296", "18446744073709551615",
        "18446744073709551616",
        // Around p (2^107 - 1), the largest a secret can be, and the largest number of digits kept.
        "162259276829213363391578010288125", "162259276829213363391578010288126", "162259276829213363391578010288127",
        "100000000000000000000000000000000", "999999999999999999999999999999999",
        "9999999999999999999999999999999999999999999999999999999999999999",
    ];

    [Theory]
    [MemberData(nameof(EdgeValues))]
    public void The_secret_is_formatted_exactly_as_its_decimal_string(string decimalText)
    {
        var value = BigInteger.Parse(decimalText, CultureInfo.InvariantCulture);

        Assert.Equal(Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture)), NovaDiffieHellman.DecimalAscii(value));
        Assert.Equal(decimalText, Encoding.ASCII.GetString(NovaDiffieHellman.DecimalAscii(value)));
    }

    [Fact]
    public void Random_secrets_are_formatted_as_their_decimal_strings()
    {
        for (var i = 0; i < 1000; i++)
        {
            var value = NovaDiffieHellman.ComputePublicKey(NovaDiffieHellman.CreatePrivateKey());

            Assert.Equal(Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture)), NovaDiffieHellman.DecimalAscii(value));
        }
    }

    [Fact]
    public void Values_the_buffer_cannot_hold_and_negative_values_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NovaDiffieHellman.DecimalAscii(BigInteger.Pow(10, 64)));
        Assert.Throws<ArgumentOutOfRangeException>(() => NovaDiffieHellman.DecimalAscii(BigInteger.MinusOne));
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("1", false)]
    [InlineData("2", true)]
    [InlineData("162259276829213363391578010288125", true)]
    [InlineData("162259276829213363391578010288126", false)]
    [InlineData("162259276829213363391578010288127", false)]
    public void Peer_keys_outside_2_to_p_minus_2_are_invalid(string key, bool valid)
    {
        Assert.True(NovaDiffieHellman.TryParsePublicKey(key, out var parsed));
        Assert.Equal(valid, NovaDiffieHellman.IsValidPublicKey(parsed));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1e10")]
    [InlineData("12.5")]
    [InlineData("99999999999999999999999999999999999999999999999999999999999999999")]
    [InlineData("\u00a012")] // only JSON's white space (space, tab, CR, LF) is trimmed
    [InlineData("12\u0085")]
    [InlineData("\v12")]
    public void Non_decimal_or_absurdly_long_keys_do_not_parse(string key)
    {
        Assert.False(NovaDiffieHellman.TryParsePublicKey(key, out _));
    }

    [Fact]
    public void Spaces_tabs_CRs_and_LFs_around_a_key_are_ignored()
    {
        Assert.True(NovaDiffieHellman.TryParsePublicKey(" \t12\r\n", out var parsed));
        Assert.Equal(12, parsed);
    }
}
