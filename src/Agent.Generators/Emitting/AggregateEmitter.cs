using System.Linq;
using GuestAgent.Generators.Model;

namespace GuestAgent.Generators.Emitting;

/// <summary>
/// Writes <c>AgentCommands.CreateRegistry</c>: one registry over the assembly's own commands and
/// those of every referenced command assembly, dispatching with one switch that forwards to the
/// registry that owns the name.
/// </summary>
internal static class AggregateEmitter
{
    public const string HintName = GeneratedNames.AggregateClass + ".g.cs";

    public static string Emit(AggregateModel model)
    {
        var registries = (model.OwnRegistry is null ? Enumerable.Empty<string>() : new[] { model.OwnRegistry })
            .Concat(model.References.Select(r => r.TypeName))
            .ToList();
        var writer = new SourceWriter().WriteHeader();
        writer.OpenBlock($"namespace {GeneratedNames.Namespace}");
        if (model.Clash is { } clash)
        {
            WriteClashStub(writer, clash);
            writer.CloseBlock();
            return writer.ToString();
        }

        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// The commands this application serves: its own and those of every referenced command");
        writer.WriteLine("/// assembly, found at compile time from their <c>CommandRegistryAttribute</c>.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(CSharp.GeneratedCode);
        writer.OpenBlock($"internal static class {GeneratedNames.AggregateClass}");
        writer.WriteLine("/// <summary>Creates the registry of every command of the application.</summary>");
        writer.WriteLine("/// <param name=\"services\">Where instance command classes get their constructor arguments.</param>");
        writer.WriteLine($"public static {CSharp.Commands}.ICommandRegistry CreateRegistry(global::System.IServiceProvider? services = null) =>");
        writer.WriteLine(registries.Count == 1 ? $"    new {registries[0]}(services);" : "    new Aggregate(services);");
        if (registries.Count > 1)
        {
            WriteAggregate(writer, model, registries);
        }

        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    /// <summary>
    /// GA0014: no aggregate can be written, but without any <c>AgentCommands</c> here the
    /// application's call would bind to a referenced library's internal one and fail with a
    /// puzzling CS0122. This stub takes the call and fails it with the reason (CS0619), even when
    /// GA0014 is suppressed; it never runs.
    /// </summary>
    private static void WriteClashStub(SourceWriter writer, string clash)
    {
        writer.WriteLine("/// <summary>No aggregate registry: two referenced command assemblies have the same registry name (GA0014).</summary>");
        writer.WriteLine(CSharp.GeneratedCode);
        writer.OpenBlock($"internal static class {GeneratedNames.AggregateClass}");
        writer.WriteLine("/// <summary>Not available: see the obsolete message.</summary>");
        writer.WriteLine("/// <param name=\"services\">Unused.</param>");
        writer.WriteLine($"[global::System.Obsolete({CSharp.Literal(clash)}, true)]");
        writer.WriteLine($"public static {CSharp.Commands}.ICommandRegistry CreateRegistry(global::System.IServiceProvider? services = null) =>");
        writer.WriteLine($"    throw new global::System.InvalidOperationException({CSharp.Literal(clash)});");
        writer.CloseBlock();
    }

    private static void WriteAggregate(SourceWriter writer, AggregateModel model, System.Collections.Generic.List<string> registries)
    {
        var descriptors = $"global::System.Collections.Generic.IReadOnlyList<{CSharp.Commands}.CommandDescriptor>";
        var requiredServices = $"global::System.Collections.Generic.IReadOnlyList<{CSharp.Commands}.RequiredService>";
        writer.WriteLine();
        writer.OpenBlock($"private sealed class Aggregate : {CSharp.Commands}.ICommandRegistry, {CSharp.Commands}.IRequiredServices");
        for (var i = 0; i < registries.Count; i++)
        {
            writer.WriteLine($"private readonly {registries[i]} _registry{i};");
        }

        writer.WriteLine($"private {descriptors}? _commands;");
        writer.WriteLine($"private {requiredServices}? _requiredServices;");
        writer.WriteLine();
        writer.OpenBlock("public Aggregate(global::System.IServiceProvider? services)");
        for (var i = 0; i < registries.Count; i++)
        {
            writer.WriteLine($"_registry{i} = new {registries[i]}(services);");
        }

        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine($"public {descriptors} Commands => _commands ??= Merge();");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine($"public {requiredServices} RequiredServices => _requiredServices ??= MergeRequiredServices();");
        writer.WriteLine();
        NameSwitchEmitter.WriteTryDispatch(writer, model.Routes, r => r.Name, r => $"return _registry{r.RegistryIndex}.TryDispatch(utf8Name, value, invocation, out result);");
        writer.WriteLine();
        writer.OpenBlock($"private {descriptors} Merge()");
        writer.WriteLine($"global::System.Collections.Generic.List<{CSharp.Commands}.CommandDescriptor> all = new();");
        for (var i = 0; i < registries.Count; i++)
        {
            WriteAddCommands(writer, i, model.Shadowed.FirstOrDefault(s => s.RegistryIndex == i));
        }

        writer.WriteLine("all.Sort(static (left, right) => global::System.StringComparer.Ordinal.Compare(left.Name, right.Name));");
        writer.WriteLine("return all.ToArray();");
        writer.CloseBlock();
        writer.WriteLine();
        WriteMergeRequiredServices(writer, model, registries.Count, requiredServices);
        writer.CloseBlock();
    }

    /// <summary>
    /// Every registry's required services but those of shadowed names (their classes are never
    /// created here), ordered by command name. Through <c>RegistryServices.GetRequiredServices</c>,
    /// so a library whose registry lists none (built by an older generator) adds nothing.
    /// </summary>
    private static void WriteMergeRequiredServices(SourceWriter writer, AggregateModel model, int count, string requiredServices)
    {
        var service = $"{CSharp.Commands}.RequiredService";
        writer.OpenBlock($"private {requiredServices} MergeRequiredServices()");
        writer.WriteLine($"global::System.Collections.Generic.List<{service}> all = new();");
        for (var i = 0; i < count; i++)
        {
            var source = $"{CSharp.Commands}.RegistryServices.GetRequiredServices(_registry{i})";
            if (model.Shadowed.FirstOrDefault(s => s.RegistryIndex == i) is not { } shadowed)
            {
                writer.WriteLine($"all.AddRange({source});");
                continue;
            }

            writer.OpenBlock($"foreach ({service} entry in {source})");
            var names = string.Join(" or ", shadowed.Names.Select(CSharp.Literal));
            writer.OpenBlock($"if (entry.CommandName is not {(shadowed.Names.Count == 1 ? names : "(" + names + ")")})");
            writer.WriteLine("all.Add(entry);");
            writer.CloseBlock();
            writer.CloseBlock();
            writer.WriteLine();
        }

        // Stable, so each command's services keep their constructor order.
        writer.WriteLine($"return global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.OrderBy(all, static entry => entry.CommandName, global::System.StringComparer.Ordinal));");
        writer.CloseBlock();
    }

    /// <summary>Adds a registry's descriptors, leaving out the names another registry serves.</summary>
    private static void WriteAddCommands(SourceWriter writer, int index, ShadowedNames? shadowed)
    {
        if (shadowed is null)
        {
            writer.WriteLine($"all.AddRange(_registry{index}.Commands);");
            return;
        }

        writer.WriteLine("// Served by another registry (GA0011 suppressed): listed once, by the registry that serves it.");
        writer.OpenBlock($"foreach ({CSharp.Commands}.CommandDescriptor command in _registry{index}.Commands)");
        var names = string.Join(" or ", shadowed.Names.Select(CSharp.Literal));
        writer.OpenBlock($"if (command.Name is not {(shadowed.Names.Count == 1 ? names : "(" + names + ")")})");
        writer.WriteLine("all.Add(command);");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.WriteLine();
    }
}
