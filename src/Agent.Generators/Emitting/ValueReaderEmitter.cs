using System.Linq;
using GuestAgent.Generators.Model;

namespace GuestAgent.Generators.Emitting;

/// <summary>
/// Writes the code that reads one JSON value from <c>reader</c> (positioned on the value's first
/// token) into a local, failing with a binding error when the value has the wrong type.
/// </summary>
internal static class ValueReaderEmitter
{
    /// <summary>What a string value that is not valid Unicode text must be, for the wrong-type message.</summary>
    public const string ValidText = "valid Unicode text";

    /// <summary>
    /// Writes the read; <paramref name="fail"/> is the C# statement that returns the wrong-type
    /// error, <paramref name="failText"/> the one for a string escaping an unpaired surrogate,
    /// which <c>GetString</c> refuses with an <c>InvalidOperationException</c>.
    /// <paramref name="failAt"/>, when given, makes the statement for a complex value the JSON
    /// context refused, from the C# expression of the exception's path (where inside the value);
    /// <paramref name="failRepeated"/> is the statement for a value that repeats a property name
    /// where a node would hold it (see <see cref="RepeatedNames"/>), needed for a complex type, and for a
    /// <c>JsonElement</c> when <paramref name="refusesRepeatedNames"/> (the context's options refuse a name
    /// given twice: <c>AllowDuplicateProperties = false</c>).
    /// </summary>
    public static void Write(SourceWriter writer, TypeModel type, string local, string fail, string failText, string? jsonContext, System.Func<string, string>? failAt = null, string? failRepeated = null, bool refusesRepeatedNames = false)
    {
        if (type.Kind == ValueKind.JsonElement && !type.IsNullableValueType)
        {
            WriteJsonElement(writer, local, local, failText, refusesRepeatedNames ? failRepeated ?? fail : null);
            return;
        }

        if (!type.AllowsNull)
        {
            // Every inline read below rejects a null token by its type check; the serializer would accept it.
            if (type.Kind == ValueKind.Complex)
            {
                writer.OpenBlock($"if (reader.TokenType == {CSharp.Json}.JsonTokenType.Null)").WriteLine(fail).CloseBlock().WriteLine();
            }

            WriteNonNull(writer, type, local, fail, failText, jsonContext, failAt, failRepeated, refusesRepeatedNames);
            return;
        }

        writer.OpenBlock($"if (reader.TokenType == {CSharp.Json}.JsonTokenType.Null)");
        writer.WriteLine($"{local} = null;");
        writer.CloseBlock();
        writer.OpenBlock("else");
        WriteNonNull(writer, type, local, fail, failText, jsonContext, failAt, failRepeated, refusesRepeatedNames);
        writer.CloseBlock();
    }

    /// <summary>
    /// Whether the read of <paramref name="type"/> can only fail (an enum without members and no
    /// null): the caller must not write statements after it, which would be unreachable (CS0162).
    /// </summary>
    public static bool AlwaysFails(TypeModel type) =>
        type.Kind == ValueKind.Enum && type.EnumMembers.Count == 0 && type.FlagsMask is null && !type.AllowsNull;

