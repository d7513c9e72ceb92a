using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The contract faults of creating a type (see <see cref="ContractFaults"/>): a
/// <c>[JsonConstructor]</c> the context's generated code cannot call, a class with no constructor
/// the context uses, and which constructors it can call at all (what the constructor binding
/// rules ask too); a type a discriminator may replace with a derived one is not created for the
/// requests naming one.
/// </summary>
internal static partial class ContractFaults
{
    /// <summary>
    /// A class whose <c>[JsonConstructor]</c> is private, protected or private protected (or, in
    /// another assembly without <c>InternalsVisibleTo</c> to this one, protected internal): the
    /// generated code cannot call it (the JSON generator warns SYSLIB1222) and the context throws
    /// <c>NotSupportedException</c> whenever it creates one. A struct is created with its default
    /// constructor instead, an internal constructor is called, and an abstract class's is never
    /// called (the derived type its type discriminator names is created). The hint says public
    /// only for a class of another assembly.
    /// </summary>
    /// <param name="type">A class the context creates.</param>
    /// <param name="known">The compilation's well-known types (the hint depends on the assembly declaring <paramref name="type"/>).</param>
    public static string? InaccessibleConstructor(INamedTypeSymbol type, KnownTypes known)
    {
        if (type.IsValueType || type.IsAbstract || RequiredJsonMembers.MarkedConstructor(type) is not { } constructor || Callable(constructor, known))
        {
            return null;
        }

        var name = type.ToDisplayString(Names.InMessage);
        return $"its [JsonConstructor] constructor '{ObjectCreation.Display(constructor)}' is {AccessibilityWord(constructor.DeclaredAccessibility)}, which the context's generated code cannot call (SYSLIB1222), "
            + $"so the context throws NotSupportedException whenever it reads a '{name}'; make the constructor {CallableAccess(type, known)}{OtherAssemblyNote(type, known)}";
    }

    /// <summary>
    /// A class declared in user code (<see cref="UserDeclared"/>) that the context has no constructor for: no
    /// <c>[JsonConstructor]</c>, no public parameterless constructor and not exactly one public
    /// constructor (only a private, protected or internal one, or two public ones with parameters).
    /// The context throws <c>NotSupportedException</c> ("… types without a parameterless
    /// constructor …") whenever it creates one; writes are fine. A struct is created with its
    /// default constructor; an abstract class is never created, nor a type with a converter of its own
    /// (the walk does not ask).
    /// </summary>
    /// <param name="type">A class or collection type the context creates.</param>
    /// <param name="known">The compilation's well-known types (the hint depends on the assembly declaring <paramref name="type"/>).</param>
    public static string? NoConstructor(INamedTypeSymbol type, KnownTypes known)
    {
        if (type.IsValueType || type.IsAbstract || type.TypeKind != TypeKind.Class || !UserDeclared(type)
            || RequiredJsonMembers.MarkedConstructor(type) is not null)
        {
            return null;
        }

        var visible = type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
        if (visible.Count == 1 || visible.Any(c => c.Parameters.Length == 0))
        {
            return null;
        }

        var name = type.ToDisplayString(Names.InMessage);
        var has = visible.Count == 0 ? "has no public constructor" : $"has {visible.Count} public constructors, none of them parameterless,";
        return $"'{name}' {has} and none marked [JsonConstructor], so the context has no constructor to create one with and throws NotSupportedException whenever it reads a '{name}'; "
            + $"add a public parameterless constructor, or mark [JsonConstructor] the {CallableAccess(type, known)} constructor to create it with{OtherAssemblyNote(type, known)}";
    }

    /// <summary>
    /// The access a constructor of <paramref name="type"/> needs for the context to call it, as the
    /// hints put it: public or internal for a class of the compilation (where the context is
    /// generated) or of an assembly granting it <c>InternalsVisibleTo</c>; public for a class of
    /// any other assembly (the analyzer does not even see its internal constructors).
    /// </summary>
    private static string CallableAccess(INamedTypeSymbol type, KnownTypes known) =>
        InternalsReachable(type, known) ? "public or internal" : "public";

    /// <summary>Why a hint for a class of another assembly says public only (empty when <see cref="InternalsReachable"/>).</summary>
    private static string OtherAssemblyNote(INamedTypeSymbol type, KnownTypes known) =>
        InternalsReachable(type, known)
            ? ""
            : $" ('{type.ContainingAssembly.Name}' is another assembly: the context can call an internal one only if that assembly grants '{known.Compilation.AssemblyName}' InternalsVisibleTo)";

