namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// A netplan file whose YAML the reader will not follow (an alias cycle, aliases that expand beyond
/// <see cref="NetplanAliases.MaxExpansion"/>, an alias used as a key naming a collection). The message completes a
/// sentence that starts with the file's path: the reason, then, where libyaml fails on such YAML, that netplan fails on it and with what.
/// </summary>
/// <param name="reason">What the reader will not follow.</param>
/// <param name="netplanError">libyaml's error, with which netplan fails on the file, or <c>null</c> where netplan reads it.</param>
internal sealed class NetplanYamlException(string reason, string? netplanError = null)
    : Exception(netplanError is null ? reason : $"{reason} (netplan fails on it: \"{netplanError}\")")
{
    /// <summary>What the reader will not follow, without what netplan makes of it: for a file netplan never reads.</summary>
    public string Reason { get; } = reason;
}
