namespace GuestAgent.Generators.Model;

/// <summary>
/// The per-assembly registry: just enough about each command to write the dispatch switch and
/// the list of descriptors, so that a change inside one command's binding does not touch it.
/// </summary>
/// <param name="RegistryName">The simple name of the registry class.</param>
/// <param name="Commands">The valid commands, ordered by name.</param>
/// <param name="Instances">The instance command classes, ordered by name.</param>
/// <param name="RequiredServices">
/// Per command (ordered by name), each constructor argument of its class that has no fallback:
/// what <c>IRequiredServices.RequiredServices</c> lists, so a host can check it at start.
/// </param>
internal sealed record RegistryModel(
    string RegistryName,
    EquatableArray<RegistryEntry> Commands,
    EquatableArray<ConstructorModel> Instances,
    EquatableArray<RequiredServiceModel> RequiredServices);

/// <summary>A service one command's class cannot be created without.</summary>
/// <param name="CommandName">The command name.</param>
/// <param name="ClassName">The <c>global::</c>-qualified command class.</param>
/// <param name="ServiceType">The <c>global::</c>-qualified service type, as the constructor call asks for it.</param>
/// <param name="AlternativeServiceType">
/// The <c>global::</c>-qualified type the constructor call makes the service from when
/// <paramref name="ServiceType"/> is not registered (<c>ILoggerFactory</c> for an <c>ILogger&lt;T&gt;</c>), or <c>null</c>.
/// </param>
/// <param name="Key">The key of a keyed service (a <c>[FromKeyedServices(key)]</c> parameter), or <c>null</c>.</param>
/// <param name="HasDefault">
/// A keyed service whose every parameter of that type and key has a default: it needs only a
/// provider with keyed services (the call fails on one without, default or not, as ActivatorUtilities does).
/// </param>
internal sealed record RequiredServiceModel(string CommandName, string ClassName, string ServiceType, string? AlternativeServiceType = null, ServiceKey? Key = null, bool HasDefault = false);

/// <summary>One command in the dispatch switch.</summary>
/// <param name="Name">The command name.</param>
/// <param name="Identifier">The C# identifier suffix derived from the name.</param>
internal sealed record RegistryEntry(string Name, string Identifier);

/// <summary>The application-wide aggregate over the own registry and every referenced one.</summary>
/// <param name="OwnRegistry">The <c>global::</c>-qualified own registry type, or <c>null</c> when the assembly has no commands.</param>
/// <param name="References">The referenced registries.</param>
/// <param name="Routes">Every command name once, with the index of the registry serving it (0 = own when present), ordered by name.</param>
/// <param name="Shadowed">
/// Per registry, the names it also declares but another registry serves (a GA0011 clash whose
/// error was suppressed): left out of its descriptors so that <c>Commands</c> lists each name once.
/// </param>
/// <param name="Clash">
/// Why there is no aggregate when two registries have one class name (GA0014), else <c>null</c>:
/// the emitted <c>CreateRegistry</c> is then an obsolete-error stub that says so, so that the
/// application's call binds to it instead of to a library's internal aggregate (CS0122).
/// </param>
internal sealed record AggregateModel(
    string? OwnRegistry,
    EquatableArray<ReferencedRegistry> References,
    EquatableArray<AggregateRoute> Routes,
    EquatableArray<ShadowedNames> Shadowed,
    string? Clash = null);

/// <summary>One command of the aggregate and the registry (field index) that serves it.</summary>
internal sealed record AggregateRoute(string Name, int RegistryIndex);

/// <summary>The names a registry (field index) declares but does not serve in the aggregate, ordered.</summary>
internal sealed record ShadowedNames(int RegistryIndex, EquatableArray<string> Names);
