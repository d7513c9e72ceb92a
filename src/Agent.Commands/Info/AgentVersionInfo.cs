namespace GuestAgent.Commands.Info;

/// <summary>
/// The version <c>version</c> reports. Register one in the agent's services to report your own
/// agent's version; otherwise the GuestAgent build version is used.
/// </summary>
/// <param name="Version">A dotted version (Nova compares it with <c>LooseVersion</c>).</param>
public sealed record AgentVersionInfo(string Version)
{
    /// <summary>The version GuestAgent was built as, without build metadata.</summary>
    public static AgentVersionInfo Build { get; } = new(AgentBuildVersion.Value.Split('+')[0]);
}
