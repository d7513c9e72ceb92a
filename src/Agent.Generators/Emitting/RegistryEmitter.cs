using System.Linq;
using GuestAgent.Generators.Model;
using GuestAgent.Generators.Parsing;

namespace GuestAgent.Generators.Emitting;

/// <summary>
/// Writes the assembly's registry class (constructor, instance holders, dispatch switch, the list
/// of descriptors) and the <c>CommandRegistryAttribute</c> that names it for other assemblies.
/// </summary>
internal static class RegistryEmitter
{
    public static string HintName(RegistryModel model) => model.RegistryName + ".g.cs";

    public static string Emit(RegistryModel model, string assemblyName)
    {
        var fullName = GeneratedNames.QualifiedRegistry(model.RegistryName);
        var writer = new SourceWriter().WriteHeader();

        // A referenced assembly whose registry has this one's name (GA0014): this file means its own class.
        writer.WriteLine("#pragma warning disable CS0436 // type conflicts with an imported type").WriteLine();
        writer.SuppressExperimental(model.Instances.SelectMany(i => i.ExperimentalIds).Distinct().OrderBy(id => id, System.StringComparer.Ordinal));
        var names = string.Concat(model.Commands.Select(c => ", " + CSharp.Literal(c.Name)));
        writer.WriteLine($"[assembly: {CSharp.Commands}.CommandRegistry(typeof({fullName}){names})]");
        writer.WriteLine();
        writer.OpenBlock($"namespace {GeneratedNames.Namespace}");
        writer.WriteLine($"/// <summary>The commands of assembly {assemblyName.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;")}, generated from its <c>[Command]</c> methods.</summary>");
        writer.WriteLine(CSharp.GeneratedCode);
        writer.WriteLine(CSharp.NeverBrowsable);
        writer.OpenBlock($"public sealed partial class {model.RegistryName} : {CSharp.Commands}.ICommandRegistry, {CSharp.Commands}.IRequiredServices");
        writer.WriteLine($"private static {CSharp.Commands}.CommandDescriptor[]? s_commands;");
        if (model.RequiredServices.Count > 0)
        {
            writer.WriteLine($"private static {CSharp.Commands}.RequiredService[]? s_requiredServices;");
        }

