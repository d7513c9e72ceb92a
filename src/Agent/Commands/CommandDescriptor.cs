namespace GuestAgent.Commands;

/// <summary>
/// Compile-time facts about one command, emitted by the generator: its name, documentation and
/// JSON contract. Descriptors are plain data; reading them never touches reflection.
/// </summary>
/// <param name="Name">The command name on the wire.</param>
/// <param name="Summary">The summary from the method's XML documentation, or empty.</param>
/// <param name="Method">The fully qualified method that implements it, for diagnostics and docs.</param>
/// <param name="Parameters">The parameters bound from the request value.</param>
/// <param name="RequestSchema">JSON Schema (draft 2020-12) of the request <c>value</c>.</param>
/// <param name="ResultSchema">
/// JSON Schema of a successful result: of the JSON value the message holds when
/// <see cref="ResultEncoding"/> is <see cref="CommandResultEncoding.Json"/>, else of the message itself
/// (a string).
/// </param>
public sealed record CommandDescriptor(
    string Name,
    string Summary,
    string Method,
    IReadOnlyList<CommandParameterDescriptor> Parameters,
    string RequestSchema,
    string ResultSchema)
{
    /// <summary>
    /// How a successful result's message is encoded: <see cref="CommandResultEncoding.Text"/> for a
    /// <c>string</c> result, <see cref="CommandResultEncoding.Json"/> for any other value,
    /// <see cref="CommandResultEncoding.None"/> for a command that returns nothing and
    /// <see cref="CommandResultEncoding.Unknown"/> for one that returns a <see cref="CommandResult"/>
    /// (or a descriptor written by hand). Set by the generator; error messages are always plain text.
    /// </summary>
    public CommandResultEncoding ResultEncoding { get; init; }
}

/// <summary>One parameter of a command that is bound from the request value.</summary>
/// <param name="Name">The JSON property name (the parameter name as written).</param>
/// <param name="Type">The C# type, fully qualified.</param>
/// <param name="IsRequired">Whether the request must supply it.</param>
/// <param name="DefaultValue">
/// The default of an optional parameter as JSON text, the same as the request schema's
/// <c>default</c> and in a form the command accepts: <c>"world"</c> (quotes included),
/// <c>42</c>, <c>true</c>, <c>null</c>, an enum member's name <c>"Read"</c> or a <c>[Flags]</c>
/// combination <c>"Read, Write"</c>. <c>null</c> when the parameter is required, or when its
/// default has no JSON form (a NaN or infinite number, <c>default</c> of a struct such as a
/// <c>Guid</c>, an enum value that is not a member). Before 1.0 this held the default's C#
/// source text; it is JSON text now, so parse it as JSON (docs/authoring-commands.md).
/// </param>
public sealed record CommandParameterDescriptor(string Name, string Type, bool IsRequired, string? DefaultValue);
