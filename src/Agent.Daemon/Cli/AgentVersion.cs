using System.Reflection;

namespace GuestAgent.Daemon.Cli;

/// <summary>The agent's version, from the assembly's informational version (set by the build).</summary>
internal static class AgentVersion
{
    /// <summary>For example <c>0.1.0+3f2a…</c>; the part after <c>+</c> is the source revision.</summary>
    public static string Informational { get; } =
        typeof(AgentVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AgentVersion).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
