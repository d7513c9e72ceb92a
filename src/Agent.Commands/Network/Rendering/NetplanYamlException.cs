namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// A netplan file whose YAML the reader will not follow (an alias cycle, aliases that expand beyond
/// <see cref="NetplanAliases.MaxExpansion"/>, an alias used as a key naming a collection). The message completes a
/// sentence that starts with the file's path.
/// </summary>
internal sealed class NetplanYamlException(string message) : Exception(message);
