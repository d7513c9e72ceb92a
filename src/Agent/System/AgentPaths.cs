using System.Diagnostics.CodeAnalysis;

namespace GuestAgent.Platform;

/// <summary>Paths every part of the agent agrees on, and agent paths taken apart.</summary>
public static class AgentPaths
{
    /// <summary>
    /// The agent's state directory unless configured otherwise: the response journal, the record of
    /// a network change in progress, update staging, and (in root mode) the log of actions.
    /// </summary>
    public const string DefaultStateDirectory = "/var/lib/guest-agent";

    /// <summary>
    /// The one rule for an absolute directory an operator or an application configures (the daemon's
    /// <c>stateDirectory</c> and <c>injectFile.allowedDirectories</c>, <c>InjectFileOptions.AllowedDirectories</c>):
    /// it starts with <c>/</c> and has no NUL and no <c>.</c> or <c>..</c> component. Trailing
    /// slashes are dropped, so <c>/srv/</c> is <c>/srv</c>, and <c>/</c> and <c>//</c> are the root.
    /// </summary>
    /// <param name="path">The configured path.</param>
    /// <param name="normalized">The path without trailing slashes (<c>/</c> for the root); <c>null</c> when refused.</param>
    /// <param name="problem">Why it is refused (<c>must be an absolute path</c>, <c>must not contain '.' or '..'</c>); <c>null</c> when accepted.</param>
    /// <returns>Whether <paramref name="path"/> is accepted.</returns>
    public static bool TryNormalizeConfiguredDirectory(string? path, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? problem)
    {
        normalized = null;
        if (path is null || !path.StartsWith('/') || path.Contains('\0', StringComparison.Ordinal))
        {
            problem = "must be an absolute path";
            return false;
        }

        if (path.Split('/').Any(segment => segment is "." or ".."))
        {
            problem = "must not contain '.' or '..'";
            return false;
        }

        problem = null;
        // "//" is the root too, not an empty path (which would put the state files in the root itself).
        var trimmed = path.TrimEnd('/');
        normalized = trimmed.Length > 0 ? trimmed : "/";
        return true;
    }

    /// <summary>
    /// The directory holding the agent path <paramref name="path"/> (absolute, <c>/</c>-separated;
    /// trailing slashes ignored): <c>/</c> for a top-level entry and for <c>/</c> itself.
    /// </summary>
    /// <param name="path">An absolute agent path.</param>
    public static string Parent(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.AsSpan().TrimEnd('/').LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }
}
