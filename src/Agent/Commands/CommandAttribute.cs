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
}
