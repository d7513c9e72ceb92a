using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.CodeFixes;

/// <summary>
/// Whether a method's accessibility or signature may be rewritten in its one declaration without
/// breaking code elsewhere. A fix that would need to touch other declarations (partial parts,
/// overrides, interface contracts) is not offered: the user knows better than a lightbulb there.
/// </summary>
internal static class SafeSignatureChange
{
    public static bool IsAllowed(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Ordinary
        && !method.IsOverride
        && !method.IsVirtual
        && !method.IsAbstract
        && !method.IsExtern
        && method.PartialDefinitionPart is null
        && method.PartialImplementationPart is null
        && method.ExplicitInterfaceImplementations.IsEmpty
        && method.DeclaringSyntaxReferences.Length == 1
        && !ImplementsInterfaceMember(method);

    private static bool ImplementsInterfaceMember(IMethodSymbol method)
    {
        var type = method.ContainingType;
        return type is not null && type.AllInterfaces
            .SelectMany(i => i.GetMembers(method.Name).OfType<IMethodSymbol>())
            .Any(member => SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method));
    }
}
