using GuestAgent.Commands.Network.Sources;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Network;

/// <summary>
/// The <c>resetnetwork</c> command: configures every interface Nova describes in
/// <c>vm-data/networking</c> for the network system of this distribution, and the hostname from
/// <c>vm-data/hostname</c> (kept as it is when absent). See <c>docs/networking.md</c>.
/// </summary>
public sealed class NetworkCommands
{
    private readonly NetworkReset _reset;

    /// <summary>Creates the command; the generated registry supplies the services.</summary>
    /// <param name="system">The agent's system boundaries (root, writer, process runner).</param>
    /// <param name="vmData">Where <c>vm-data</c> is read from.</param>
    /// <param name="options">Network options; defaults when not registered.</param>
    /// <param name="logger">The logger; none when not registered.</param>
    public NetworkCommands(AgentSystem system, IVmDataSource vmData, NetworkOptions? options = null, ILogger<NetworkCommands>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(vmData);
        _reset = new NetworkReset(system, vmData, options ?? new NetworkOptions(), (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <summary>
    /// Reconfigures the network from <c>vm-data/networking</c> and the hostname from
    /// <c>vm-data/hostname</c>. Invalid data answers <c>"500"</c> and changes nothing; a failed apply
    /// restores the previous configuration and answers <c>"500"</c> naming the failed step.
    /// </summary>
    [Command("resetnetwork")]
    public async Task<CommandResult> ResetNetworkAsync(CancellationToken cancellationToken)
    {
        await _reset.RunAsync(cancellationToken).ConfigureAwait(false);
        return CommandResult.Ok();
    }
}
