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
    private readonly AgentSystem _system;
    private readonly IVmDataSource _vmData;
    private readonly NetworkOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the command; the generated registry supplies the services.</summary>
    /// <param name="system">The agent's system boundaries (root, writer, process runner).</param>
    /// <param name="vmData">Where <c>vm-data</c> is read from.</param>
    /// <param name="options">Network options; defaults when not registered.</param>
    /// <param name="logger">The logger; none when not registered.</param>
    public NetworkCommands(AgentSystem system, IVmDataSource vmData, NetworkOptions? options = null, ILogger<NetworkCommands>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(vmData);
        _system = system;
        _vmData = vmData;
        _options = options ?? new NetworkOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Reconfigures the network from <c>vm-data/networking</c> and the hostname from
    /// <c>vm-data/hostname</c>. Invalid data answers <c>"500"</c> and changes nothing; a failed apply
    /// restores the previous configuration and answers <c>"500"</c> naming the failed step. Every line
    /// it logs starts with the request's id, as the host's own lines about the request do.
    /// </summary>
    /// <param name="context">The request: its id goes before every log line; its token stops the command.</param>
    [Command("resetnetwork")]
    public async Task<CommandResult> ResetNetworkAsync(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reset = new NetworkReset(_system, _vmData, _options, RequestLogger.For(_logger, context.RequestId));
        await reset.RunAsync(context.CancellationToken).ConfigureAwait(false);
        return CommandResult.Ok();
    }
}
