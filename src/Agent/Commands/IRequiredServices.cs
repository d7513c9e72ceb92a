namespace GuestAgent.Commands;

/// <summary>
/// Implemented by a registry that knows which services its commands' classes need: generated
/// registries (from the constructors they call, at compile time), the aggregate over several
/// assemblies, and <see cref="FilteredCommandRegistry"/> (a disabled command needs nothing). Read it
/// through <see cref="RegistryServices.FindMissingServices"/>, which also answers for a registry that
/// does not implement it.
/// </summary>
public interface IRequiredServices
{
    /// <summary>
    /// Per served command, each service its class's constructor cannot do without, ordered by
    /// command name, then constructor parameter. Static commands and classes whose parameters all
    /// have defaults, are nullable or are the <see cref="IServiceProvider"/> need none.
    /// </summary>
    IReadOnlyList<RequiredService> RequiredServices { get; }
}
