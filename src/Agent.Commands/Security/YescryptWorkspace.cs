using System.Security.Cryptography;

namespace GuestAgent.Commands.Security;

/// <summary>
/// The working memory of one yescrypt computation, all of it derived from the password: the big
/// array V, the block B, the scratch XY, the PBKDF2 output, the HMAC key and each lane's pwxform
/// S-boxes. Owned by one computation and cleared when it is disposed, on every exit path (success,
/// cancellation, failure), so a password's traces do not wait in the heap for the collector to reuse it.
/// </summary>
internal sealed class YescryptWorkspace : IDisposable
{
    public YescryptWorkspace(ulong n, uint r, uint p)
    {
        var s = checked((int)(32 * r));
        // Pinned (SecretArray): Dispose's clearing then reaches the only copy of each.
        V = SecretArray.Allocate<uint>(checked((long)s * (long)n));
        Bytes = SecretArray.Allocate(checked(128 * (int)r * (int)p));
        B = SecretArray.Allocate<uint>(Bytes.Length / 4);
        Xy = SecretArray.Allocate<uint>(2 * s);
        Lanes = Enumerable.Range(0, (int)p).Select(_ => new YescryptPwxform()).ToArray();
    }

    /// <summary>N blocks of 128·r bytes, as 32-bit words.</summary>
    public uint[] V { get; }

    /// <summary>PBKDF2's output B, as bytes (128·r·p).</summary>
    public byte[] Bytes { get; }

    /// <summary>B as words, which SMix works on.</summary>
    public uint[] B { get; }

    /// <summary>The X and Y blocks of BlockMix.</summary>
    public uint[] Xy { get; }

    /// <summary>The HMAC-SHA256 of the password, later mixed with B's last block: the key of the final PBKDF2.</summary>
    public byte[] Key { get; } = SecretArray.Allocate(32);

    /// <summary>The pwxform state of each of the p lanes.</summary>
    public YescryptPwxform[] Lanes { get; }

    public void Dispose()
    {
        Array.Clear(V);
        Array.Clear(B);
        Array.Clear(Xy);
        CryptographicOperations.ZeroMemory(Bytes);
        CryptographicOperations.ZeroMemory(Key);
        foreach (var lane in Lanes)
        {
            lane.Clear();
        }
    }
}
