using System.Globalization;
using System.Linq;
using GuestAgent.Generators.Emitting;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Reads the key of a constructor parameter's <c>[FromKeyedServices(key)]</c> as C# text the
/// registry's file can pass to <c>IKeyedServiceProvider.GetKeyedService</c>. Keys are compared with
/// <c>Equals</c>, so the text must make a value of the same type: <c>1L</c> is not the key <c>1</c>.
/// </summary>
internal static class ServiceKeys
{
    /// <summary>
    /// The parameter's key: <c>Key</c> <c>null</c> when the parameter is not keyed, or is keyed by
    /// <c>null</c> or by the parameterless attribute (.NET 10's "inherit the key of the service being
    /// created": a command class is never created as a keyed service, so ActivatorUtilities then asks
    /// for the unkeyed service, as it does for a <c>null</c> key). <c>Refusal</c>, with the attribute's
    /// <c>Location</c>, when the key has no faithful C# form.
    /// </summary>
    public static (ServiceKey? Key, string? Refusal, Location? Location, ITypeSymbol? KeyType) Read(IParameterSymbol parameter, KnownTypes known)
    {
        var attribute = parameter.GetAttributes().FirstOrDefault(a => Names.IsNamed(a.AttributeClass, "Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute"));
        if (attribute is null || attribute.ConstructorArguments.Length == 0)
        {
            return (null, null, null, null);
        }

        var location = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? parameter.Locations.FirstOrDefault();
        var value = attribute.ConstructorArguments[0];
        if (value.IsNull)
        {
            return (null, null, null, null);
        }

        var (expression, refusal) = value.Kind switch
        {
            // The attribute stores a string as UTF-8, which has no lone surrogate: ActivatorUtilities reads
            // U+FFFD in its place, a key other than the one the source (and a registry written from it) names.
            TypedConstantKind.Primitive when value.Value is string halves && DefaultValues.HasLoneSurrogate(halves) => ((string?)null, $"the string {CSharp.Literal(halves)}, which holds a lone surrogate: the attribute stores strings as UTF-8, so ActivatorUtilities reads U+FFFD in its place, a different key; use a string of whole characters"),
            TypedConstantKind.Primitive when Primitive(value.Value!) is { } literal => (literal, null),
            TypedConstantKind.Enum when value.Type is { } type => Nameable(type, known) is { } why ? (null, why) : (EnumSource.OfValue(type, value.Value!), null),
            TypedConstantKind.Type when value.Value is ITypeSymbol type => Nameable(type, known) is { } why ? (null, why) : ($"typeof({known.Memo.Display(type, SymbolDisplayFormat.FullyQualifiedFormat)})", null),
            // Each read of the attribute makes a new array, and keys are compared with Equals: such a key matches no registration but KeyedService.AnyKey.
            TypedConstantKind.Array => ((string?)null, "an array, which is a new instance each time the attribute is read and so equals no registered key (keys are compared with Equals); use a string, number, enum value or typeof"),
            _ => (null, "a value whose type could not be resolved"),
        };
        if (refusal is not null)
        {
            return (null, refusal, location, null);
        }

        // Only type names lose their global::; a string key is shown as it is ("global::fast" stays whole).
        var text = value.Kind == TypedConstantKind.Primitive ? expression! : CSharp.Plain(expression!);
        return (new ServiceKey(expression!, text), null, location, value.Kind == TypedConstantKind.Type ? value.Value as ITypeSymbol : value.Type);
    }

    /// <summary>Why the registry's file cannot name the key's type (enum or <c>typeof</c>), or <c>null</c> when it can.</summary>
    private static string? Nameable(ITypeSymbol type, KnownTypes known)
    {
        var shown = type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
        if (Unnameable(type))
        {
            return $"typeof({shown}), which the registry cannot write (a type parameter, or a type that could not be resolved)";
        }

        if (!known.Compilation.IsSymbolAccessibleWithin(type, known.Compilation.Assembly))
        {
            return $"of type '{shown}', which is not accessible to the registry; make it internal or public";
        }

        if (ExternAliases.Hidden(type, known.Compilation) is { } hidden)
        {
            return $"of a type the registry cannot name: {ExternAliases.Reason(hidden)}";
        }

        if (CallableMethods.ObsoleteErrorType([type]) is { } obsolete)
        {
            return $"of type '{obsolete.ToDisplayString(Names.InMessage)}', which is [Obsolete] with error: true, so the registry cannot name it";
        }

        return null;
    }

    private static bool Unnameable(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error or TypeKind.TypeParameter or TypeKind.Dynamic or TypeKind.Pointer or TypeKind.FunctionPointer } => true,
        IArrayTypeSymbol array => Unnameable(array.ElementType),
        // An unbound generic type (typeof(List<>)) is a key as good as any other to ActivatorUtilities,
        // and C# writes it: its type arguments are placeholders, not types to name.
        INamedTypeSymbol named => (!named.IsUnboundGenericType && named.TypeArguments.Any(Unnameable)) || (named.ContainingType is { } outer && Unnameable(outer)),
        _ => false,
    };

    /// <summary>
    /// A constant of one of the types an attribute argument may have, with its type kept: a cast
    /// for the types C# has no literal suffix for, so <c>(byte)1</c> stays a <c>byte</c> key.
    /// </summary>
    private static string? Primitive(object value) => value switch
    {
        string text => CSharp.Literal(text),
        char c => c is >= ' ' and <= '~' and not '\'' and not '\\' ? "'" + c + "'" : "'\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) + "'",
        bool b => b ? "true" : "false",
        int i => Invariant(i),
        long l => Invariant(l) + "L",
        uint u => Invariant(u) + "U",
        ulong u => Invariant(u) + "UL",
        float f => float.IsNaN(f) ? "float.NaN" : float.IsPositiveInfinity(f) ? "float.PositiveInfinity" : float.IsNegativeInfinity(f) ? "float.NegativeInfinity" : f.ToString("R", CultureInfo.InvariantCulture) + "F",
        double d => double.IsNaN(d) ? "double.NaN" : double.IsPositiveInfinity(d) ? "double.PositiveInfinity" : double.IsNegativeInfinity(d) ? "double.NegativeInfinity" : d.ToString("R", CultureInfo.InvariantCulture) + "D",
        byte n => "(byte)" + Invariant(n),
        sbyte n => "(sbyte)(" + Invariant(n) + ")",
        short n => "(short)(" + Invariant(n) + ")",
        ushort n => "(ushort)" + Invariant(n),
        _ => null,
    };

    private static string Invariant(object value) => System.Convert.ToString(value, CultureInfo.InvariantCulture)!;
}
