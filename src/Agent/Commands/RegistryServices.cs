using Microsoft.Extensions.DependencyInjection;

namespace GuestAgent.Commands;

/// <summary>
/// Checks at start that the services a registry's instance commands need are registered, instead
/// of learning it from the first request for each (answered <c>"500"</c>, a
/// <see cref="MissingServiceException"/> in the log). The list is known at compile time, so the
/// check takes no reflection.
/// </summary>
public static class RegistryServices
{
    /// <summary>The services the registry's commands need (<see cref="IRequiredServices"/>), or none for a registry that does not say.</summary>
    /// <param name="registry">A generated, aggregate or filtered registry.</param>
    public static IReadOnlyList<RequiredService> GetRequiredServices(this ICommandRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry is IRequiredServices required ? required.RequiredServices : [];
    }

    /// <summary>
    /// The required services that <paramref name="services"/> does not supply, in the order of
    /// <see cref="GetRequiredServices"/>; empty when every command can be created. Give it the
    /// provider the registry was created with, with everything registered that the application
    /// registers before serving.
    /// </summary>
    /// <remarks>
    /// A provider that implements <see cref="IServiceProviderIsService"/> (a <c>ServiceMap</c>, a
    /// Microsoft.Extensions.DependencyInjection provider) is asked whether each type is registered,
    /// so no factory runs; any other provider is asked for each service, which creates it. An
    /// entry with an <see cref="RequiredService.AlternativeServiceType"/> (an <c>ILogger&lt;T&gt;</c>
    /// the registry can make from an <c>ILoggerFactory</c>) is missing only when neither is registered.
    /// A keyed entry (<see cref="RequiredService.ServiceKey"/>) is asked of an
    /// <see cref="IServiceProviderIsKeyedService"/> the same way, or else of the
    /// <see cref="IKeyedServiceProvider"/>; a provider that is no <see cref="IKeyedServiceProvider"/>
    /// supplies no keyed service, as the registry finds when it creates the class. A keyed entry with a
    /// default (<see cref="RequiredService.HasDefault"/>) is missing only from such a provider.
    /// </remarks>
    /// <param name="registry">The registry served.</param>
    /// <param name="services">The provider the registry was created with.</param>
    public static IReadOnlyList<RequiredService> FindMissingServices(this ICommandRegistry registry, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        var required = registry.GetRequiredServices();
        if (required.Count == 0)
        {
            return [];
        }

        var isService = services as IServiceProviderIsService ?? services.GetService(typeof(IServiceProviderIsService)) as IServiceProviderIsService;
        var keyed = services as IKeyedServiceProvider;
        // Asked for only when an entry is keyed: a registry without one asks the provider what it always did.
        var isKeyedService = isService as IServiceProviderIsKeyedService
            ?? (keyed is not null && required.Any(service => service.ServiceKey is not null)
                ? services.GetService(typeof(IServiceProviderIsKeyedService)) as IServiceProviderIsKeyedService
                : null);
        var known = new Dictionary<Type, bool>();
        var knownKeyed = new Dictionary<(Type, object), bool>();
        var missing = new List<RequiredService>();
        foreach (var service in required)
        {
            var present = service.ServiceKey is { } key
                // A default stands in for a key not registered, never for a provider without keyed services.
                ? service.HasDefault ? keyed is not null : IsKeyedRegistered(service.ServiceType, key)
                : IsRegistered(service.ServiceType) || (service.AlternativeServiceType is { } alternative && IsRegistered(alternative));
            if (!present)
            {
                missing.Add(service);
            }
        }

        return missing;

        bool IsRegistered(Type type)
        {
            if (!known.TryGetValue(type, out var present))
            {
                present = isService?.IsService(type) ?? type.IsInstanceOfType(services.GetService(type));
                known[type] = present;
            }

            return present;
        }

        // As the registry asks: only an IKeyedServiceProvider has keyed services at all, whatever else it says.
        bool IsKeyedRegistered(Type type, object key)
        {
            if (keyed is null)
            {
                return false;
            }

            if (!knownKeyed.TryGetValue((type, key), out var present))
            {
                present = isKeyedService?.IsKeyedService(type, key) ?? type.IsInstanceOfType(keyed.GetKeyedService(type, key));
                knownKeyed[(type, key)] = present;
            }

            return present;
        }
    }
}
