namespace GuestAgent.Commands;

/// <summary>
/// A service one instance command's class takes in its constructor and cannot do without: no
/// default value, not nullable, not the <see cref="IServiceProvider"/> itself; or a keyed one with a
/// default, which needs a provider with keyed services all the same (<see cref="HasDefault"/>). Generated registries
/// list these from the constructors they call (<see cref="IRequiredServices"/>), so a host can check
/// at start what would otherwise fail the command's first request with a
/// <see cref="MissingServiceException"/>.
/// </summary>
public sealed class RequiredService
{
    /// <summary>Creates the entry (generated registries do).</summary>
    /// <param name="commandName">The command that needs the service.</param>
    /// <param name="commandClass">The command's class, as its full name.</param>
    /// <param name="serviceType">The type the registry asks the <see cref="IServiceProvider"/> for.</param>
    /// <param name="service">The service's type as its full name, as <see cref="MissingServiceException.Service"/> states it.</param>
    public RequiredService(string commandName, string commandClass, Type serviceType, string service)
        : this(commandName, commandClass, serviceType, service, alternativeServiceType: null)
    {
    }

    /// <summary>Creates the entry for a service that another one can stand in for (generated registries do).</summary>
    /// <param name="commandName">The command that needs the service.</param>
    /// <param name="commandClass">The command's class, as its full name.</param>
    /// <param name="serviceType">The type the registry asks the <see cref="IServiceProvider"/> for.</param>
    /// <param name="service">The service's type as its full name, as <see cref="MissingServiceException.Service"/> states it.</param>
    /// <param name="alternativeServiceType">
    /// A type the registry makes the service from when <paramref name="serviceType"/> is not
    /// registered (<c>ILoggerFactory</c> for an <c>ILogger&lt;T&gt;</c>), or <c>null</c>.
    /// </param>
    public RequiredService(string commandName, string commandClass, Type serviceType, string service, Type? alternativeServiceType)
    {
        ArgumentNullException.ThrowIfNull(commandName);
        ArgumentNullException.ThrowIfNull(commandClass);
        ArgumentNullException.ThrowIfNull(serviceType);
        ArgumentNullException.ThrowIfNull(service);
        CommandName = commandName;
        CommandClass = commandClass;
        ServiceType = serviceType;
        Service = service;
        AlternativeServiceType = alternativeServiceType;
    }

    /// <summary>Creates the entry for a keyed service, a <c>[FromKeyedServices(key)]</c> parameter (generated registries do).</summary>
    /// <param name="commandName">The command that needs the service.</param>
    /// <param name="commandClass">The command's class, as its full name.</param>
    /// <param name="serviceType">The type the registry asks the <c>IKeyedServiceProvider</c> for.</param>
    /// <param name="service">The service's type as its full name, as <see cref="MissingServiceException.Service"/> states it.</param>
    /// <param name="serviceKey">The key, as the attribute gives it (never <c>null</c>: a null key asks for the unkeyed service).</param>
    /// <param name="serviceKeyText">The key as C# source text (<c>"fast"</c> with its quotes), as <see cref="MissingServiceException.ServiceKeyText"/> states it.</param>
    public RequiredService(string commandName, string commandClass, Type serviceType, string service, object serviceKey, string serviceKeyText)
        : this(commandName, commandClass, serviceType, service, alternativeServiceType: null)
    {
        ArgumentNullException.ThrowIfNull(serviceKey);
        ArgumentNullException.ThrowIfNull(serviceKeyText);
        ServiceKey = serviceKey;
        ServiceKeyText = serviceKeyText;
    }

    /// <summary>
    /// Creates the entry for a keyed service whose parameter has a default value (generated registries
    /// do): the registry passes the default when the key is not registered, but fails the class, as
    /// ActivatorUtilities does, when the provider has no keyed services at all.
    /// </summary>
    /// <param name="commandName">The command that needs the service.</param>
    /// <param name="commandClass">The command's class, as its full name.</param>
    /// <param name="serviceType">The type the registry asks the <c>IKeyedServiceProvider</c> for.</param>
    /// <param name="service">The service's type as its full name, as <see cref="MissingServiceException.Service"/> states it.</param>
    /// <param name="serviceKey">The key, as the attribute gives it (never <c>null</c>: a null key asks for the unkeyed service).</param>
    /// <param name="serviceKeyText">The key as C# source text (<c>"fast"</c> with its quotes), as <see cref="MissingServiceException.ServiceKeyText"/> states it.</param>
    /// <param name="hasDefault">Whether the parameter has a default value (<see cref="HasDefault"/>).</param>
    public RequiredService(string commandName, string commandClass, Type serviceType, string service, object serviceKey, string serviceKeyText, bool hasDefault)
        : this(commandName, commandClass, serviceType, service, serviceKey, serviceKeyText)
    {
        HasDefault = hasDefault;
    }

    /// <summary>
    /// Whether the keyed service's parameter has a default value, which the registry passes when the
    /// key is not registered: the entry then stands only for the provider's keyed services, and is
    /// missing only from a provider that is no <c>IKeyedServiceProvider</c> (the registry, as
    /// ActivatorUtilities, fails the class there, default or not). <c>false</c> for every other entry.
    /// </summary>
    public bool HasDefault { get; }

    /// <summary>The command that needs the service.</summary>
    public string CommandName { get; }

    /// <summary>The command's class, as its full name (<see cref="MissingServiceException.CommandClass"/>).</summary>
    public string CommandClass { get; }

    /// <summary>The type the registry asks the <see cref="IServiceProvider"/> for (for <c>int?</c>, <c>int</c>).</summary>
    public Type ServiceType { get; }

    /// <summary>
    /// The type the registry makes the service from when <see cref="ServiceType"/> is not
    /// registered, or <c>null</c>: for a constructor parameter of type <c>ILogger&lt;T&gt;</c>, the
    /// <c>ILoggerFactory</c> (the registry then creates a <c>CategoryLogger&lt;T&gt;</c>). Either
    /// one registered satisfies the entry.
    /// </summary>
    public Type? AlternativeServiceType { get; }

    /// <summary>
    /// The key of a keyed service (a <c>[FromKeyedServices(key)]</c> parameter), compared with
    /// <see cref="object.Equals(object)"/> as Microsoft.Extensions.DependencyInjection compares keys;
    /// <c>null</c> for an unkeyed service.
    /// </summary>
    public object? ServiceKey { get; }

    /// <summary>The key as C# source text (<c>"fast"</c>, <c>3</c>, <c>Contoso.Tier.Gold</c>), or <c>null</c> for an unkeyed service.</summary>
    public string? ServiceKeyText { get; }

    /// <summary>The service's type as its full name, in C# form (<c>Microsoft.Extensions.Logging.ILogger&lt;Contoso.MotdCommands&gt;</c>).</summary>
    public string Service { get; }

    /// <summary>
    /// The message a request for the command would fail with, without the command's name; for a keyed
    /// entry, the one of a provider that has keyed services (with one that is no
    /// <c>IKeyedServiceProvider</c>, the request's message says that the provider cannot supply it instead).
    /// </summary>
    /// <remarks>An entry with a default (<see cref="HasDefault"/>) is missing only from a provider without keyed services, and says so.</remarks>
    public override string ToString() =>
        MissingServiceException.Describe(CommandClass, Service, ServiceKeyText, HasDefault ? NoKeyedServices : null);

    /// <summary>Why an entry with a default is missing: nothing else makes it so.</summary>
    private const string NoKeyedServices = "the service provider cannot supply: it has no keyed services (the parameter's default stands in only for a key not registered)";
}
