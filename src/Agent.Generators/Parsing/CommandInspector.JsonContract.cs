using System.Collections.Generic;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The diagnostics about a type the assembly's JSON context compiles but fails on (analyzer only:
/// the command is generated either way): GA0020 for a parameter it cannot read, GA0021 for a
/// result it cannot write.
/// </summary>
internal static partial class CommandInspector
{
    /// <summary>GA0020 at the parameter's type when the JSON context cannot read it (or a type inside it).</summary>
    private static IEnumerable<Diagnostic> Unreadable(IParameterSymbol parameter, string display, KnownTypes known) =>
        UnreadableTypes.Why(parameter.Type, known) is { } why
            ? [Diagnostic.Create(Descriptors.UnreadableParameterType, ParameterLocation(parameter, typeOnly: true), parameter.Name, display, parameter.Type.ToDisplayString(Names.Short), why)]
            : [];

    /// <summary>GA0024 at the parameter's type when a <c>[JsonExtensionData]</c> property inside it is never filled.</summary>
    private static IEnumerable<Diagnostic> NeverFilled(IParameterSymbol parameter, string display, KnownTypes known) =>
        ExtensionDataFaults.NeverFilled(parameter.Type, known) is { } property
            ? [Diagnostic.Create(Descriptors.ExtensionDataNeverFilled, ParameterLocation(parameter, typeOnly: true), parameter.Name, display, parameter.Type.ToDisplayString(Names.Short), property)]
            : [];

    /// <summary>GA0021 at the return type when the JSON context cannot write the result (or a type inside it).</summary>
    private static IEnumerable<Diagnostic> Unwritable(IMethodSymbol method, string display, ITypeSymbol type, KnownTypes known) =>
        UnreadableTypes.WhyNotWritten(type, known) is { } why
            ? [Diagnostic.Create(Descriptors.UnwritableResultType, ReturnTypeLocation(method), display, type.ToDisplayString(Names.Short), why)]
            : [];
}
