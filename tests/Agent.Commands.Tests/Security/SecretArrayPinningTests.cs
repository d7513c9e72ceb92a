using System.Numerics;
using GuestAgent.Commands.Security;

namespace GuestAgent.Commands.Tests.Security;

/// <summary>
/// The arrays that hold a secret are pinned from their allocation (SecretArray's reason: a moved array
/// leaves a stale copy its zeroing never reaches). SecretsInMemoryTests sees a regression only when
/// the collector happens to move an array, about one run in three; this sees it every time. A pinned
/// array lives on the pinned object heap, which the runtime counts as the oldest generation from the
/// start, while an ordinary array is born in generation 0 and reaches the oldest only after two
/// collections, so a fresh array already in the oldest generation is a pinned (or large) one.
/// </summary>
public sealed class SecretArrayPinningTests
{
    [Fact]
    public void A_fresh_ordinary_array_is_not_in_the_oldest_generation()
    {
        // The control: without it, a runtime that reported every array as oldest would pass the rest.
        Assert.True(GC.GetGeneration(new byte[32]) < GC.MaxGeneration);
    }

    [Fact]
    public void Every_allocation_form_is_pinned()
    {
        AssertPinned(SecretArray.Allocate(32), "Allocate(int)");
        AssertPinned(SecretArray.Allocate<uint>(32), "Allocate<uint>(long)");
        AssertPinned(SecretArray.CopyOf("secret"u8), "CopyOf");
    }

    [Fact]
    public void The_shared_secret_of_a_key_exchange_is_pinned()
    {
        var peer = NovaDiffieHellman.ComputePublicKey(new BigInteger(12345));

        AssertPinned(NovaDiffieHellman.ComputeSharedSecret(new BigInteger(67890), peer), "ComputeSharedSecret");
    }

    [Fact]
    public void A_decrypted_password_is_pinned()
    {
        var secret = "4242"u8.ToArray();
        var ciphertext = Convert.FromBase64String(NovaPasswordCipher.Encrypt(secret, "hunter2"));

        var plaintext = NovaPasswordCipher.TryDecrypt(secret, ciphertext, out _);

        Assert.NotNull(plaintext);
        AssertPinned(plaintext, "TryDecrypt");
    }

    [Fact]
    public void Yescrypts_working_memory_is_pinned()
    {
        using var workspace = new YescryptWorkspace(n: 4, r: 1, p: 1);

        AssertPinned(workspace.V, "V");
        AssertPinned(workspace.Bytes, "Bytes");
        AssertPinned(workspace.B, "B");
        AssertPinned(workspace.Xy, "XY");
        AssertPinned(workspace.Key, "Key");
        AssertPinned(workspace.Lanes[0].S, "a lane's S-boxes");
    }

    private static void AssertPinned(Array array, string what) =>
        Assert.True(GC.GetGeneration(array) == GC.MaxGeneration, $"{what}: a fresh array outside the pinned object heap (generation {GC.GetGeneration(array)})");
}
