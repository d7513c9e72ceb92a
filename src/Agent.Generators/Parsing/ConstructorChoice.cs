using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Picks the constructor the registry creates an instance command's class with, by the rule
/// Microsoft.Extensions.DependencyInjection's <c>ActivatorUtilities</c> users know: the one marked
/// <c>[ActivatorUtilitiesConstructor]</c>, otherwise the accessible one with the most parameters.
/// Where that is not one constructor the choice would be arbitrary, so it is refused (GA0010).
/// </summary>
internal static class ConstructorChoice
{
    private const string PreferredAttribute = "Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructorAttribute";

    /// <summary>The chosen constructor, or the reason there is none.</summary>
    public static (IMethodSymbol? Constructor, string? Reason) Choose(INamedTypeSymbol type)
    {
        var accessible = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)
            .ToList();
        if (accessible.Count == 0)
        {
            return (null, "it has no public or internal constructor");
        }

        var marked = accessible.Where(c => c.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, PreferredAttribute))).ToList();
        if (marked.Count == 1)
        {
            return (marked[0], null);
        }

        if (marked.Count > 1)
        {
            return (null, $"{List(marked)} {(marked.Count == 2 ? "are both" : "are all")} marked [ActivatorUtilitiesConstructor]; mark only the one the registry should call");
        }

        var most = accessible.Max(c => c.Parameters.Length);
        var longest = accessible.Where(c => c.Parameters.Length == most).ToList();
        return longest.Count == 1
            ? (longest[0], null)
            : (null, $"{List(longest)} {(longest.Count == 2 ? "both" : "all")} have the most parameters ({most}), so the choice would be arbitrary; mark the one the registry should call [ActivatorUtilitiesConstructor] (Microsoft.Extensions.DependencyInjection)");
    }

    private static string List(System.Collections.Generic.List<IMethodSymbol> constructors) =>
        "its constructors " + string.Join(" and ", constructors.Select(Display));

    /// <summary>A constructor as it is written: <c>Tie(IA)</c>.</summary>
    public static string Display(IMethodSymbol constructor) =>
        $"'{constructor.ContainingType.Name}({string.Join(", ", constructor.Parameters.Select(p => p.Type.ToDisplayString(Names.InMessage)))})'";
}
