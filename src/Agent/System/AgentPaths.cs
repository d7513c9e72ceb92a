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