        writer.WriteLine("private readonly global::System.IServiceProvider _services;");
        if (model.Instances.Count > 0)
        {
            writer.WriteLine("private readonly object _gate = new();");
            foreach (var instance in model.Instances)
            {
                writer.WriteLine($"private {instance.TypeName}? _instance_{Names.TypeIdentifier(instance.TypeName)};");
            }
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>Creates the registry.</summary>");
        writer.WriteLine("/// <param name=\"services\">Where instance command classes get their constructor arguments.</param>");
        writer.OpenBlock($"public {model.RegistryName}(global::System.IServiceProvider? services = null)");
        writer.WriteLine($"_services = services ?? {CSharp.Commands}.EmptyServiceProvider.Instance;");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine($"public global::System.Collections.Generic.IReadOnlyList<{CSharp.Commands}.CommandDescriptor> Commands =>");
        writer.Indentation++;
        writer.WriteLine($"s_commands ??= new {CSharp.Commands}.CommandDescriptor[]");
        writer.OpenBlock();
        foreach (var command in model.Commands)
        {
            writer.WriteLine($"Describe_{command.Identifier}(),");
        }

        writer.CloseBlock(";");
        writer.Indentation--;
        writer.WriteLine();
        WriteRequiredServices(writer, model);
        writer.WriteLine();
        NameSwitchEmitter.WriteTryDispatch(writer, model.Commands, c => c.Name, c => $"result = Invoke_{c.Identifier}(value, invocation);\nreturn true;");
        foreach (var instance in model.Instances)
        {
            WriteInstance(writer, instance);
        }

        writer.WriteLine();
        writer.WriteLine($"private static {CSharp.ValueTaskOfResult} BindingFailed(string message) =>");
        writer.WriteLine($"    new({CSharp.Commands}.BindingErrors.Result(message));");
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    /// <summary>
    /// The services the constructor calls below cannot do without, so a host can check them at
    /// start; each entry repeats the class and service names of the <c>MissingService</c> call.
    /// </summary>
    private static void WriteRequiredServices(SourceWriter writer, RegistryModel model)
    {
        var type = $"{CSharp.Commands}.RequiredService";
        writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine($"public global::System.Collections.Generic.IReadOnlyList<{type}> RequiredServices =>");
        writer.Indentation++;
        if (model.RequiredServices.Count == 0)
        {
            writer.WriteLine($"global::System.Array.Empty<{type}>();");
            writer.Indentation--;
            return;
        }

        writer.WriteLine($"s_requiredServices ??= new {type}[]");
        writer.OpenBlock();
        foreach (var service in model.RequiredServices)
        {
            var alternative = service.AlternativeServiceType is { } other ? $", typeof({other})" : string.Empty;
            // The key as an object, so a typeof key cannot pick the overload with an alternative type.
            var key = service.Key is { } k ? $", (object){k.Expression}, {CSharp.Literal(k.Text)}{(service.HasDefault ? ", hasDefault: true" : string.Empty)}" : string.Empty;
            writer.WriteLine($"new({CSharp.Literal(service.CommandName)}, {CSharp.Literal(CSharp.Plain(service.ClassName))}, typeof({service.ServiceType}), {CSharp.Literal(CSharp.Plain(service.ServiceType))}{alternative}{key}),");
        }

        writer.CloseBlock(";");
        writer.Indentation--;
    }

    private static void WriteInstance(SourceWriter writer, ConstructorModel instance)
    {
        var id = Names.TypeIdentifier(instance.TypeName);
        writer.WriteLine();
        writer.WriteLine($"private {instance.TypeName} Instance_{id} =>");
        writer.WriteLine($"    global::System.Threading.Volatile.Read(ref _instance_{id}) ?? Create_{id}();");
        writer.WriteLine();
        writer.OpenBlock($"private {instance.TypeName} Create_{id}()");
        writer.OpenBlock("lock (_gate)");
        if (instance.Arguments.Count == 0)
        {
            writer.WriteLine($"return _instance_{id} ??= new {instance.TypeName}();");
        }
        else
        {
            writer.WriteLine($"return _instance_{id} ??= new {instance.TypeName}(");
            writer.Indentation++;
            for (var i = 0; i < instance.Arguments.Count; i++)
            {
                var argument = instance.Arguments[i];
                var separator = i == instance.Arguments.Count - 1 ? ");" : ",";
                if (argument.IsServiceProvider)
                {
                    writer.WriteLine("_services" + separator);
                    continue;
                }

                if (argument.Key is { } key)
                {
                    WriteKeyedArgument(writer, instance, argument, key, i, separator);
                    continue;
                }

                var missing = argument.Fallback
                    ?? $"throw new global::System.InvalidOperationException({CSharp.Commands}.BindingErrors.MissingService({CSharp.Literal(CSharp.Plain(instance.TypeName))}, {CSharp.Literal(CSharp.Plain(argument.TypeName))}))";
                if (argument.Logger is { } logger)
                {
                    // ILogger<T> not registered: made from the ILoggerFactory, as Logger<T> would be.
                    var factory = RegistryPlanner.LoggerFactoryType;
                    missing = $"_services.GetService(typeof({factory})) is {factory} f{i}\n    ? new global::GuestAgent.Hosting.CategoryLogger<{logger.CategoryType}>(f{i}, {CSharp.Literal(logger.Category)})\n    : {missing}";
                }

                // One line per branch, as the conditional would be written by hand.
                writer.WriteLine($"_services.GetService(typeof({argument.TypeName})) is {argument.PatternTypeName ?? argument.TypeName} a{i}");
                writer.Indentation++;
                writer.WriteLine($"? a{i}");
                writer.WriteLine($": {missing}{separator}");
                writer.Indentation--;
            }

            writer.Indentation--;
        }

        writer.CloseBlock();
        writer.CloseBlock();
    }

    /// <summary>
    /// A <c>[FromKeyedServices(key)]</c> argument, as ActivatorUtilities passes it: asked of the
    /// provider as an <c>IKeyedServiceProvider</c>, its default (if it has one) when the key is not
    /// registered, and an error naming the service and key when the provider has no keyed services,
    /// default or not. No logger fallback: an open-generic <c>Logger&lt;T&gt;</c> is not keyed.
    /// </summary>
    private static void WriteKeyedArgument(SourceWriter writer, ConstructorModel instance, ServiceArgument argument, ServiceKey key, int i, string separator)
    {
        var error = $"throw new global::System.InvalidOperationException({CSharp.Commands}.BindingErrors.MissingKeyedService({CSharp.Literal(CSharp.Plain(instance.TypeName))}, {CSharp.Literal(CSharp.Plain(argument.TypeName))}, {CSharp.Literal(key.Text)}, _services))";
        writer.WriteLine($"(_services as {KeyedServiceProvider} ?? {error})");
        writer.Indentation++;
        writer.WriteLine($".GetKeyedService(typeof({argument.TypeName}), {key.Expression}) is {argument.PatternTypeName ?? argument.TypeName} a{i}");
        writer.WriteLine($"? a{i}");
        writer.WriteLine($": {argument.Fallback ?? error}{separator}");
        writer.Indentation--;
    }

    private const string KeyedServiceProvider = "global::Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider";
}
