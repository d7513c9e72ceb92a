using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Types the generated code cannot name: those of an assembly the project references only under
/// extern aliases (<c>Aliases="other"</c>, used as <c>other::Lib.Widget</c>). Generated code names
/// every type from <c>global::</c>, which does not reach them (CS0400 in the generated file).
/// </summary>
internal static class ExternAliases
{
    /// <summary>
    /// The first type within <paramref name="type"/> (itself, an array's element, a type argument,
    /// at any depth) whose assembly <paramref name="compilation"/> references only under extern
    /// aliases, with the first of them; else <c>null</c>.
    /// </summary>
    public static (ITypeSymbol Type, string Alias)? Hidden(ITypeSymbol type, Compilation compilation)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return Hidden(array.ElementType, compilation);
            case INamedTypeSymbol named:
                if (named.ContainingAssembly is { } assembly
                    && compilation.GetMetadataReference(assembly) is { Properties.Aliases: { IsDefaultOrEmpty: false } aliases }
                    && !aliases.Contains("global"))
                {
                    // Named as written in a message: IThing, not the IThing? of the parameter.
                    return (named.WithNullableAnnotation(NullableAnnotation.NotAnnotated), aliases[0]);
                }

                foreach (var argument in named.TypeArguments)
                {
                    if (Hidden(argument, compilation) is { } inside)
                    {
                        return inside;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Why the type cannot be named, and the fix, for a diagnostic's message.</summary>
    public static string Reason((ITypeSymbol Type, string Alias) hidden) =>
        $"'{hidden.Type.ToDisplayString(Names.InMessage)}' comes from assembly '{hidden.Type.ContainingAssembly.Name}', which the project references only under the extern alias '{hidden.Alias}', and the generated code names types from the global alias; reference the assembly under both (Aliases=\"global,{hidden.Alias}\")";
}