    /// <summary>What the value must be, for the wrong-type message.</summary>
    public static string Expected(TypeModel type) => type.Kind switch
    {
        ValueKind.Enum when type.FlagsMask is not null =>
            "names from " + string.Join(", ", type.EnumMembers.Select(m => "'" + m.Name + "'")) + " separated by commas, or a number combining them",
        // No value binds an enum without members (the registry reads names only): say so, not "one of " and nothing.
        ValueKind.Enum when type.EnumMembers.Count == 0 => $"a member of enum '{type.DisplayName.TrimEnd('?')}', which has none",
        ValueKind.Enum => "one of " + string.Join(", ", type.EnumMembers.Select(m => "'" + m.Name + "'")),
        ValueKind.JsonElement => "a JSON value",
        ValueKind.Complex => $"a JSON value of type '{type.DisplayName.TrimEnd('?')}'",
        _ => type.Primitive switch
        {
            PrimitiveKind.String => "a string",
            PrimitiveKind.Boolean => "true or false",
            PrimitiveKind.Byte => "an integer from 0 to 255",
            PrimitiveKind.SByte => "an integer from -128 to 127",
            PrimitiveKind.Int16 => "an integer from -32768 to 32767",
            PrimitiveKind.UInt16 => "an integer from 0 to 65535",
            PrimitiveKind.Int32 => "an integer from -2147483648 to 2147483647",
            PrimitiveKind.UInt32 => "an integer from 0 to 4294967295",
            PrimitiveKind.Int64 => "an integer from -9223372036854775808 to 9223372036854775807",
            PrimitiveKind.UInt64 => "an integer from 0 to 18446744073709551615",
            PrimitiveKind.Guid => "a GUID string",
            PrimitiveKind.DateTime or PrimitiveKind.DateTimeOffset => "an ISO 8601 date and time string",
            PrimitiveKind.Single => "a number from -3.4028235E+38 to 3.4028235E+38",
            PrimitiveKind.Double => "a number from -1.7976931348623157E+308 to 1.7976931348623157E+308",
            PrimitiveKind.Decimal => "a number from -79228162514264337593543950335 to 79228162514264337593543950335",
            _ => "a number",
        },
    };

    /// <summary>
    /// A value taken whole is checked as the typed reads are: a string the command could not read
    /// (<c>GetString</c> throws on an unpaired surrogate escape or bytes that are not UTF-8) fails
    /// the binding, rather than the command failing with an internal error when it reads it.
    /// <paramref name="failRepeated"/>, given when the context's options refuse a repeated name, refuses
    /// a name given twice in any of its objects, as the context refuses one inside a <c>JsonElement</c>
    /// it reads then: compared exactly, even under <c>PropertyNameCaseInsensitive</c> (probed against
    /// .NET 10's source-generated context).
    /// </summary>
    private static void WriteJsonElement(SourceWriter writer, string local, string element, string failText, string? failRepeated)
    {
        writer.WriteLine($"{local} = {CSharp.Json}.JsonElement.ParseValue(ref reader);");
        writer.OpenBlock($"if (!{CSharp.Commands}.JsonTextCheck.IsReadable({element}))").WriteLine(failText).CloseBlock();
        if (failRepeated is not null)
        {
            writer.OpenBlock($"if (!{CSharp.Commands}.JsonTextCheck.HasUniqueNames({element}, false))").WriteLine(failRepeated).CloseBlock();
        }
    }

