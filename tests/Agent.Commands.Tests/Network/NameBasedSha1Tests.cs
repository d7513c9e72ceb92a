using System.Security.Cryptography;
using System.Text;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>The managed SHA-1 behind NetworkManager's connection UUIDs (no OpenSSL) gives .NET's digests.</summary>
public sealed class NameBasedSha1Tests
{
    [Theory]
    [InlineData("", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("abc", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1")]
    public void Known_answers_of_FIPS_180(string message, string digest)
    {
        Assert.Equal(digest, Convert.ToHexStringLower(NameBasedSha1.Hash(Encoding.ASCII.GetBytes(message))));
    }

    [Fact]
    public void Every_length_around_the_block_boundaries_matches_dotnets_SHA1()
    {
        for (var length = 0; length <= 200; length++)
        {
            var message = Enumerable.Range(0, length).Select(i => (byte)(i * 37)).ToArray();

            Assert.Equal(SHA1.HashData(message), NameBasedSha1.Hash(message));
        }
    }
}
