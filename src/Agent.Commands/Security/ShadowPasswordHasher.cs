namespace GuestAgent.Commands.Security;

/// <summary>The hash algorithm families the agent writes to the shadow file.</summary>
public enum ShadowHashFamily
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
/// MD5-crypt), always with a fresh random salt.
/// </summary>
public static class ShadowPasswordHasher
{
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

    /// <summary>Hashes <paramref name="password"/> (UTF-8) for an entry whose current field is <paramref name="currentHash"/>.</summary>
    public static string Hash(ReadOnlySpan<byte> password, string currentHash)
    {
        var existing = currentHash.TrimStart('!');
        switch (FamilyOf(currentHash))
        {
            case ShadowHashFamily.Yescrypt:
                // The entry's cost parameters are kept when this implementation supports them (every
                // setting libxcrypt writes by default); otherwise libxcrypt's default cost is used.
                return Yescrypt.Hash(password, Yescrypt.NewSetting(existing));
            case ShadowHashFamily.Sha256:
                return ShaCrypt.HashSha256(password, CryptBase64.RandomSalt(16), RoundsOf(existing));
            default:
                return ShaCrypt.HashSha512(password, CryptBase64.RandomSalt(16), existing.StartsWith("$6$", StringComparison.Ordinal) ? RoundsOf(existing) : null);
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
