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
        // Callable only through the interface, and it cannot be made public or internal.
        MethodKind.ExplicitInterfaceImplementation => "an explicit interface implementation",
        _ => null,
    };

    /// <summary>
    /// Why the registry cannot call the method by its type's name because of where or how it is
    /// declared, for the message: a static abstract or virtual interface member, an extension-block
    /// member, an obsolete error, a variable argument list, a <c>[Conditional]</c> or
    /// <c>[UnmanagedCallersOnly]</c> method; else <c>null</c>.
    /// </summary>
    public static string? WhereDeclared(IMethodSymbol method) =>
        method.IsStatic && (method.IsAbstract || method.IsVirtual) && method.ContainingType.TypeKind == TypeKind.Interface
            ? "a static abstract or static virtual interface member can only be called through a type parameter; declare the command as a static method of a class"
            : InExtensionBlock(method)
                ? "it is declared in an extension block; declare it as an ordinary static method of the enclosing class"
                // [Obsolete] warnings are suppressed in generated code; an obsolete *error* cannot be.
                : IsObsoleteError(method)
                    ? "it (or its class) is [Obsolete] with error: true, so no code may call it; remove the command, or make the attribute a warning"
                    : ObsoleteErrorType(method.Parameters.Select(p => p.Type).Concat([method.ReturnType])) is { } obsolete
                        ? $"its signature names '{obsolete.ToDisplayString(Names.InMessage)}', which is [Obsolete] with error: true: the method may name it inside its own [Obsolete] context, but the generated registry cannot; make that attribute a warning, or take another type"
                    // The call would pass no __arglist: CS7036 in the generated file.
                    : method.IsVararg
                        ? "it takes a variable argument list (__arglist), which the registry cannot pass; take the values as ordinary parameters (an array, say)"
                        : Conditional(method) is { } symbols
                            ? $"it is [{symbols}], so the compiler removes every call to it (the registry's too) where that symbol is not defined, and the command would answer without running; remove the attribute"
                            // C# refuses a direct call (CS8901 in the generated file).
                            : method.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, "System.Runtime.InteropServices.UnmanagedCallersOnlyAttribute"))
                                ? "it is [UnmanagedCallersOnly], which only native code may call, through a function pointer; make the command an ordinary method (and call it from the native entry point)"
                                : null;

    /// <summary>
    /// The method's <c>[Conditional]</c> attributes as written (<c>Conditional("DEBUG")</c>), or
    /// <c>null</c>: the compiler drops a call to such a method, unseen, wherever none of its symbols
    /// is defined. An override is conditional through the method it overrides (it may not say so itself).
    /// </summary>
    private static string? Conditional(IMethodSymbol method)
    {
        var symbols = new List<string>();
        for (var declared = method; declared is not null; declared = declared.OverriddenMethod)
        {
            symbols.AddRange(declared.GetAttributes()
                .Where(a => Names.IsNamed(a.AttributeClass, "System.Diagnostics.ConditionalAttribute") && a.ConstructorArguments is [{ Value: string }])
                .Select(a => $"Conditional(\"{a.ConstructorArguments[0].Value}\")"));
        }

        return symbols.Count == 0 ? null : string.Join(", ", symbols);
    }

    /// <summary>Whether the method is a member of a C# 14 <c>extension(…)</c> block.</summary>
    public static bool InExtensionBlock(IMethodSymbol method) => Containing(method).Any(t => t.IsExtension);

    /// <summary>
    /// The first type among <paramref name="types"/> (their elements, type arguments and containing
    /// types too) that is <c>[Obsolete]</c> as an error, or <c>null</c>. Code inside an <c>[Obsolete]</c>
    /// member may name it; the generated file, outside that context, would be CS0619, which no
    /// <c>#pragma</c> suppresses.
    /// </summary>
    public static INamedTypeSymbol? ObsoleteErrorType(IEnumerable<ITypeSymbol> types) =>
        types.Select(ObsoleteErrorIn).FirstOrDefault(t => t is not null);

    private static INamedTypeSymbol? ObsoleteErrorIn(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return ObsoleteErrorIn(array.ElementType);
            case INamedTypeSymbol named:
                for (var current = named; current is not null; current = current.ContainingType)
                {
                    if (HasObsoleteError(current))
                    {
                        // Named as written in a message: IOld, not the IOld? of the parameter.
                        return (INamedTypeSymbol)current.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
                    }
                }

                return ObsoleteErrorType(named.TypeArguments);
            default:
                return null;
        }
    }

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
