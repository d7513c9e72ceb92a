using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// GA0023: a command the generated registry reaches through a member marked
/// <c>[RequiresUnreferencedCode]</c>, <c>[RequiresDynamicCode]</c> or <c>[RequiresAssemblyFiles]</c>.
/// The registry's dispatch method cannot carry the requirement on for one command, so the trimming,
/// AOT and single-file analyzers warn inside generated code, far from the cause; this warning
/// points at the attribute instead. It follows the analyzers' own rule (checked against the .NET 10
/// ILLink analyzer): the method's attributes; its class's, for a static method and for the
/// constructor of an instance one (not an outer class's); and the attributes of the constructor
/// the registry calls.
/// </summary>
internal static class TrimRequirements
{
    private const string Namespace = "System.Diagnostics.CodeAnalysis.";

    /// <summary>Each attribute, the build whose analyzer reports its use, and that analyzer's warning.</summary>
    private static readonly ImmutableArray<(string Name, string Build, string Warning)> Requirements =
    [
        ("RequiresUnreferencedCode", "a trimmed or native AOT build", "IL2026"),
        ("RequiresDynamicCode", "a native AOT build", "IL3050"),
        ("RequiresAssemblyFiles", "a single-file or native AOT build", "IL3002"),
    ];

    public static IEnumerable<Diagnostic> Diagnose(IMethodSymbol method, string display, Location methodLocation)
    {
        var findings = Marked(method, "is marked", "it");
        if (method.ContainingType is { TypeKind: TypeKind.Class } type)
        {
            var constructor = method.IsStatic || type.IsAbstract ? null : ConstructorChoice.Choose(type).Constructor;
            var shown = constructor is null ? null : ConstructorChoice.Display(constructor);
            findings = findings.Concat(Marked(type, $"is declared in class '{type.Name}', which is marked", shown is null ? "it" : "its constructor " + shown));
            if (constructor is not null)
            {
                findings = findings.Concat(Marked(constructor, $"is reached through its class's constructor {shown}, which is marked", "that constructor"));
            }
        }

        return findings.Select(f => Diagnostic.Create(
            Descriptors.TrimRequirement,
            f.Attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? methodLocation,
            display,
            f.Where,
            f.Requirement.Name,
            f.Called,
            f.Requirement.Build,
            f.Requirement.Warning));
    }

    private static IEnumerable<(AttributeData Attribute, (string Name, string Build, string Warning) Requirement, string Where, string Called)> Marked(ISymbol symbol, string place, string called) =>
        from attribute in symbol.GetAttributes()
        from requirement in Requirements
        where Names.IsNamed(attribute.AttributeClass, Namespace + requirement.Name + "Attribute")
        select (attribute, requirement, place, called);
}
