using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GuestAgent.Generators.Parsing;

namespace GuestAgent.Generators.Model;

/// <summary>Derives the registry and aggregate models from the commands and the assembly settings.</summary>
internal static class RegistryPlanner
{
    /// <summary>Names used by more than one command of the assembly: none of them is generated (GA0001).</summary>
    public static EquatableArray<string> DuplicateNames(ImmutableArray<string> names) =>
        names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)
            .OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray();

    /// <summary>Whether a command gets dispatch code.</summary>
    public static bool IsGenerated(CommandModel command, EquatableArray<string> duplicates) =>
        command.IsValid && !duplicates.Contains(command.Name);

    public static RegistryModel CreateRegistry(ImmutableArray<CommandModel> commands, EquatableArray<string> duplicates, string registryName)
    {
        var generated = commands.Where(c => IsGenerated(c, duplicates)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var entries = generated.Select(c => new RegistryEntry(c.Name, Names.CommandIdentifier(c.Name)));
        var instances = generated.Where(c => c.Constructor is not null).Select(c => c.Constructor!)
            .GroupBy(c => c.TypeName, StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(c => c.TypeName, StringComparer.Ordinal);
        return new RegistryModel(registryName, entries.ToEquatableArray(), instances.ToEquatableArray(), RequiredServices(generated));
    }

    /// <summary>
    /// What each command's class needs from the provider: the arguments the constructor call would
    /// throw <c>MissingServiceException</c> for (no fallback, not the provider itself), once per type.
    /// An <c>ILogger&lt;T&gt;</c> is also satisfied by an <c>ILoggerFactory</c>, which the call makes it from.
    /// A keyed service is its own entry per key: the same type under two keys is two registrations.
    /// A keyed one with a default is listed too (<see cref="RequiredServiceModel.HasDefault"/>): the
    /// call fails on a provider without keyed services whatever the default, which the check at start must say.
    /// </summary>
    private static EquatableArray<RequiredServiceModel> RequiredServices(IEnumerable<CommandModel> commandsByName) =>
        commandsByName
            .Where(c => c.Constructor is not null)
            .SelectMany(c => c.Constructor!.Arguments
                .Where(a => !a.IsServiceProvider && (a.Fallback is null || a.Key is not null))
                .GroupBy(a => (a.TypeName, a.Key))
                .Select(g => new RequiredServiceModel(c.Name, c.Constructor.TypeName, g.Key.TypeName, g.First().Logger is null ? null : LoggerFactoryType, g.Key.Key, g.All(a => a.Fallback is not null))))
            .ToEquatableArray();

    /// <summary>What an <c>ILogger&lt;T&gt;</c> argument is made from when the provider has no <c>ILogger&lt;T&gt;</c>.</summary>
    public const string LoggerFactoryType = "global::Microsoft.Extensions.Logging.ILoggerFactory";

    /// <summary>
    /// The first two registries (own first, then references by assembly name) whose classes have
    /// the same full name: "Team.Tools" and "TeamTools" both get <c>TeamToolsCommandRegistry</c>.
    /// </summary>
    public static (string FirstAssembly, string SecondAssembly, string TypeName)? RegistryClash(
        IEnumerable<(string Assembly, string TypeName)> own, IEnumerable<ReferencedRegistry> references)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (assembly, typeName) in own.Concat(references.Select(r => (r.AssemblyName, r.TypeName))))
        {
            if (owners.TryGetValue(typeName, out var first))
            {
                return (first, assembly, typeName);
            }

            owners[typeName] = assembly;
        }

        return null;
    }

    /// <summary>
    /// Routes each name to exactly one registry. A name served twice is a GA0011 error; when the
    /// user suppresses it, the result must still be deterministic and honest: the application's
    /// own command wins (the documented way to replace a command of a library), and between
    /// referenced assemblies the first by ordinal assembly name wins. The losers are shadowed:
    /// neither dispatched nor listed. When two registries have the same name (GA0014), a model
    /// with only <see cref="AggregateModel.Clash"/>: no aggregate, and a stub that says why.
    /// </summary>
    public static AggregateModel CreateAggregate(RegistryModel registry, string assemblyName, EquatableArray<ReferencedRegistry> references)
    {
        var own = registry.Commands.Count > 0 ? GeneratedNames.QualifiedRegistry(registry.RegistryName) : null;
        if (RegistryClash(own is null ? [] : [(assemblyName, own)], references) is { } clash)
        {
            // Two registries of one name cannot both be named in C#: GA0014 says which to rename.
            var why = $"There is no aggregate registry: command assemblies '{clash.FirstAssembly}' and '{clash.SecondAssembly}' both name their registry '{clash.TypeName.Replace("global::", string.Empty)}', which this compilation cannot tell apart (GA0014): rename one of the assemblies";
            return new AggregateModel(own, references, EquatableArray<AggregateRoute>.Empty, EquatableArray<ShadowedNames>.Empty, why);
        }

        var routes = new List<AggregateRoute>();
        var shadowed = new List<ShadowedNames>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        if (own is not null)
        {
            foreach (var command in registry.Commands)
            {
                seen.Add(command.Name);
                routes.Add(new AggregateRoute(command.Name, index));
            }

            index++;
        }

        // References arrive ordered by assembly name (AssemblySettingsReader), which makes "first" stable.
        foreach (var reference in references)
        {
            var lost = new List<string>();
            foreach (var name in reference.CommandNames.Distinct(StringComparer.Ordinal))
            {
                if (seen.Add(name))
                {
                    routes.Add(new AggregateRoute(name, index));
                }
                else
                {
                    lost.Add(name);
                }
            }

            if (lost.Count > 0)
            {
                shadowed.Add(new ShadowedNames(index, lost.OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray()));
            }

            index++;
        }

        return new AggregateModel(
            own,
            references,
            routes.OrderBy(r => r.Name, StringComparer.Ordinal).ToEquatableArray(),
            shadowed.ToEquatableArray());
    }
}
