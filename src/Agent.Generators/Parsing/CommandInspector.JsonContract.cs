using System.Collections.Generic;
using System.Linq;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The diagnostics about a type the assembly's JSON context compiles but fails on (analyzer only:
/// the command is generated either way): GA0020 for a parameter it cannot read, GA0021 for a
/// result it cannot write, GA0024 and GA0026 for members it never sets, GA0029 for a result its fast path cannot write.
/// </summary>
internal static partial class CommandInspector
{
    /// <summary>
    /// GA0020 at the parameter's type when the JSON context cannot read it (or a type inside it),
    /// with the constructor's advice when the type may be the library's own service.
    /// </summary>
    private static IEnumerable<Diagnostic> Unreadable(IParameterSymbol parameter, string display, KnownTypes known) =>
        UnreadableTypes.Why(parameter.Type, known) is { } why
            ? [Diagnostic.Create(Descriptors.UnreadableParameterType, ParameterLocation(parameter, typeOnly: true), parameter.Name, display, parameter.Type.ToDisplayString(Names.InMessage),
                why + ServiceTypes.AdviceFor(parameter.Type, known))]
            : [];

    /// <summary>
    /// From one walk of what the context reads inside the parameter's type: GA0024 at the parameter's
    /// type when a <c>[JsonExtensionData]</c> property inside it is never filled, and GA0026 at each
    /// collection property with a setter and no getter the context calls, which it never sets (at the
    /// parameter's type when the property is not in source; the analyzer reports each location once).
    /// </summary>
    private static IEnumerable<Diagnostic> NeverSetMembers(IParameterSymbol parameter, string display, KnownTypes known)
    {
        var walk = ContractWalk.Of(parameter.Type, known);
        if (walk.NeverFilled is { } property)
        {
            yield return Diagnostic.Create(Descriptors.ExtensionDataNeverFilled, ParameterLocation(parameter, typeOnly: true), parameter.Name, display, parameter.Type.ToDisplayString(Names.InMessage), property);
        }

        foreach (var setOnly in walk.NeverSet)
        {
            yield return Diagnostic.Create(
                Descriptors.SetOnlyCollectionNeverSet,
                setOnly.Locations.FirstOrDefault(l => l.IsInSource) ?? ParameterLocation(parameter, typeOnly: true),
                setOnly.ContainingType.ToDisplayString(Names.InMessage),
                setOnly.Name,
                setOnly.Type.ToDisplayString(Names.InMessage));
        }
    }

    /// <summary>GA0021 at the return type when the JSON context cannot write the result (or a type inside it).</summary>
    private static IEnumerable<Diagnostic> Unwritable(IMethodSymbol method, string display, ITypeSymbol type, KnownTypes known) =>
        UnreadableTypes.WhyNotWritten(type, known) is { } why
            ? [Diagnostic.Create(Descriptors.UnwritableResultType, ReturnTypeLocation(method), display, type.ToDisplayString(Names.InMessage), why)]
            : [];

    /// <summary>
    /// GA0029 at each public field that breaks the fast-path serializer of a type the result writes (at the return
    /// type when the field is not in source; the analyzer reports each location once).
    /// </summary>
    private static IEnumerable<Diagnostic> FastPathFaults(IMethodSymbol method, ITypeSymbol type, KnownTypes known) =>
        FastPathWrites.In(type, known).Select(fault => Diagnostic.Create(
            Descriptors.FastPathFieldClash,
            fault.Field.Locations.FirstOrDefault(l => l.IsInSource) ?? ReturnTypeLocation(method),
            fault.Owner.ToDisplayString(Names.InMessage),
            fault.Field.Name,
            fault.Name,
            fault.Other.Name));
}
