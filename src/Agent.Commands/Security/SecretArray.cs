namespace GuestAgent.Commands.Security;

/// <summary>
/// Arrays for secrets (the password, the key exchange's passphrase, what is derived from them) on the
/// pinned object heap. Zeroing an ordinary array clears only where it is now: the garbage collector
/// may have moved it before (promoting it while an await or a hash ran), and the copy it left behind
/// stays in freed heap memory until something reuses it, readable in <c>/proc/PID/mem</c> or a core.
/// A pinned array never moves, so its one zeroing clears its one copy (SecretsInMemoryTests, on the
/// published daemon's memory).
/// </summary>
internal static class SecretArray
{
    /// <summary>A zeroed pinned array of <paramref name="length"/> bytes.</summary>
    public static byte[] Allocate(int length) => GC.AllocateArray<byte>(length, pinned: true);

    /// <summary>A zeroed pinned array of <paramref name="length"/> words (yescrypt's working memory).</summary>
    public static T[] Allocate<T>(long length)
        where T : unmanaged => GC.AllocateArray<T>(checked((int)length), pinned: true);

    /// <summary>A pinned copy of <paramref name="source"/>; the caller zeroes it.</summary>
    public static byte[] CopyOf(ReadOnlySpan<byte> source)
    {
        var copy = GC.AllocateUninitializedArray<byte>(source.Length, pinned: true);
        source.CopyTo(copy);
        return copy;
    }
}