    private static void WriteNonNull(SourceWriter writer, TypeModel type, string local, string fail, string failText, string? jsonContext, System.Func<string, string>? failAt, string? failRepeated, bool refusesRepeatedNames)
    {
        var token = $"{CSharp.Json}.JsonTokenType";
        switch (type.Kind)
        {
            case ValueKind.JsonElement:
                WriteJsonElement(writer, local, local + ".Value", failText, refusesRepeatedNames ? failRepeated ?? fail : null);
                return;
            case ValueKind.Enum when type.FlagsMask is not null:
                WriteFlags(writer, type, local, fail);
                return;
            case ValueKind.Enum:
                writer.OpenBlock($"if (reader.TokenType != {token}.String)").WriteLine(fail).CloseBlock().WriteLine();
                if (type.EnumMembers.Count == 0)
                {
                    writer.WriteLine(fail);
                    return;
                }

                // ValueTextEquals unescapes, and throws on an unpaired surrogate: not a member name either.
                writer.OpenBlock("try");
                foreach (var member in type.EnumMembers)
                {
                    writer.OpenBlock($"{(member == type.EnumMembers[0] ? "if" : "else if")} (reader.ValueTextEquals({CSharp.Utf8(member.Name)}))");
                    writer.WriteLine($"{local} = {member.Source};");
                    writer.CloseBlock();
                }

                writer.OpenBlock("else").WriteLine(fail).CloseBlock();
                writer.CloseBlock();
                writer.OpenBlock(CatchInvalidText).WriteLine(fail).CloseBlock();
                return;
            case ValueKind.Complex when type.Node != JsonNodeKind.None || type.Held != HeldJson.None:
                WriteElementFirst(writer, type, local, fail, failText, jsonContext, failAt, failRepeated, refusesRepeatedNames);
                return;
            case ValueKind.Complex:
                WriteDeserialize(writer, type, local, "ref reader", fail, jsonContext, failAt);
                return;
        }

        switch (type.Primitive)
        {
            case PrimitiveKind.String:
                writer.OpenBlock($"if (reader.TokenType != {token}.String)").WriteLine(fail).CloseBlock().WriteLine();
                writer.OpenBlock("try").WriteLine($"{local} = reader.GetString()!;").CloseBlock();
                writer.OpenBlock(CatchInvalidText).WriteLine(failText).CloseBlock();
                return;
            case PrimitiveKind.Boolean:
                writer.OpenBlock($"if (reader.TokenType is not ({token}.True or {token}.False))").WriteLine(fail).CloseBlock().WriteLine();
                writer.WriteLine($"{local} = reader.TokenType == {token}.True;");
                return;
        }

        var (tokenType, method) = type.Primitive switch
        {
            PrimitiveKind.Guid => ("String", "TryGetGuid"),
            PrimitiveKind.DateTime => ("String", "TryGetDateTime"),
            PrimitiveKind.DateTimeOffset => ("String", "TryGetDateTimeOffset"),
            var other => ("Number", "TryGet" + other),
        };
        var temporary = "read_" + local;

        // TryGetSingle and TryGetDouble answer an out-of-range number with infinity, which no
        // command expects (and which has no JSON form to answer with): it is out of range.
        var finite = type.Primitive is PrimitiveKind.Single or PrimitiveKind.Double
            ? $" || !{type.NonNullableFullName}.IsFinite({temporary})"
            : "";
        // TryGetGuid, TryGetDateTime and TryGetDateTimeOffset unescape first, and throw on an
        // unpaired surrogate (a date only once the text is long enough to be one): not a GUID or
        // a date either.
        var unescapesFirst = type.Primitive == PrimitiveKind.Guid
            || type.Primitive == PrimitiveKind.DateTime
            || type.Primitive == PrimitiveKind.DateTimeOffset;
        if (unescapesFirst)
        {
            writer.WriteLine($"{type.NonNullableFullName} {temporary};");
            writer.OpenBlock("try");
            writer.OpenBlock($"if (reader.TokenType != {token}.{tokenType} || !reader.{method}(out {temporary}))").WriteLine(fail).CloseBlock();
            writer.CloseBlock();
            writer.OpenBlock(CatchInvalidText).WriteLine(fail).CloseBlock().WriteLine();
        }
        else
        {
            writer.OpenBlock($"if (reader.TokenType != {token}.{tokenType} || !reader.{method}(out {type.NonNullableFullName} {temporary}){finite})").WriteLine(fail).CloseBlock().WriteLine();
        }

        writer.WriteLine($"{local} = {temporary};");
    }

