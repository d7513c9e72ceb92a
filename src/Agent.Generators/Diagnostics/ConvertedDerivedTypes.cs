using GuestAgent.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GuestAgent.Generators.Diagnostics;

/// <summary>
/// GA0028 at each <c>[JsonDerivedType]</c> naming a type a converter reads: the options' first <c>JsonConverter&lt;T&gt;</c>
/// of it, else its own <c>[JsonConverter]</c>. Such a converter takes no type discriminator, so .NET 10 throws
/// <c>NotSupportedException</c> ("The converter for derived type … does not support metadata writes or reads") for every
/// value of that type read or written through the polymorphic type, while the other derived types work (probed). Not
/// reported where a converter reads the polymorphic type itself (it reads every value then, derived ones too; and so
/// a type naming itself is never reported).
/// </summary>
internal static class ConvertedDerivedTypes
{
    /// <summary>Reports GA0028 for the <c>[JsonDerivedType]</c>s of the named type being analyzed.</summary>
    public static void Analyze(SymbolAnalysisContext context, KnownTypes known)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (Converter(type, known) is not null)
        {
            return;
        }

        foreach (var attribute in type.GetAttributes())
        {
            if (Names.IsNamed(attribute.AttributeClass, ContractFaults.JsonDerivedTypeAttribute)
                && attribute.ConstructorArguments is [{ Value: INamedTypeSymbol { TypeKind: not TypeKind.Error } derived }, ..]
                && Converter(derived, known) is { } converter
                && attribute.ApplicationSyntaxReference is { } syntax)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.ConvertedDerivedType,
                    syntax.GetSyntax(context.CancellationToken).GetLocation(),
                    type.ToDisplayString(Names.InMessage),
                    derived.ToDisplayString(Names.InMessage),
                    converter));
            }
        }
    }

    /// <summary>The converter that reads <paramref name="type"/>, as the message names it, or null.</summary>
    private static string? Converter(INamedTypeSymbol type, KnownTypes known) =>
        known.OptionConverters.Reading(type) is { } option ? $"'{option.ToDisplayString(Names.InMessage)}' among the options' Converters"
        : UnreadableReasons.OwnConverter(type, known) is { } own ? $"its [JsonConverter] '{own.ToDisplayString(Names.InMessage)}'"
        : null;
}
