using GuestAgent.Platform;

namespace GuestAgent.Commands;

/// <summary>
/// The state directories the commands' options name, checked by the daemon's rule for a configured
/// directory (<see cref="AgentPaths.TryNormalizeConfiguredDirectory"/>) when the options are made, so an
/// application that sets one directly cannot pass what the daemon's configuration would refuse.
/// </summary>
internal static class ConfiguredDirectory
{
    /// <summary>
    /// <paramref name="value"/> without trailing slashes, or an <see cref="ArgumentException"/> that says
    /// which option (<paramref name="what"/>, for example <c>password state directory</c>) and why.
    /// </summary>
    public static string Require(string value, string what, string parameterName) =>
        AgentPaths.TryNormalizeConfiguredDirectory(value, out var normalized, out var problem)
            ? normalized
            : throw new ArgumentException($"The {what} {problem}", parameterName);
}
