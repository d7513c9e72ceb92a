using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The naming policy a string-enum converter writes member names under. System.Text.Json creates a converter named in
/// an attribute through its parameterless constructor, so a converter deriving from <c>JsonStringEnumConverter</c> or
/// <c>JsonStringEnumConverter&lt;T&gt;</c> names members as that constructor's <c>base(namingPolicy, …)</c> says (the way
/// to give a policy to an enum in a source-generated context; probed on .NET 10: <c>base(JsonNamingPolicy.CamelCase)</c>
/// writes <c>"darkBlue"</c>). Read from the constructor's source, so only converters of the compilation are known.
/// </summary>
internal static class StringEnumNaming
{
    private const string StringEnumConverter = "System.Text.Json.Serialization.JsonStringEnumConverter";
    private const string NamingPolicy = "System.Text.Json.JsonNamingPolicy";

    /// <summary>
    /// The naming <paramref name="converter"/> applies: as declared for none (an enum's names as System.Text.Json writes
    /// them by default) and for the framework's own converters, a policy's for a derived one whose constructor passes
    /// <c>JsonNamingPolicy.CamelCase</c> (or another known policy) to them, or null when it cannot be known (a policy of
    /// its own, a converter from another assembly, a chain of constructors).
    /// </summary>
    public static JsonPropertyNaming? Of(INamedTypeSymbol? converter, KnownTypes known)
    {
        if (converter is null)
        {
            return JsonPropertyNaming.AsDeclared;
        }

        for (var current = converter; current is not null; current = current.BaseType)
        {
            if (IsFrameworkConverter(current))
            {
                return JsonPropertyNaming.AsDeclared;
            }

            if (current.InstanceConstructors.FirstOrDefault(c => c.Parameters.Length == 0) is not { } constructor)
            {
                return null;
            }

            if (constructor.IsImplicitlyDeclared)
            {
                continue;
            }

            if (constructor.OriginalDefinition.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not ConstructorDeclarationSyntax declaration)
            {
                return null;
            }

            var initializer = declaration.Initializer;
            if (initializer is null || (initializer.IsKind(SyntaxKind.BaseConstructorInitializer) && initializer.ArgumentList.Arguments.Count == 0))
            {
                continue;
            }

            return initializer.IsKind(SyntaxKind.BaseConstructorInitializer) && current.BaseType is { } baseType && IsFrameworkConverter(baseType)
                ? Policy(PolicyArgument(initializer.ArgumentList), known)
                : null;
        }

        return null;
    }

    /// <summary>Whether <paramref name="type"/> is System.Text.Json's <c>JsonStringEnumConverter</c> or <c>JsonStringEnumConverter&lt;T&gt;</c> itself.</summary>
    private static bool IsFrameworkConverter(INamedTypeSymbol type) =>
        Names.IsNamed(type, StringEnumConverter)
        || (type.IsGenericType && type.MetadataName == "JsonStringEnumConverter`1" && type.ContainingNamespace?.ToDisplayString() == "System.Text.Json.Serialization");

    /// <summary>The <c>namingPolicy</c> argument: named, else the first positional one.</summary>
    private static ExpressionSyntax? PolicyArgument(ArgumentListSyntax arguments) =>
        (arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "namingPolicy")
            ?? arguments.Arguments.FirstOrDefault(a => a.NameColon is null))?.Expression;

    private static JsonPropertyNaming? Policy(ExpressionSyntax? argument, KnownTypes known)
    {
        if (argument is null || argument.IsKind(SyntaxKind.NullLiteralExpression) || argument.IsKind(SyntaxKind.DefaultLiteralExpression))
        {
            return JsonPropertyNaming.AsDeclared;
        }

        var symbol = known.Compilation.GetSemanticModel(argument.SyntaxTree).GetSymbolInfo(argument).Symbol;
        if (symbol is not IPropertySymbol { IsStatic: true } property || !Names.IsNamed(property.ContainingType, NamingPolicy))
        {
            return null;
        }

        return property.Name switch
        {
            "CamelCase" => JsonPropertyNaming.CamelCase,
            "SnakeCaseLower" => JsonPropertyNaming.SnakeCaseLower,
            "SnakeCaseUpper" => JsonPropertyNaming.SnakeCaseUpper,
            "KebabCaseLower" => JsonPropertyNaming.KebabCaseLower,
            "KebabCaseUpper" => JsonPropertyNaming.KebabCaseUpper,
            _ => null,
        };
    }
}
