using System.Security.Cryptography;
using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

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

    [Fact]
    public async Task NetworkManagers_connection_uuid_is_what_pythons_uuid_module_makes_of_the_name_hash()
    {
        // A name-based UUID with version 5's layout over SHA-1 of a name of ours (no namespace UUID):
        // Python's uuid.UUID(bytes=..., version=5) sets the same version and variant bits.
        var python = ExternalTool.Require("python3", "python3");
        var configuration = NetworkFixture.Load("several-interfaces").Build();
        var files = new NetworkManagerRenderer().Render(configuration, new InMemoryFileView()).Files;

        foreach (var nic in configuration.Interfaces)
        {
            var keyfile = files.Single(f => f.Contents.Contains($"interface-name={nic.Name}\n", StringComparison.Ordinal)).Contents;
            var uuid = keyfile.Split('\n').Single(l => l.StartsWith("uuid=", StringComparison.Ordinal))["uuid=".Length..];
            var result = await ExternalTool.RunAsync(
                python,
                ["-c", "import hashlib, sys, uuid; print(uuid.UUID(bytes=hashlib.sha1(sys.argv[1].encode()).digest()[:16], version=5))", "guest-agent/nmconnection/" + nic.Mac.Value]);

            Assert.True(result.ExitCode == 0, result.StandardError);
            Assert.Equal(result.StandardOutput.Trim(), uuid);
        }
    }
}
