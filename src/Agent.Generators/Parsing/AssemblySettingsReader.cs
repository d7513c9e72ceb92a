using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Reduces the compilation to <see cref="AssemblySettings"/>. Referenced registries are read only
/// from the assembly-level <c>CommandRegistryAttribute</c> of each referenced assembly: no
/// namespace walk, so this stays cheap on every keystroke.
/// </summary>
internal static class AssemblySettingsReader
{
    public static AssemblySettings Read(Compilation compilation, CancellationToken cancellationToken)
    {
        var assemblyName = compilation.AssemblyName ?? "Assembly";
        string? context = null;
        var refusesRepeatedNames = false;
        foreach (var attribute in compilation.Assembly.GetAttributes())
        {
            if (Names.IsNamed(attribute.AttributeClass, KnownTypes.CommandJsonContextAttribute)
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is INamedTypeSymbol type)
            {
                context = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                refusesRepeatedNames = RefusesRepeatedNames(type);
            }
        }

        var references = new List<ReferencedRegistry>();
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ReadRegistry(assembly) is { } registry)
            {
                references.Add(registry);
            }
        }

        var registryName = Names.RegistryName(assemblyName);
        return new AssemblySettings(
            assemblyName,
            registryName,
            context,
            references.OrderBy(r => r.AssemblyName, System.StringComparer.Ordinal).ToEquatableArray(),
            compilation is not CSharpCompilation { LanguageVersion: < LanguageVersion.CSharp11 },
            InheritedAggregate.Lender(compilation) is not null,
            ReservedNames.Taken(compilation, GeneratedNames.AggregateClass),
            ReservedNames.Taken(compilation, registryName),
            refusesRepeatedNames);
    }

    /// <summary>
    /// Whether the context's options refuse a property name given twice in one object: its
    /// <c>[JsonSourceGenerationOptions]</c> set <c>AllowDuplicateProperties = false</c>, or take the
    /// <c>JsonSerializerDefaults.Strict</c> preset without setting it back to <c>true</c> (the
    /// context's own options then say <c>false</c>, probed against .NET 10's JSON generator).
    /// </summary>
    private static bool RefusesRepeatedNames(INamedTypeSymbol context)
    {
        foreach (var attribute in context.GetAttributes())
        {
            if (!Names.IsNamed(attribute.AttributeClass, OptionsAttribute))
            {
                continue;
            }

            var refuses = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is StrictDefaults;
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "AllowDuplicateProperties" && argument.Value.Value is bool allow)
                {
                    refuses = !allow;
                }
            }

            return refuses;
        }

        return false;
    }

    private const string OptionsAttribute = "System.Text.Json.Serialization.JsonSourceGenerationOptionsAttribute";

    /// <summary><c>JsonSerializerDefaults.Strict</c>, which sets <c>AllowDuplicateProperties = false</c>.</summary>
    private const int StrictDefaults = 2;

    public static ReferencedRegistry? ReadRegistry(IAssemblySymbol assembly)
    {
        foreach (var attribute in assembly.GetAttributes())
        {
            if (!Names.IsNamed(attribute.AttributeClass, KnownTypes.CommandRegistryAttribute)
                || attribute.ConstructorArguments.Length != 2
                || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol registryType)
            {
                continue;
            }

            var names = attribute.ConstructorArguments[1].Kind == TypedConstantKind.Array
                ? attribute.ConstructorArguments[1].Values.Select(v => v.Value as string).Where(n => n is not null).Select(n => n!)
                : Enumerable.Empty<string>();
            return new ReferencedRegistry(
                assembly.Identity.Name,
                registryType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                names.ToEquatableArray());
        }

        return null;
    }
}
