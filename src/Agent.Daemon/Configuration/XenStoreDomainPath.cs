using System.Diagnostics.CodeAnalysis;

namespace GuestAgent.Daemon.Configuration;

/// <summary>The domain home the daemon serves (<c>--domain-path</c>, <c>xenstore.domainPath</c>): one rule for both.</summary>
internal static class XenStoreDomainPath
{
    /// <summary>What a valid value looks like, for error messages.</summary>
    public const string Expected = "an absolute XenStore path such as /local/domain/5";

    /// <summary>
    /// <paramref name="text"/> without trailing slashes, when it is an absolute XenStore path with no
    /// empty component, of the characters XenStore allows in a path (<c>A-Z a-z 0-9 - _ @ /</c>).
    /// One it would refuse (a space, a line break) failed every request with EINVAL at run time,
    /// and a line break reached systemd's status line (READY=1's STATUS) as a notification of its own.
    /// </summary>
    public static bool TryNormalize(string text, [NotNullWhen(true)] out string? normalized)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimEnd('/');
        normalized = trimmed.Length > 1 && XenStore.Wire.XenStorePath.IsValidAbsolute(trimmed) ? trimmed : null;
        return normalized is not null;
    }
}
