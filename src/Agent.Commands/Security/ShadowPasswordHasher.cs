namespace GuestAgent.Commands.Security;

/// <summary>The hash algorithm families the agent writes to the shadow file.</summary>
internal enum ShadowHashFamily
{
    /// <summary>SHA-512-crypt, <c>$6$</c>: the default.</summary>
    Sha512,

    /// <summary>SHA-256-crypt, <c>$5$</c>.</summary>
    Sha256,

    /// <summary>yescrypt, <c>$y$</c>.</summary>
    Yescrypt,
}

/// <summary>
/// Makes the new hash for a shadow entry: the same family as the entry's current hash (yescrypt,
/// SHA-512 or SHA-256, a leading <c>!</c> lock marker ignored), SHA-512 for anything else (never
/// MD5-crypt), always with a fresh random salt. The entry's cost is kept up to
/// <see cref="MaxShaCryptRounds"/> and <see cref="MaxYescryptWork"/>; above them the family's
/// default cost is used, so no entry can make one request hash for hours or fill gigabytes.
/// </summary>
internal static class ShadowPasswordHasher
{
    /// <summary>
    /// The most SHA-crypt rounds kept from an entry: 2 million, a few seconds here, three times
    /// passlib's default and 400 times glibc's; the specification allows up to a billion (hours).
    /// </summary>
    public const int MaxShaCryptRounds = 2_000_000;

    /// <summary>
    /// The most yescrypt work kept from an entry, as memory (128·r·N bytes) times the time
    /// parameter t when above 1: 64 MiB, libxcrypt's cost 7 (its default, cost 5 or <c>j9T</c>, is
    /// 16 MiB). <c>N</c> up to 2^30 and <c>r</c> up to 1024 are valid, terabytes.
    /// </summary>
    public const ulong MaxYescryptWork = 64UL * 1024 * 1024;

    /// <summary>The family a new hash gets, given the entry's current password field.</summary>
    public static ShadowHashFamily FamilyOf(string currentHash)
    {
        var hash = currentHash.TrimStart('!');
        if (hash.StartsWith("$y$", StringComparison.Ordinal))
        {
            return ShadowHashFamily.Yescrypt;
        }

        return hash.StartsWith("$5$", StringComparison.Ordinal) ? ShadowHashFamily.Sha256 : ShadowHashFamily.Sha512;
    }

    /// <summary>
    /// Whether the entry's cost is above <see cref="MaxShaCryptRounds"/> or <see cref="MaxYescryptWork"/>,
    /// so that <see cref="Hash"/> uses the family's default cost instead of it.
    /// </summary>
    public static bool ExceedsCostLimit(string currentHash)
    {
        var existing = currentHash.TrimStart('!');
        return FamilyOf(currentHash) switch
        {
            ShadowHashFamily.Yescrypt => Yescrypt.CostOf(existing) is { } cost && cost.MemoryBytes * Math.Max(1, cost.Time) > MaxYescryptWork,
            ShadowHashFamily.Sha256 => RoundsOf(existing) > MaxShaCryptRounds,
            _ => existing.StartsWith("$6$", StringComparison.Ordinal) && RoundsOf(existing) > MaxShaCryptRounds,
        };
    }

    /// <summary>Hashes <paramref name="password"/> (UTF-8) for an entry whose current field is <paramref name="currentHash"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while hashing.</exception>
    public static string Hash(ReadOnlySpan<byte> password, string currentHash, CancellationToken cancellationToken = default)
    {
        var existing = currentHash.TrimStart('!');
        var keepCost = !ExceedsCostLimit(currentHash);
        switch (FamilyOf(currentHash))
        {
            case ShadowHashFamily.Yescrypt:
                // The entry's cost parameters are kept when this implementation supports them (every
                // setting libxcrypt writes by default); otherwise libxcrypt's default cost is used.
                return Yescrypt.Hash(password, Yescrypt.NewSetting(keepCost ? existing : null), cancellationToken);
            case ShadowHashFamily.Sha256:
                return ShaCrypt.HashSha256(password, CryptBase64.RandomSalt(16), keepCost ? RoundsOf(existing) : null, cancellationToken);
            default:
                var rounds = keepCost && existing.StartsWith("$6$", StringComparison.Ordinal) ? RoundsOf(existing) : null;
                return ShaCrypt.HashSha512(password, CryptBase64.RandomSalt(16), rounds, cancellationToken);
        }
    }

    /// <summary>The explicit <c>rounds=N</c> of a SHA-crypt hash, kept so the administrator's cost survives.</summary>
    private static int? RoundsOf(string hash)
    {
        var parts = hash.Split('$');
        return parts.Length > 2 && parts[2].StartsWith("rounds=", StringComparison.Ordinal) &&
               int.TryParse(parts[2].AsSpan("rounds=".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rounds)
            ? rounds
            : null;
    }
}
