using System.Threading;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>The generator's transform: one attributed method to its value-equal model.</summary>
internal static class CommandParser
{
    public static CommandModel? Parse(GeneratorAttributeSyntaxContext context, KnownTypesCache knownTypes, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.Length == 0)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var known = knownTypes.For(context.SemanticModel.Compilation);

        // Problems are reported by CommandAnalyzer; here they only decide whether to generate.
        return CommandInspector.Inspect(method, context.Attributes[0], known, InspectionProblems.Counting());
    }
}
