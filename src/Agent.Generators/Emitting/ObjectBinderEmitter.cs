using System.Linq;
using GuestAgent.Generators.Model;
using GuestAgent.Generators.Parsing;

namespace GuestAgent.Generators.Emitting;

/// <summary>
/// Writes the binding of a JSON object value to the command's parameters: one pass over the
/// properties with <c>Utf8JsonReader</c>, names compared as UTF-8 (no string per property),
/// defaults for optional parameters, and a clear error for a missing, unknown or mistyped property
/// (an unknown one that differs from a parameter only in case names that parameter). A property
/// given twice takes its last value, as System.Text.Json reads one, unless the JSON context's
/// options refuse repeated names (<c>AllowDuplicateProperties = false</c>): then it is refused too, and
/// so is one given again differing only in case when they also ignore case (<c>PropertyNameCaseInsensitive</c>).
/// </summary>
internal static class ObjectBinderEmitter
{
    public static void Write(SourceWriter writer, CommandModel command, string? jsonContext, bool refusesRepeatedNames = false)
    {
        var name = CSharp.Literal(command.Name);
        var errors = CSharp.Commands + ".BindingErrors";
        var token = CSharp.Json + ".JsonTokenType";
        var bound = command.Parameters.Where(p => p.Source == ParameterSource.Value).ToList();
        foreach (var parameter in bound)
        {
            writer.WriteLine($"{parameter.Type!.FullName} p_{parameter.Name} = {parameter.DefaultValue ?? Unread(parameter.Type!)};");
            if (!parameter.IsOptional)
            {
                writer.WriteLine($"bool has_{parameter.Name} = false;");
            }

            if (refusesRepeatedNames)
            {
                // Only then: the default binding stays as it was, with nothing more to set per property.
                writer.WriteLine($"bool seen_{parameter.Name} = false;");
            }
        }

        writer.OpenBlock("try");
        writer.WriteLine(CSharp.DeclareReader);
        writer.WriteLine(CSharp.FirstRead);
        writer.WriteLine();

        // A missing value ("" in the legacy protocol) or null stands for an object without properties.
        writer.OpenBlock($"if (reader.TokenType == {token}.StartObject)");
        writer.OpenBlock($"while (reader.Read() && reader.TokenType == {token}.PropertyName)");

        // Comparing a name unescapes it, and throws on an unpaired surrogate ("\ud800"): such a
        // name is refused before any comparison.
        writer.OpenBlock("if (reader.ValueIsEscaped)");
        writer.OpenBlock("try").WriteLine("_ = reader.GetString();").CloseBlock();
        writer.OpenBlock(ValueReaderEmitter.CatchInvalidText).WriteLine($"return BindingFailed({errors}.InvalidText({name}));").CloseBlock();
        writer.CloseBlock();
        writer.WriteLine();
        var first = true;
        foreach (var parameter in bound)
        {
            writer.OpenBlock($"{(first ? "if" : "else if")} (reader.ValueTextEquals({CSharp.Utf8(parameter.Name)}))");
            first = false;
            var parameterName = CSharp.Literal(parameter.Name);
            if (refusesRepeatedNames)
            {
                writer.OpenBlock($"if (seen_{parameter.Name})").WriteLine($"return BindingFailed({errors}.RepeatedProperty({name}, {parameterName}));").CloseBlock().WriteLine();
                writer.WriteLine($"seen_{parameter.Name} = true;");
            }

            writer.WriteLine("reader.Read();");
            var expected = CSharp.Literal(ValueReaderEmitter.Expected(parameter.Type!));
            var fail = $"return BindingFailed({errors}.WrongType({name}, {parameterName}, {expected}));";
            var failText = $"return BindingFailed({errors}.WrongType({name}, {parameterName}, {CSharp.Literal(ValueReaderEmitter.ValidText)}));";
            var failRepeated = $"return BindingFailed({errors}.WrongType({name}, {parameterName}, {CSharp.Literal(ValueReaderEmitter.RepeatedNames(parameter.Type!))}));";
            ValueReaderEmitter.Write(
                writer, parameter.Type!, "p_" + parameter.Name, fail, failText, jsonContext,
                path => $"return BindingFailed({errors}.WrongType({name}, {parameterName}, {expected}, {path}));",
                failRepeated,
                refusesRepeatedNames);
            if (!parameter.IsOptional && !ValueReaderEmitter.AlwaysFails(parameter.Type!))
            {
                writer.SeparateFromBlock().WriteLine($"has_{parameter.Name} = true;");
            }

            writer.CloseBlock();
        }

        writer.OpenBlock("else");
        // The names the command binds, for the hint at a name that differs only in case: an array
        // made here, on the error path, so binding a request allocates nothing for it.
        var names = "new string[] { " + string.Join(", ", bound.Select(p => CSharp.Literal(p.Name))) + " }";
        var wrapped = LoneComplex(bound, jsonContext);
        var caseRepeats = refusesRepeatedNames ? CaseRepeatable(bound) : [];
        if (wrapped is null && caseRepeats.Count == 0)
        {
            writer.WriteLine($"return BindingFailed({errors}.UnknownProperty({name}, reader.GetString()!, {names}));");
        }
        else
        {
            // Every local's type spelled out (CSharp.DeclareReader says why).
            writer.WriteLine("string unknown = reader.GetString()!;");
            WriteCaseRepeats(writer, caseRepeats, name, errors, jsonContext);
            if (wrapped is not null)
            {
                WriteWrappedHint(writer, wrapped, name, errors, jsonContext);
            }

            writer.WriteLine($"return BindingFailed({errors}.UnknownProperty({name}, unknown, {names}));");
        }

        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        writer.OpenBlock($"else if (reader.TokenType != {token}.Null && !(reader.TokenType == {token}.String && reader.ValueSpan.Length == 0))");
        writer.WriteLine($"return BindingFailed({errors}.ExpectedObject({name}));");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine(CSharp.LastRead);
        writer.CloseBlock();
        writer.OpenBlock($"catch ({CSharp.Json}.JsonException)");
        writer.WriteLine($"return BindingFailed({errors}.InvalidJson({name}));");
        writer.CloseBlock();
        writer.WriteLine();
        foreach (var parameter in bound.Where(p => !p.IsOptional))
        {
            writer.OpenBlock($"if (!has_{parameter.Name})");
            var missing = $"{errors}.MissingProperty({name}, {CSharp.Literal(parameter.Name)})";
            writer.WriteLine(parameter == wrapped && IsObject(parameter.Type!.RequestSchema)
                ? $"return BindingFailed({errors}.SendWrapped({missing}, {CSharp.Literal(parameter.Name)}));"
                : $"return BindingFailed({missing});");
            writer.CloseBlock();
            writer.WriteLine();
        }
    }

