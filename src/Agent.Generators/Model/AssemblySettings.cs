namespace GuestAgent.Generators.Model;

/// <summary>
/// What the generator needs from the compilation as a whole, reduced to values so that an edit
/// elsewhere in the compilation leaves it equal (and the outputs cached).
/// </summary>
/// <param name="AssemblyName">The assembly name.</param>
/// <param name="RegistryName">The simple name of the assembly's generated registry class.</param>
/// <param name="JsonContext">The <c>global::</c>-qualified JSON context named by <c>[assembly: CommandJsonContext]</c>, or <c>null</c>.</param>
/// <param name="References">The command registries of referenced assemblies, ordered by assembly name.</param>
/// <param name="LanguageSupported">Whether the project's C# version (11 or later) compiles generated code (GA0013 otherwise).</param>
/// <param name="AggregateInherited">
/// Whether a referenced assembly that grants this one access to its internals already has an
/// <c>AgentCommands</c> class (a test project of a command library): a second one would clash (CS0436).
/// </param>
/// <param name="AggregateTaken">Whether a type of the compilation's own is <c>GuestAgent.Generated.AgentCommands</c> (GA0022): no aggregate is written.</param>
/// <param name="RegistryTaken">Whether a type of the compilation's own has the registry's name (GA0022): no registry is written.</param>
/// <param name="RefusesRepeatedNames">
/// Whether the JSON context's options refuse a property name given twice in one object
/// (<c>AllowDuplicateProperties = false</c>): the binder then refuses one among a command's own properties too.
/// </param>
internal sealed record AssemblySettings(
    string AssemblyName,
    string RegistryName,
    string? JsonContext,
    EquatableArray<ReferencedRegistry> References,
    bool LanguageSupported,
    bool AggregateInherited,
    bool AggregateTaken = false,
    bool RegistryTaken = false,
    bool RefusesRepeatedNames = false);

/// <summary>The command registry of a referenced assembly, read from its <c>CommandRegistryAttribute</c>.</summary>
/// <param name="AssemblyName">The referenced assembly.</param>
/// <param name="TypeName">The <c>global::</c>-qualified registry type.</param>
/// <param name="CommandNames">The names of its commands.</param>
internal sealed record ReferencedRegistry(string AssemblyName, string TypeName, EquatableArray<string> CommandNames);
