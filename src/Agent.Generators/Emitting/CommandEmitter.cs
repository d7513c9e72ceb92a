using System.Linq;
using GuestAgent.Generators.Model;

namespace GuestAgent.Generators.Emitting;

/// <summary>
/// Writes one command's part of the registry: its descriptor and its invoke method (binding the
/// value, calling the method, turning the return value into a result). One file per command, so
/// an edit to one command regenerates only its file.
/// </summary>
internal static class CommandEmitter
{
    public static string HintName(string registryName, CommandModel command) => HintName(registryName, command.Name);

    /// <summary>The file a command of this name gets: the analyzer looks for it to tell whether a command was served (GA0031).</summary>
    public static string HintName(string registryName, string commandName) =>
        $"{registryName}.{Parsing.Names.CommandFileName(commandName)}.g.cs";

    public static string Emit(CommandModel command, string registryName, string? jsonContext, bool refusesRepeatedNames = false)
    {
        var identifier = Parsing.Names.CommandIdentifier(command.Name);
        var writer = new SourceWriter().WriteHeader().SuppressExperimental(command.ExperimentalIds);
        writer.OpenBlock($"namespace {GeneratedNames.Namespace}");
        writer.OpenBlock($"partial class {registryName}");
        WriteDescriptor(writer, command, identifier);
        writer.WriteLine();
        WriteInvoke(writer, command, identifier, jsonContext, refusesRepeatedNames);
        ResultEmitter.WriteCompletion(writer, command, identifier, jsonContext);
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    private static void WriteDescriptor(SourceWriter writer, CommandModel command, string identifier)
    {
        writer.WriteLine($"private static {CSharp.Commands}.CommandDescriptor Describe_{identifier}() => new(");
        writer.Indentation++;
        writer.WriteLine(CSharp.Literal(command.Name) + ",");
        writer.WriteLine(CSharp.Literal(command.Summary) + ",");
        writer.WriteLine(CSharp.Literal(command.MethodDisplay) + ",");
        var bound = command.Parameters.Where(p => p.Source == ParameterSource.Value).ToList();
        if (bound.Count == 0)
        {
            writer.WriteLine($"global::System.Array.Empty<{CSharp.Commands}.CommandParameterDescriptor>(),");
        }
        else
        {
            writer.OpenBlock($"new {CSharp.Commands}.CommandParameterDescriptor[]");
            foreach (var parameter in bound)
            {
                // The default as JSON, as the request schema states it, never as C# source.
                writer.WriteLine($"new({CSharp.Literal(parameter.Name)}, {CSharp.Literal(CSharp.Plain(parameter.Type!.FullName))}, {(parameter.IsOptional ? "false" : "true")}, {CSharp.Literal(parameter.DefaultJson)}),");
            }

            writer.CloseBlock(",");
        }

        writer.WriteLine(CSharp.Literal(command.RequestSchema) + ",");
        writer.WriteLine(CSharp.Literal(command.ResultSchema) + ")");
        writer.Indentation--;
        writer.OpenBlock();
        writer.WriteLine($"ResultEncoding = {CSharp.Commands}.CommandResultEncoding.{ResultEncoding(command.Result)},");
        writer.CloseBlock(";");
    }

    /// <summary>How the generated code writes a successful result's message (see <c>ResultEmitter</c>).</summary>
    private static string ResultEncoding(ResultKind result) => result switch
    {
        ResultKind.Void => "None",
        ResultKind.String => "Text",
        ResultKind.Value => "Json",
        _ => "Unknown", // a CommandResult the command writes itself
    };

    private static void WriteInvoke(SourceWriter writer, CommandModel command, string identifier, string? jsonContext, bool refusesRepeatedNames)
    {
        writer.OpenBlock($"private {CSharp.ValueTaskOfResult} Invoke_{identifier}(global::System.ReadOnlyMemory<byte> value, in {CSharp.Commands}.CommandInvocation invocation)");
        switch (command.Mode)
        {
            case BindingMode.RawString:
            case BindingMode.RawElement:
                WriteRawBinding(writer, command, jsonContext, refusesRepeatedNames);
                break;
            case BindingMode.Object:
                ObjectBinderEmitter.Write(writer, command, jsonContext, refusesRepeatedNames);
                break;
        }

        var target = command.IsStatic
            ? command.ContainingType
            : "Instance_" + Parsing.Names.TypeIdentifier(command.Constructor!.TypeName);
        var arguments = string.Join(", ", command.Parameters.Select(p => p.Source switch
        {
            ParameterSource.CancellationToken => "invocation.CancellationToken",
            ParameterSource.Context => $"invocation.CreateContext({CSharp.Literal(command.Name)})",
            _ => "p_" + p.Name + (p.ForgiveNull ? "!" : ""),
        }));
        ResultEmitter.WriteCallAndReturn(writer, command, $"{target}.{command.MethodName}({arguments})", identifier, jsonContext);
        writer.CloseBlock();
    }

    private static void WriteRawBinding(SourceWriter writer, CommandModel command, string? jsonContext, bool refusesRepeatedNames)
    {
        var parameter = command.Parameters.First(p => p.Source == ParameterSource.Value);
        var local = "p_" + parameter.Name;
        writer.WriteLine($"{parameter.Type!.FullName} {local};");
        if (parameter.IsOptional)
        {
            writer.OpenBlock("if (value.IsEmpty)");
            writer.WriteLine($"{local} = {parameter.DefaultValue};");
            writer.CloseBlock();
            writer.OpenBlock("else");
            WriteRawRead(writer, command, parameter, local, jsonContext, refusesRepeatedNames);
            writer.CloseBlock();
        }
        else
        {
            WriteRawRead(writer, command, parameter, local, jsonContext, refusesRepeatedNames);
        }

        writer.WriteLine();
    }

    private static void WriteRawRead(SourceWriter writer, CommandModel command, ParameterModel parameter, string local, string? jsonContext, bool refusesRepeatedNames)
    {
        var fail = $"return BindingFailed({CSharp.Commands}.BindingErrors.ExpectedString({CSharp.Literal(command.Name)}));";
        writer.OpenBlock("try");
        writer.WriteLine(CSharp.DeclareReader);
        writer.WriteLine(CSharp.FirstRead).WriteLine();
        var failText = $"return BindingFailed({CSharp.Commands}.BindingErrors.InvalidText({CSharp.Literal(command.Name)}));";
        // A raw JsonElement giving a name twice, when the context's options refuse that: System.Text.Json's
        // own read of a JsonElement then throws a JsonException, which is this error (a JsonElement
        // property of an object binding names the property instead).
        var failRepeated = $"return BindingFailed({CSharp.Commands}.BindingErrors.InvalidJson({CSharp.Literal(command.Name)}));";
        if (parameter.IsOptional)
        {
            // The legacy protocol passes a missing value as "", so the two cannot be told apart:
            // both take the default the descriptor advertises, white space around it or not, as
            // object binding takes "" for no properties. An empty ValueSpan is "" itself: any
            // escape makes it longer.
            writer.OpenBlock($"if (reader.TokenType == {CSharp.Json}.JsonTokenType.String && reader.ValueSpan.Length == 0)");
            writer.WriteLine($"{local} = {parameter.DefaultValue};");
            writer.CloseBlock();
            writer.OpenBlock("else");
            ValueReaderEmitter.Write(writer, parameter.Type!, local, fail, failText, jsonContext, failRepeated: failRepeated, refusesRepeatedNames: refusesRepeatedNames);
            writer.CloseBlock();
        }
        else
        {
            ValueReaderEmitter.Write(writer, parameter.Type!, local, fail, failText, jsonContext, failRepeated: failRepeated, refusesRepeatedNames: refusesRepeatedNames);
        }

        writer.WriteLine().WriteLine(CSharp.LastRead);
        writer.CloseBlock();
        writer.OpenBlock($"catch ({CSharp.Json}.JsonException)");
        writer.WriteLine($"return BindingFailed({CSharp.Commands}.BindingErrors.InvalidJson({CSharp.Literal(command.Name)}));");
        writer.CloseBlock();
    }
}
