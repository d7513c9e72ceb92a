namespace GuestAgent.Commands.Info;

/// <summary>
/// The version <c>version</c> reports. Register one in the agent's services to report your own
/// agent's version; otherwise the GuestAgent build version is used.
/// </summary>
/// <param name="Version">A dotted version (Nova compares it with <c>LooseVersion</c>).</param>
public sealed record AgentVersionInfo(string Version)
{
    /// <summary>The version GuestAgent was built as, without build metadata.</summary>
    public static AgentVersionInfo Build { get; } = new(WithoutBuildMetadata(AgentBuildVersion.Value));

    /// <summary>
    /// <paramref name="version"/> without its SemVer build metadata (<c>1.2.0+3f1c2ab</c> gives
    /// <c>1.2.0</c>): a build may stamp the commit there, and Nova's <c>LooseVersion</c> would read
    /// the hash's letters and digits as more version parts. A method of its own so tests can give it
    /// such a version, which no test build has.
    /// </summary>
    internal static string WithoutBuildMetadata(string version) => version.Split('+')[0];
}