    /// <summary>
    /// Whether the context, generated in the compilation, reaches the internal members of
    /// <paramref name="type"/>: declared in the compilation, or in an assembly granting it
    /// <c>InternalsVisibleTo</c> (whose internal <c>[JsonConstructor]</c> the real context calls).
    /// </summary>
    private static bool InternalsReachable(INamedTypeSymbol type, KnownTypes known) =>
        SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, known.Compilation.Assembly)
        || type.ContainingAssembly.GivesAccessTo(known.Compilation.Assembly);

    /// <summary>
    /// Whether <paramref name="type"/> is declared in user code: in the compilation's sources (or a
    /// referenced project's, as an editor sees it), or in a referenced assembly without a strong name
    /// (another project of the user's, as a build sees it). The types System.Text.Json builds another
    /// way than with a constructor (<c>Uri</c>, the immutable collections and the rest it knows by
    /// name) are all in the framework's assemblies, which are strong-named, so they are never judged;
    /// a strong-named library of the user's is not judged either (a miss, never a false error).
    /// </summary>
    public static bool UserDeclared(INamedTypeSymbol type) =>
        type.Locations.Any(l => l.IsInSource) || type.ContainingAssembly is { Identity.IsStrongName: false };

    /// <summary>
    /// A user-declared interface or abstract class the context is asked to create: .NET 10 throws
    /// <c>NotSupportedException</c> ("Deserialization of interface or abstract types is not
    /// supported") whenever it reads one (a JSON <c>null</c> aside). The callers leave out a type a
    /// discriminator may replace with a derived one (<see cref="ReadsDerivedTypes"/>) and one a
    /// converter reads; collection interfaces are the framework's, never judged (<see cref="UserDeclared"/>).
    /// </summary>
    public static string? AbstractType(INamedTypeSymbol type)
    {
        if (!(type.TypeKind == TypeKind.Interface || (type.TypeKind == TypeKind.Class && type.IsAbstract)) || !UserDeclared(type))
        {
            return null;
        }

        var name = type.ToDisplayString(Names.InMessage);
        var kind = type.TypeKind == TypeKind.Interface ? "an interface" : "an abstract class";
        return $"'{name}' is {kind}, which the context cannot create, so it throws NotSupportedException whenever it reads a '{name}'; "
            + "take a concrete type, or list its derived types with [JsonDerivedType(typeof(Derived), \"name\")] so that a request names the one to create";
    }

    /// <summary>Whether a struct's <c>[JsonConstructor]</c> is one the context ignores (it cannot call it), creating the struct with its default constructor.</summary>
    public static bool IgnoredConstructor(INamedTypeSymbol type, IMethodSymbol constructor) => type.IsValueType && !Callable(constructor);

    /// <summary>
    /// Whether <paramref name="constructor"/> is one the context's generated code can call (public,
    /// internal or protected internal): of a class's private or protected one it knows no parameter,
    /// so two members that bind one of them by name do no harm.
    /// </summary>
    public static bool Callable(IMethodSymbol constructor) =>
        constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

    /// <summary>
    /// Whether the context's generated code, in the compilation's assembly, can call a class's
    /// <paramref name="constructor"/>: as <see cref="Callable(IMethodSymbol)"/> for a class of the
    /// compilation, but a <c>protected internal</c> one of another assembly only with its
    /// <c>InternalsVisibleTo</c> (the context is no derived class; checked against the real context
    /// by the cross-assembly tests, where every read of such a class fails).
    /// </summary>
    public static bool Callable(IMethodSymbol constructor, KnownTypes known) =>
        known.Compilation.IsSymbolAccessibleWithin(constructor, known.Compilation.Assembly);

    /// <summary>
    /// Whether a request may name, by a type discriminator, a derived type the context creates
    /// instead of <paramref name="type"/>: a <c>[JsonDerivedType]</c> with a discriminator for a type
    /// other than itself, one the context can create (under <c>FallBackToNearestAncestor</c> an abstract
    /// class or interface may be listed, and a request naming it fails: probed on .NET 10). The faults of
    /// creating the type itself (an inaccessible <c>[JsonConstructor]</c>, a parameter that binds
    /// nothing, the type being abstract) then fail only the requests without a discriminator, so they
    /// are not reported: the requests naming a derived type work.
    /// </summary>
    public static bool ReadsDerivedTypes(INamedTypeSymbol type) =>
        TypeDiscriminators.Derived(type).Any(derived => derived.Discriminator is not null
            && !derived.Type.IsAbstract
            && !SymbolEqualityComparer.Default.Equals(derived.Type, type));

    private static string AccessibilityWord(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        _ => "private",
    };
}
