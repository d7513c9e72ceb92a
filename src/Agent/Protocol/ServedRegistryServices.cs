using GuestAgent.Commands;

namespace GuestAgent.Protocol;

/// <summary>
/// The services a parser hands its commands: the application's, with <see cref="ICommandRegistry"/>
/// answered by the registry the parser dispatches from. So <c>features</c> lists exactly what this
/// parser serves (a filtered registry without its disabled commands) without the application
/// registering it, and two parsers sharing one service map each advertise their own commands.
/// </summary>
internal sealed class ServedRegistryServices(ICommandRegistry served, IServiceProvider services) : IServiceProvider
{
    /// <inheritdoc />
    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(ICommandRegistry))
        {
            return served;
        }

        // A command resolving the provider itself must still find the served registry through it.
        return serviceType == typeof(IServiceProvider) ? this : services.GetService(serviceType);
    }
}
