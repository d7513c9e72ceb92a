using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The type a command parameter's value binds to, which decides whether the binder takes a JSON
/// <c>null</c> for it, its schema, its local's type in the generated code and its default's JSON.
/// </summary>
internal static class BoundTypes
{
    /// <summary>
    /// The type a parameter's value binds to: its declared type, but nullable where the method takes
    /// null (<see cref="NullByDefault"/>, or <c>[AllowNull] string s</c>) and not where it refuses it
    /// (<c>[DisallowNull] string? s</c> binds a <c>string</c>, <c>[DisallowNull] int? n</c> an
    /// <c>int</c>): passing a null it refuses would warn in the generated file (CS8604, CS8607),
    /// and a JSON null for it is refused like any other non-nullable parameter's. A value type
    /// whose default is null keeps its declared type (its local must hold that default).
    /// </summary>
    public static ITypeSymbol Of(IParameterSymbol parameter)
    {
        var type = parameter.Type;
        if (NullByDefault(parameter) || (!type.IsValueType && HasAttribute(parameter, "System.Diagnostics.CodeAnalysis.AllowNullAttribute")))
        {
            return type.WithNullableAnnotation(NullableAnnotation.Annotated);
        }

        if (!HasAttribute(parameter, "System.Diagnostics.CodeAnalysis.DisallowNullAttribute"))
        {
            return type;
        }

        return type.IsValueType
            ? (DefaultValues.Has(parameter) && DefaultValues.Constant(parameter) is null ? type : TypeClassifier.UnwrapNullable(type))
            : type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
    }

    /// <summary>
    /// Whether the call must pass the bound value with <c>!</c>: a <c>[DisallowNull]</c> parameter
    /// whose bound type still admits null (<c>[DisallowNull] int? n = null</c>, whose default the
    /// author chose), where passing it would otherwise warn in the generated file (CS8607).
    /// </summary>
    public static bool ForgivesNull(IParameterSymbol parameter, ITypeSymbol bound) =>
        !ReferenceEquals(TypeClassifier.UnwrapNullable(bound), bound)
        && HasAttribute(parameter, "System.Diagnostics.CodeAnalysis.DisallowNullAttribute");

    private static bool HasAttribute(IParameterSymbol parameter, string fullName) =>
        parameter.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, fullName));

    /// <summary>
    /// Whether a parameter written without nullable annotations (<c>#nullable disable</c>, where
    /// <c>string?</c> would warn) has the default <c>null</c>: the method then takes <c>null</c>, so
    /// a request's <c>null</c> binds as it would to <c>string?</c>, and the schema admits the default it states.
    /// </summary>
    private static bool NullByDefault(IParameterSymbol parameter) =>
        !parameter.Type.IsValueType
        && parameter.Type.NullableAnnotation == NullableAnnotation.None
        && DefaultValues.Has(parameter)
        && DefaultValues.Constant(parameter) is null;
}
