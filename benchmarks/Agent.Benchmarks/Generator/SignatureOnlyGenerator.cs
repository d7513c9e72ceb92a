using Microsoft.CodeAnalysis;

namespace GuestAgent.Benchmarks.Generator;

/// <summary>
/// A second reference point, not a product: a <c>ForAttributeWithMetadataName</c> generator on
/// <c>[Command]</c> that reads what any command generator must read from each method, its
/// parameter types with their default values and its return type, and keeps only a count. What
/// it costs after an edit over <see cref="NamesOnlyGenerator"/> is Roslyn binding the signatures
/// of the new compilation (default values go through nullable analysis), which our transform
/// cannot avoid either.
/// </summary>
public sealed class SignatureOnlyGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var signatures = context.SyntaxProvider.ForAttributeWithMetadataName(
            "GuestAgent.Commands.CommandAttribute",
            static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
            static (ctx, _) => Read((IMethodSymbol)ctx.TargetSymbol));
        context.RegisterSourceOutput(signatures.Collect(), static (_, _) => { });
    }

    private static int Read(IMethodSymbol method)
    {
        var seen = method.ReturnType.SpecialType == SpecialType.None ? 1 : 0;
        foreach (var parameter in method.Parameters)
        {
            seen += parameter.Type.SpecialType == SpecialType.None ? 1 : 0;
            seen += parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is not null ? 1 : 0;
        }

        return seen;
    }
}
