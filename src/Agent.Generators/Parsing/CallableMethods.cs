using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Methods that are visible to the generated registry and yet cannot be called by it by name
/// (GA0003 with a reason): operators and accessors, extension-block members, and obsolete errors.
/// </summary>
internal static class CallableMethods
{
    /// <summary>What the method is when it is not an ordinary method, for the message; else <c>null</c>.</summary>
    public static string? SpecialKind(IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.UserDefinedOperator => "an operator",
        MethodKind.Conversion => "a conversion operator",
        MethodKind.PropertyGet or MethodKind.PropertySet => "a property accessor",
        MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise => "an event accessor",
        MethodKind.Destructor => "a finalizer",
        _ => null,
    };

    /// <summary>
    /// Why the registry cannot call the method by its type's name because of where it is declared,
    /// for the message: a static abstract or virtual interface member, an extension-block member, an
    /// obsolete error; else <c>null</c>.
    /// </summary>
    public static string? WhereDeclared(IMethodSymbol method) =>
        method.IsStatic && (method.IsAbstract || method.IsVirtual) && method.ContainingType.TypeKind == TypeKind.Interface
            ? "a static abstract or static virtual interface member can only be called through a type parameter; declare the command as a static method of a class"
            : InExtensionBlock(method)
                ? "it is declared in an extension block; declare it as an ordinary static method of the enclosing class"
                // [Obsolete] warnings are suppressed in generated code; an obsolete *error* cannot be.
                : IsObsoleteError(method)
                    ? "it (or its class) is [Obsolete] with error: true, so no code may call it; remove the command, or make the attribute a warning"
                    : null;

    /// <summary>Whether the method is a member of a C# 14 <c>extension(…)</c> block.</summary>
    public static bool InExtensionBlock(IMethodSymbol method) => Containing(method).Any(t => t.IsExtension);

    /// <summary>Whether the method or a type containing it is <c>[Obsolete]</c> as an error.</summary>
    public static bool IsObsoleteError(IMethodSymbol method) => HasObsoleteError(method) || Containing(method).Any(HasObsoleteError);

    /// <summary>Whether the symbol itself is <c>[Obsolete]</c> as an error (an instance class's constructor, say).</summary>
    public static bool HasObsoleteError(ISymbol symbol) =>
        symbol.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, "System.ObsoleteAttribute")
            && a.ConstructorArguments.Length == 2 && a.ConstructorArguments[1].Value is true);

    private static IEnumerable<INamedTypeSymbol> Containing(IMethodSymbol method)
    {
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            yield return type;
        }
    }
}
