namespace GuestAgent.Daemon.Cli;

/// <summary>The agent's version: the build's informational version, compiled in (see Agent.Daemon.csproj).</summary>
internal static class AgentVersion
{
    /// <summary>For example <c>0.1.0+3f2a…</c>; the part after <c>+</c> is the source revision.</summary>
    public static string Informational => AgentInformationalVersion.Value;
}
