using System.Diagnostics.CodeAnalysis;

namespace GuestAgent.Commands;

/// <summary>
/// Marks a method as an agent command. The GuestAgent source generator turns every marked method
/// into a case of the assembly's generated command registry; nothing is discovered at run time.
/// </summary>
/// <remarks>
/// Names are matched exactly (case-sensitive) against the request's <c>name</c> and may contain only
/// <c>[A-Za-z0-9_.-]</c>. See <c>docs/authoring-commands.md</c> for the binding rules.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CommandAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The command name on the wire, for example <c>"password"</c>.</param>
    public CommandAttribute(string name) => Name = name;

    /// <summary>The command name on the wire.</summary>
    public string Name { get; }

    /// <summary>
    /// A hand-written JSON Schema (draft 2020-12) of the request <c>value</c>, for a command that
    /// takes the value whole as one <c>JsonElement</c> or <c>string</c> parameter: the generator
    /// can only describe such a value as "any JSON value" or "a string", and publishes this schema
    /// instead (compacted, with <c>$schema</c> first) in the command's descriptor. <c>null</c> (the
    /// default) publishes the derived schema.
    /// </summary>
    /// <remarks>
    /// The text must be a JSON object (errors are reported at compile time as GA0015); a
    /// <c>$schema</c> member, if any, must name draft 2020-12. On a command whose parameters are
    /// bound by name, or that takes no value, the generator derives the exact schema itself and
    /// ignores this one (warning GA0016). A member that is not a 2020-12 keyword (GA0017), a
    /// keyword value the 2020-12 meta-schemas do not allow (GA0019) and, for a <c>string</c>
    /// parameter, a schema that admits no string (GA0018) are warnings. The schema documents the contract; the command's own
    /// parsing still decides what it accepts. See <c>docs/authoring-commands.md</c>.
    /// </remarks>
    [StringSyntax(StringSyntaxAttribute.Json)]
    public string? RequestSchema { get; set; }
}
