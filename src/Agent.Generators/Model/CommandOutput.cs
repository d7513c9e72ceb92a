namespace GuestAgent.Generators.Model;

/// <summary>What one command's source file is written from.</summary>
/// <param name="Command">The command.</param>
/// <param name="RegistryName">The registry class the file is part of.</param>
/// <param name="JsonContext">The assembly's JSON context, or <c>null</c>.</param>
/// <param name="IsGenerated">Whether the command gets code (valid and not a duplicate).</param>
/// <param name="RefusesRepeatedNames">Whether the JSON context's options refuse a property name given twice (see <see cref="AssemblySettings"/>).</param>
internal sealed record CommandOutput(CommandModel Command, string RegistryName, string? JsonContext, bool IsGenerated, bool RefusesRepeatedNames = false);

/// <summary>The part of <see cref="AssemblySettings"/> that command files depend on.</summary>
internal sealed record EmitSettings(string AssemblyName, string RegistryName, string? JsonContext, bool RegistryTaken = false, bool RefusesRepeatedNames = false);
