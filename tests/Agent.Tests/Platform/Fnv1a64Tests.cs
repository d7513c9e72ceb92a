using System.Text;
using GuestAgent.Platform;

namespace GuestAgent.Tests.Platform;

public sealed class Fnv1a64Tests
{
    [Theory]
    // The reference vectors of the FNV authors (draft-eastlake-fnv).
    [InlineData("", "cbf29ce484222325")]
    [InlineData("a", "af63dc4c8601ec8c")]
    [InlineData("foobar", "85944171f73967e8")]
    // Computed with Python over the UTF-8 bytes: a hash under 2^56 (hex with leading zeros), and
    // characters of two to four bytes.
    [InlineData("bad", "00391e19133920b8")]
    [InlineData("caf\u00e9 \U0001F600", "6787a27c3bc30e12")]
    [InlineData("\u4e2d", "1e59811b678a02d4")]
    public void Matches_the_reference_vectors(string text, string expected)
    {
        Assert.Equal(expected, Fnv1a64.ToHex(Fnv1a64.Hash(Encoding.UTF8.GetBytes(text))));
        Assert.Equal(expected, Fnv1a64.ToHex(Fnv1a64.Hash(text)));
    }

    [Theory]
    [InlineData("caf\u00e9 \U0001F600 \u4e2d")]
    [InlineData("lone \ud800 surrogate \udfff")]
    public void A_string_hashes_as_its_utf8_bytes(string text)
    {
        Assert.Equal(Fnv1a64.Hash(Encoding.UTF8.GetBytes(text)), Fnv1a64.Hash(text));
    }
}
