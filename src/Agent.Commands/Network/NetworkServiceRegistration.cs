using GuestAgent.Commands.Network.Sources;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;

namespace GuestAgent.Commands.Network;

/// <summary>Registers what <c>resetnetwork</c> needs besides the <c>AgentSystem</c>.</summary>
public static class NetworkServiceRegistration
{
    /// <summary>Registers <paramref name="vmData"/> as the source of <c>vm-data</c>, and the options when given.</summary>
    public static ServiceMap AddResetNetwork(this ServiceMap services, IVmDataSource vmData, NetworkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(vmData);
        services.Add(vmData);
        return options is null ? services : services.Add(options);
    }

    /// <summary>Reads <c>vm-data</c> from the XenStore the exchange uses (its endpoint and domain path).</summary>
    public static ServiceMap AddResetNetwork(this ServiceMap services, XenStoreExchangeOptions exchange, NetworkOptions? options = null) =>
        services.AddResetNetwork(XenStoreVmDataSource.ForExchange(exchange), options);
}
