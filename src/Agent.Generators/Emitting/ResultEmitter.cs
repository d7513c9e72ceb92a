using GuestAgent.Generators.Model;

namespace GuestAgent.Generators.Emitting;

/// <summary>Writes how a command's return value becomes a <c>CommandResult</c>.</summary>
internal static class ResultEmitter
{
    /// <summary>Writes the call and the return statement of the invoke method.</summary>
    public static void WriteCallAndReturn(SourceWriter writer, CommandModel command, string call, string identifier, string? jsonContext)
    {
        if (command.Async != AsyncKind.None)
        {
            writer.WriteLine(command.Result == ResultKind.CommandResult
                ? (command.Async == AsyncKind.ValueTask ? $"return {call};" : $"return new({call});")
                : $"return Complete_{identifier}({call});");
            return;
        }

        switch (command.Result)
        {
            case ResultKind.Void:
                writer.WriteLine($"{call};");
                writer.WriteLine($"return new({CSharp.Result}.Ok());");
                break;
            case ResultKind.String:
                writer.WriteLine($"return new({CSharp.Result}.Ok({call} ?? \"\"));");
                break;
            case ResultKind.CommandResult:
                writer.WriteLine($"return new({call});");
                break;
            default:
                // A [return: NotNull] nullable struct: its flow state is not null, so .Value warns of nothing.
                writer.WriteLine($"{command.ResultType!.FullName} result = {call}{(command.ResultUnwrapped ? ".Value" : "")};");
                writer.WriteLine($"return new({CSharp.Result}.Ok({Format(command.ResultType!, "result", jsonContext)}));");
                break;
        }
    }

    /// <summary>Writes the <c>Complete_</c> method that awaits an asynchronous result, when needed.</summary>
    public static void WriteCompletion(SourceWriter writer, CommandModel command, string identifier, string? jsonContext)
    {
        if (command.Async == AsyncKind.None || command.Result == ResultKind.CommandResult)
        {
            return;
        }

        writer.WriteLine();
        writer.OpenBlock($"private static async {CSharp.ValueTaskOfResult} Complete_{identifier}({command.ReturnType} running)");
        switch (command.Result)
        {
            case ResultKind.Void:
                writer.WriteLine("await running.ConfigureAwait(false);");
                writer.WriteLine($"return {CSharp.Result}.Ok();");
                break;
            case ResultKind.String:
                writer.WriteLine($"return {CSharp.Result}.Ok(await running.ConfigureAwait(false) ?? \"\");");
                break;
            default:
                writer.WriteLine($"{command.ResultType!.FullName} result = await running.ConfigureAwait(false);");
                writer.WriteLine($"return {CSharp.Result}.Ok({Format(command.ResultType!, "result", jsonContext)});");
                break;
        }

        writer.CloseBlock();
    }

    /// <summary>The expression that renders <paramref name="value"/> as JSON text.</summary>
    public static string Format(TypeModel type, string value, string? jsonContext)
    {
        if (type.IsNullableValueType)
        {
            return $"{value} is {{ }} {value}Value ? {FormatNonNull(type, value + "Value", jsonContext)} : \"null\"";
        }

        return FormatNonNull(type, value, jsonContext);
    }

    private static string FormatNonNull(TypeModel type, string value, string? jsonContext)
    {
        const string Formatter = CSharp.Commands + ".CommandResultFormatter";
        return type.Kind switch
        {
            ValueKind.JsonElement => $"{Formatter}.Json({value})",
            ValueKind.Enum => $"{Formatter}.JsonEnum({value})",
            // Typed as declared (Thing? included), so a nullable result meets metadata of the same
            // nullability; a nullable struct arrives here unwrapped (see Format), typed as its underlying type.
            ValueKind.Complex => $"{Formatter}.Json({value}, {ValueReaderEmitter.TypeInfo(type, jsonContext, type.IsNullableValueType ? null : type.FullName)})",
            _ => type.Primitive switch
            {
                PrimitiveKind.SByte or PrimitiveKind.Int16 or PrimitiveKind.Int32 or PrimitiveKind.Int64 => $"{Formatter}.Json((long){value})",
                PrimitiveKind.Byte or PrimitiveKind.UInt16 or PrimitiveKind.UInt32 or PrimitiveKind.UInt64 => $"{Formatter}.Json((ulong){value})",
                PrimitiveKind.String => $"{Formatter}.JsonString({value})",
                _ => $"{Formatter}.Json({value})",
            },
        };
    }
}
