using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Two members of a type's contract that go by the same name in JSON: two <c>[JsonPropertyName]</c>s, one
/// naming another member, or the naming policy making two names one (<c>FooBar</c> and <c>foo_bar</c>
/// under snake case), inherited members too; under <c>PropertyNameCaseInsensitive</c> (or the Web
/// defaults) names differing only in case as well. .NET 10 throws <c>InvalidOperationException</c>
/// ("The JSON property name for … collides with another property") as it prepares the type, so every
/// read and write of it fails; System.Text.Json's generator says nothing (probed with the source-generated
/// context). A member always <c>[JsonIgnore]</c>d, one hidden by a derived member of its name, and extension
/// data have no name there.
/// </summary>
internal static class JsonNameCollisions
{
    /// <summary>Why the context fails on <paramref name="type"/>'s names, with the fix, or null.</summary>
    /// <param name="type">The type being prepared.</param>
    /// <param name="members">The members of its contract, derived ones first, each CLR name once.</param>
    /// <param name="known">The compilation's well-known types and the context's options.</param>
    public static string? Why(INamedTypeSymbol type, IEnumerable<ISymbol> members, KnownTypes known)
    {
        if (First(members, known) is not var (first, second, name))
        {
            return null;
        }

        var owner = type.ToDisplayString(Names.InMessage);
        return $"'{owner}.{first.Name}' and '{owner}.{second.Name}' both go by the name '{name}' in JSON{(known.NamesIgnoreCase ? " (ignoring case, as the options compare names)" : "")}, "
            + $"so the context throws InvalidOperationException whenever it reads or writes a '{owner}'; "
            + "give one another name with [JsonPropertyName], or mark one [JsonIgnore]";
    }

    /// <summary>The first two of <paramref name="members"/> (in order) that go by one name in JSON, with that name (the second's), or null.</summary>
    public static (ISymbol First, ISymbol Second, string Name)? First(IEnumerable<ISymbol> members, KnownTypes known)
    {
        var named = new Dictionary<string, ISymbol>(known.NamesIgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (SchemaBuilder.AlwaysIgnored(member, known) || ExtensionDataFaults.IsExtensionData(member))
            {
                continue;
            }

            var name = SchemaBuilder.JsonName(member, known);
            if (named.TryGetValue(name, out var first))
            {
                return (first, member, name);
            }

            named.Add(name, member);
        }

        return null;
    }
}