    /// <summary>
    /// A complex value, through the JSON context; <paramref name="source"/> is what the serializer
    /// reads it from (the reader, or an element already parsed).
    /// </summary>
    private static void WriteDeserialize(SourceWriter writer, TypeModel type, string local, string source, string fail, string? jsonContext, System.Func<string, string>? failAt, bool valueInside = false, string? nodeRepeated = null)
    {
        writer.OpenBlock("try");
        writer.WriteLine($"{local} = {CSharp.Json}.JsonSerializer.Deserialize({source}, {TypeInfo(type, jsonContext)})!;");
        writer.CloseBlock();
        // Only the exception's path is used: its message can quote the value. The path can
        // hold a dictionary's keys too; BindingErrors.WrongType keeps only its plain names and indices.
        writer.OpenBlock($"catch ({CSharp.Json}.JsonException {ComplexException})")
            .WriteLine(failAt is null ? fail : failAt(ComplexException + ".Path"))
            .CloseBlock();
        if (valueInside)
        {
            // A JsonValue member's converter refuses an object or array with this rather than a
            // JsonException; caught only when the value gives one where a JsonValue is read, so one a
            // constructor or setter of the type throws stays the internal error any other exception of theirs is.
            writer.OpenBlock($"catch (global::System.InvalidOperationException) when ({CSharp.Commands}.JsonTextCheck.HasObjectOrArrayForJsonValue({source}, {jsonContext}.Default.GetTypeInfo(typeof({type.NonNullableFullName}))!))")
                .WriteLine(fail).CloseBlock();
        }

        if (nodeRepeated is not null)
        {
            // Under AllowDuplicateProperties = false the context's node converter fills a JsonObject as it
            // reads, and its OrderedDictionary throws this (not a JsonException) at a name given twice,
            // naming its parameter "key" (probed; Dictionary names none). Caught only so, and when the value
            // repeats a name as the nodes compare names, so what a constructor or setter throws stays an
            // internal error (ArgumentOutOfRangeException.ThrowIfNegative names "value"), even when the value
            // repeats a name in a member the context skips. Checked here rather than before the read: the
            // context takes a repeat no node holds (inside an unknown member, or in a JsonElement, differing in case).
            var ignoreCase = $"{jsonContext}.Default.Options.PropertyNameCaseInsensitive";
            writer.OpenBlock($"catch (global::System.ArgumentException repeated) when (repeated.ParamName == \"key\" && !{CSharp.Commands}.JsonTextCheck.HasUniqueNames({source}, {ignoreCase}))")
                .WriteLine(nodeRepeated).CloseBlock();
        }
    }

    /// <summary>
    /// A <c>JsonNode</c> keeps the strings it was read from unread, as a <c>JsonElement</c> does, and
    /// so does a complex type holding either (<see cref="HeldJson"/>), which the context reads
    /// unchecked: the value is parsed once as an element, checked as one (<see cref="WriteJsonElement"/>),
    /// and the value made from that element through the context, with the context's options.
    /// </summary>
    private static void WriteElementFirst(SourceWriter writer, TypeModel type, string local, string fail, string failText, string? jsonContext, System.Func<string, string>? failAt, string? failRepeated, bool refusesRepeatedNames)
    {
        var element = "element_" + local;
        writer.WriteLine($"{CSharp.Json}.JsonElement {element} = {CSharp.Json}.JsonElement.ParseValue(ref reader);");
        writer.OpenBlock($"if (!{CSharp.Commands}.JsonTextCheck.IsReadable({element}))").WriteLine(failText).CloseBlock();
        if (type.Node == JsonNodeKind.Value)
        {
            var kind = $"{CSharp.Json}.JsonValueKind";
            writer.OpenBlock($"if ({element}.ValueKind is {kind}.Object or {kind}.Array)").WriteLine(fail).CloseBlock();
        }

        var holdsNodes = (type.Held & HeldJson.Nodes) != 0;
        var walk = holdsNodes && type.NodeWalkers.Count > 0;
        if (type.Node == JsonNodeKind.Node)
        {
            // A JsonObject throws on a name it holds twice only when read (in the command): its
            // names compare as the context's node options say, ignoring case under the Web defaults.
            var ignoreCase = $"{jsonContext}.Default.Options.PropertyNameCaseInsensitive";
            writer.OpenBlock($"if (!{CSharp.Commands}.JsonTextCheck.HasUniqueNames({element}, {ignoreCase}))").WriteLine(failRepeated ?? fail).CloseBlock();
        }
        else if (holdsNodes && !walk && !refusesRepeatedNames)
        {
            // A type whose nodes the binder cannot all walk to after the read: the places in the value
            // the context reads into nodes are checked before it, following its contract (a repeat in a
            // member it skips or keeps in a JsonElement, or in the type's own members, keeps the context's
            // rules: the whole value was checked before, stricter than the context). Not when the options
            // refuse repeated names: the context then refuses one a node holds as it reads it (caught below).
            writer.OpenBlock($"if (!{CSharp.Commands}.JsonTextCheck.HasUniqueNodeNames({element}, {jsonContext}.Default.GetTypeInfo(typeof({type.NonNullableFullName}))!))")
                .WriteLine(failRepeated ?? fail).CloseBlock();
        }

        writer.WriteLine();
        WriteDeserialize(writer, type, local, element, fail, jsonContext, failAt, (type.Held & HeldJson.Value) != 0, holdsNodes && refusesRepeatedNames ? failRepeated ?? fail : null);
        if (walk)
        {
            // Only the nodes' own objects: the rest of the value keeps the context's rules.
            writer.WriteLine();
            NodeWalkEmitter.Write(writer, type.NodeWalkers, local, failRepeated ?? fail);
        }
    }