    /// <summary>
    /// A required parameter's value until its property is read; never used unread (its <c>has_</c>
    /// flag is checked first). Only a reference type that takes no null needs the <c>!</c>; a complex
    /// type gets it whether class or struct (the model does not say which; on a struct it changes nothing).
    /// </summary>
    private static string Unread(TypeModel type) =>
        type.FullName.EndsWith("?", System.StringComparison.Ordinal)
        || type.Kind is ValueKind.Enum or ValueKind.JsonElement
        || (type.Kind == ValueKind.Primitive && type.Primitive != PrimitiveKind.String)
            ? "default"
            : "default!";

    /// <summary>
    /// A property of the one complex parameter's type: the bare object was sent instead of the object
    /// wrapping it. Looked up only here, on the error path, compared as the context reads names (a Web
    /// context ignores case), so "Name" hints too.
    /// </summary>
    private static void WriteWrappedHint(SourceWriter writer, ParameterModel wrapped, string name, string errors, string? jsonContext)
    {
        writer.WriteLine($"{CSharp.JsonMetadata}.JsonTypeInfo wrappedInfo = {jsonContext}.Default.GetTypeInfo(typeof({wrapped.Type!.NonNullableFullName}))!;");
        writer.WriteLine("global::System.StringComparison comparison = wrappedInfo.Options.PropertyNameCaseInsensitive ? global::System.StringComparison.OrdinalIgnoreCase : global::System.StringComparison.Ordinal;");
        writer.OpenBlock($"foreach ({CSharp.JsonMetadata}.JsonPropertyInfo property in wrappedInfo.Properties)");
        writer.OpenBlock("if (string.Equals(property.Name, unknown, comparison))");
        writer.WriteLine($"return BindingFailed({errors}.SendWrapped({errors}.UnknownProperty({name}, unknown), {CSharp.Literal(wrapped.Name)}));");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.WriteLine();
    }

