using Microsoft.CodeAnalysis;

namespace GuestAgent.Benchmarks.Generator;

/// <summary>
/// A reference point, not a product: the least a <c>ForAttributeWithMetadataName</c> generator on
/// <c>[Command]</c> can do (take each method's name, emit nothing). What it costs after an edit is
/// Roslyn finding and binding the attributed methods again, which every such generator pays.
/// </summary>
public sealed class NamesOnlyGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.SyntaxProvider.ForAttributeWithMetadataName(
            "GuestAgent.Commands.CommandAttribute",
            static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
            static (ctx, _) => ctx.TargetSymbol.Name);
        context.RegisterSourceOutput(names.Collect(), static (_, _) => { });
    }
}