    /// <summary>
    /// What a value read into a node, or a type holding one, must be when it repeats a property
    /// name in one of its objects, for the wrong-type message: the node would throw when read.
    /// </summary>
    public static string RepeatedNames(TypeModel type) => Expected(type) + " without a repeated property name";

    /// <summary>
    /// A <c>[Flags]</c> enum, as System.Text.Json's string enum converter reads one: member names
    /// separated by commas (<c>"Read, Write"</c>), or a number, here only one that fits the underlying
    /// type and sets no bit outside the members' (names stay case-sensitive, like every other name
    /// the binder matches).
    /// </summary>
    private static void WriteFlags(SourceWriter writer, TypeModel type, string local, string fail)
    {
        var token = $"{CSharp.Json}.JsonTokenType";
        var enumType = type.NonNullableFullName;
        var number = "number_" + local;
        writer.OpenBlock($"if (reader.TokenType == {token}.Number)");
        if (type.FlagsSignedType is { } signed)
        {
            // A signed enum's members may be negative (All = -1), so its mask is sign-extended: the
            // number is read as a long, must fit the underlying type (else the cast would wrap it
            // onto other members' bits), and its bits, sign-extended as well, must be members'.
            var fits = signed == "long" ? "" : $" || unchecked(({signed}){number}) != {number}";
            writer.OpenBlock($"if (!reader.TryGetInt64(out long {number}){fits} || (unchecked((ulong){number}) & ~{type.FlagsMask}) != 0)").WriteLine(fail).CloseBlock().WriteLine();
        }
        else
        {
            writer.OpenBlock($"if (!reader.TryGetUInt64(out ulong {number}) || ({number} & ~{type.FlagsMask}) != 0)").WriteLine(fail).CloseBlock().WriteLine();
        }

        writer.WriteLine($"{local} = ({enumType}){number};");
        writer.CloseBlock();
        writer.OpenBlock($"else if (reader.TokenType == {token}.String)");
        var text = "text_" + local;
        var combined = "flags_" + local;
        writer.WriteLine($"string {text};");
        writer.OpenBlock("try").WriteLine($"{text} = reader.GetString()!;").CloseBlock();
        writer.OpenBlock(CatchInvalidText).WriteLine(fail).CloseBlock().WriteLine();
        writer.WriteLine($"{enumType} {combined} = default;");
        writer.OpenBlock($"foreach (string part in {text}.Split(','))");
        writer.OpenBlock("switch (part.Trim())");
        foreach (var member in type.EnumMembers)
        {
            writer.WriteLine($"case {CSharp.Literal(member.Name)}: {combined} |= {member.Source}; break;");
        }

        writer.WriteLine($"default: {fail}");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"{local} = {combined};");
        writer.CloseBlock();
        writer.OpenBlock("else").WriteLine(fail).CloseBlock();
    }

    /// <summary>
    /// The reader's refusal of a string escaping an unpaired surrogate. Only reader calls are in
    /// the guarded blocks, so no other <c>InvalidOperationException</c> is caught.
    /// </summary>
    public const string CatchInvalidText = "catch (global::System.InvalidOperationException)";

    /// <summary>The name of the caught exception of a complex value's read.</summary>
    private const string ComplexException = "refused";

    /// <summary>The typed metadata of a complex type, from the assembly's JSON context (no reflection).</summary>
    public static string TypeInfo(TypeModel type, string? jsonContext, string? typeArgument = null) =>
        $"({CSharp.JsonMetadata}.JsonTypeInfo<{typeArgument ?? type.NonNullableFullName}>){jsonContext}.Default.GetTypeInfo(typeof({type.NonNullableFullName}))!";
}