    /// <summary>
    /// The parameters a name differing only in case repeats when the context's options ignore case
    /// (<c>PropertyNameCaseInsensitive</c>): the context refuses <c>{"x":1,"X":2}</c> as a repeated
    /// name (probed against .NET 10's source-generated context), so the binder, which matches a
    /// command's own names exactly, refuses it as one too rather than as an unknown property. Not a
    /// parameter whose name differs only in case from another's (<c>Value</c> and <c>value</c>): which
    /// one the name would repeat is unclear, so it stays an unknown property.
    /// </summary>
    private static System.Collections.Generic.List<ParameterModel> CaseRepeatable(System.Collections.Generic.List<ParameterModel> bound) =>
        [.. bound.Where(p => bound.Count(other => string.Equals(other.Name, p.Name, System.StringComparison.OrdinalIgnoreCase)) == 1)];

    /// <summary>
    /// On the unknown-name path only (a request that binds pays nothing): a name that differs only in
    /// case from a parameter already given is refused as that parameter given twice, when the context's
    /// options ignore case (read from them, as the context reads names).
    /// </summary>
    private static void WriteCaseRepeats(SourceWriter writer, System.Collections.Generic.List<ParameterModel> parameters, string name, string errors, string? jsonContext)
    {
        if (parameters.Count == 0)
        {
            return;
        }

        writer.OpenBlock($"if ({jsonContext}.Default.Options.PropertyNameCaseInsensitive)");
        foreach (var parameter in parameters)
        {
            var parameterName = CSharp.Literal(parameter.Name);
            writer.OpenBlock($"if (seen_{parameter.Name} && string.Equals(unknown, {parameterName}, global::System.StringComparison.OrdinalIgnoreCase))")
                .WriteLine($"return BindingFailed({errors}.RepeatedProperty({name}, {parameterName}, unknown));")
                .CloseBlock();
        }

        writer.CloseBlock();
        writer.WriteLine();
    }

    /// <summary>
    /// Whether a request schema admits only a JSON object (or <c>null</c>): a record, a class, a
    /// dictionary, each type of a polymorphic one. Only then does a missing parameter's hint, which
    /// spells its value <c>{...}</c>, say what to send; a list's array, a <c>char</c>'s string or a
    /// <c>JsonNode</c>'s any value would be misread as an object wanted.
    /// </summary>
    private static bool IsObject(string schema) =>
        CompactJson.TryReadOutline(schema, out var root, out _, out _) && IsObject(root, allowNull: false);

    private static bool IsObject(JsonOutline schema, bool allowNull)
    {
        if (schema.Members.FirstOrDefault(m => m.Name == "type") is { } type)
        {
            return type.Value.Text is "object" || (allowNull && type.Value.Text is "null");
        }

        // AllowNull and a polymorphic type's shapes: every branch an object (or the null beside it).
        var branches = schema.Members.FirstOrDefault(m => m.Name is "anyOf" or "oneOf")?.Value.Items;
        return branches is { Count: > 0 }
            && branches.All(branch => IsObject(branch, allowNull: true))
            && branches.Any(branch => IsObject(branch, allowNull: false));
    }

    /// <summary>
    /// The command's only complex parameter, whose property names hint that the bare object was
    /// sent; <c>null</c> when there is none or more than one (the hint could then mislead).
    /// </summary>
    private static ParameterModel? LoneComplex(System.Collections.Generic.List<ParameterModel> bound, string? jsonContext)
    {
        var complex = bound.Where(p => p.Type!.Kind == ValueKind.Complex).ToList();
        return jsonContext is not null && complex.Count == 1 ? complex[0] : null;
    }
}
