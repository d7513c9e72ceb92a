namespace GuestAgent.Generators.Model;

/// <summary>One parameter of a command method. Immutable and compared by value (pipeline invariant).</summary>
/// <param name="Name">The C# parameter name, also the JSON property name.</param>
/// <param name="Identifier">The name as a C# identifier (with <c>@</c> for keywords).</param>
/// <param name="Source">Where the argument comes from.</param>
/// <param name="Type">The type, for bound parameters.</param>
/// <param name="IsOptional">Whether the parameter has a default value.</param>
/// <param name="DefaultValue">The default as C# source text, when optional.</param>
/// <param name="DefaultJson">The default as JSON text for the schema and the descriptor, when it has one.</param>
/// <param name="Description">The parameter's <c>&lt;param&gt;</c> documentation as plain text, or empty: the schema's <c>description</c>.</param>
/// <param name="ForgiveNull">Whether the call passes the argument with <c>!</c>: a <c>[DisallowNull]</c> nullable value type whose own default is <c>null</c>.</param>
internal sealed record ParameterModel(
    string Name,
    string Identifier,
    ParameterSource Source,
    TypeModel? Type,
    bool IsOptional,
    string? DefaultValue,
    string? DefaultJson,
    string Description = "",
    bool ForgiveNull = false);
