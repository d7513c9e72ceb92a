using System.Diagnostics.CodeAnalysis;

namespace GuestAgent.Daemon.Configuration;

/// <summary>The domain home the daemon serves (<c>--domain-path</c>, <c>xenstore.domainPath</c>): one rule for both.</summary>
internal static class XenStoreDomainPath
{
    /// <summary>What a valid value looks like, for error messages.</summary>
    public const string Expected = "an absolute XenStore path such as /local/domain/5";

    /// <summary>
    /// <paramref name="text"/> without trailing slashes, when it is an absolute XenStore path with no
    /// empty component.
    /// </summary>
    public static bool TryNormalize(string text, [NotNullWhen(true)] out string? normalized)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimEnd('/');
        normalized = trimmed.StartsWith('/') && !trimmed.Contains("//", StringComparison.Ordinal) ? trimmed : null;
        return normalized is not null;
    }
}
