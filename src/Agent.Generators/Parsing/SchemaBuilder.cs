using System.Collections.Generic;
using System.Linq;
using GuestAgent.Generators.Model;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Parsing.JsonText;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// Renders the JSON Schema (draft 2020-12) of a type as compact JSON text. Complex types are
/// described from the members System.Text.Json writes (see <see cref="SerializedMembers"/>; names
/// from <c>[JsonPropertyName]</c> or the context's naming policy), a few levels deep.
/// </summary>
internal static partial class SchemaBuilder
{
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    private const int MaxDepth = 4;

    /// <summary>
    /// The schema of <paramref name="type"/> as the context writes it (a result) or reads it (a
    /// request): complex types list the members that go that way (see <see cref="SerializedMembers"/>).
    /// </summary>
    public static string For(ITypeSymbol type, KnownTypes known, JsonDirection direction) =>
        known.Describe ? For(type, known, direction, 0, known.NumberHandling) : "{}";

    /// <summary>Adds the <c>$schema</c> keyword to a rendered schema.</summary>
    public static string Root(string schema) => Prepend(schema, Member("$schema", String(Dialect)));

    /// <summary>The schema of a command's request <c>value</c>, composed from its bound parameters' schemas.</summary>
    public static string Request(BindingMode mode, List<ParameterModel> bound)
    {
        switch (mode)
        {
            case BindingMode.None:
                return Root("{}");
            case BindingMode.RawElement:
            case BindingMode.RawString:
                // The value is the one parameter: its description and default describe the whole value.
                return Root(Parameter(bound[0]));
            default:
                var properties = bound.Select(p => Member(p.Name, Parameter(p)));
                var required = bound.Where(p => !p.IsOptional).Select(p => String(p.Name)).ToList();
                var members = new List<KeyValuePair<string, string>>
                {
                    Member("type", String("object")),
                    Member("properties", Object(properties)),
                };
                if (required.Count > 0)
                {
                    members.Add(Member("required", Array(required)));
                }

                members.Add(Member("additionalProperties", "false"));
                return Root(Object(members));
        }
    }

    /// <summary>
    /// The request schema of a command that takes the value whole, from the schema its author
    /// stated (already read and checked by <see cref="StatedSchema"/>): <c>$schema</c> first, the
    /// members as written, and, as for a derived schema, the parameter's <c>&lt;param&gt;</c>
    /// documentation as <c>description</c> and its <c>default</c> where the stated schema has none.
    /// </summary>
    public static string StatedRequest(List<KeyValuePair<string, string>> stated, ParameterModel parameter)
    {
        var members = stated.Where(m => m.Key != "$schema").ToList();
        if (parameter.Description.Length > 0 && !members.Any(m => m.Key == "description"))
        {
            members.Insert(0, Member("description", String(parameter.Description)));
        }

        if (parameter.DefaultJson is { } json && !members.Any(m => m.Key == "default"))
        {
            members.Add(Member("default", json));
        }

        return Root(Object(members));
    }

    /// <summary>
    /// A bound parameter's schema: its type's, with the <c>&lt;param&gt;</c> documentation as
    /// <c>description</c> (first, where a reader looks) and its <c>default</c> (last).
    /// </summary>
    private static string Parameter(ParameterModel parameter)
    {
        var schema = parameter.Type!.RequestSchema;
        if (parameter.DefaultJson is { } json)
        {
            schema = With(schema, Member("default", json));
        }

        return parameter.Description.Length > 0 ? Prepend(schema, Member("description", String(parameter.Description))) : schema;
    }

    /// <summary>The schema of a command's result message.</summary>
    public static string Result(ResultKind kind, TypeModel? type) => kind switch
    {
        ResultKind.Void => Root("{\"type\":\"string\",\"const\":\"\"}"),
        ResultKind.Value => Root(type!.ResultSchema),
        _ => Root("{\"type\":\"string\"}"),
    };

    /// <summary>The schema of <paramref name="type"/>, allowing <c>null</c> where the type does.</summary>
    /// <param name="type">The type to describe.</param>
    /// <param name="known">The compilation's well-known types.</param>
    /// <param name="direction">Whether the members written or those read are described.</param>
    /// <param name="depth">How deep in nested object types this is: past the limit an object is described as <c>{}</c>.</param>
    /// <param name="numbers">The <c>JsonNumberHandling</c> the context reads and writes the value's numbers with (<see cref="NumberHandlings"/>).</param>
    /// <param name="stringEnum">The string-enum converter the property being described carries, if any.</param>
    /// <param name="populated">Whether the value is populated in place (read into the one the getter returns): its constructor then binds nothing.</param>
    /// <param name="nullRefused">Whether the context refuses <c>null</c> for it whatever its annotation (<see cref="PopulatedInPlace.RefusesNull"/>).</param>
    private static string For(ITypeSymbol type, KnownTypes known, JsonDirection direction, int depth, int numbers, INamedTypeSymbol? stringEnum = null, bool populated = false, bool nullRefused = false)
    {
        var inner = TypeClassifier.UnwrapNullable(type);
        var nullable = !nullRefused && (!ReferenceEquals(inner, type) || AdmitsNull(type, direction, depth));
        var schema = ForNonNull(inner, known, direction, depth, numbers, stringEnum, populated);
        return nullable ? AllowNull(schema) : schema;
    }

    /// <summary>
    /// Whether a reference type admits <c>null</c>: annotated (<c>Thing?</c>), or written where nullable annotations are
    /// disabled, which promises nothing: the context reads and writes <c>null</c> for such a member (even under
    /// <c>RespectNullableAnnotations</c>, which judges only annotated ones) or item, and a method may return it. All but
    /// the generated binder's own parameter (depth 0, read), which refuses it unless its default is <c>null</c> (<see cref="BoundTypes"/>).
    /// </summary>
    private static bool AdmitsNull(ITypeSymbol type, JsonDirection direction, int depth) =>
        !type.IsValueType
        && (type.NullableAnnotation == NullableAnnotation.Annotated
            || (type.NullableAnnotation == NullableAnnotation.None && (depth > 0 || direction == JsonDirection.Written)));

    private static string ForNonNull(ITypeSymbol type, KnownTypes known, JsonDirection direction, int depth, int numbers, INamedTypeSymbol? stringEnum, bool populated)
    {
        var primitive = TypeClassifier.PrimitiveOf(type, known);
        // The generated binder reads and writes a parameter's or result's simple value itself, whatever the context's converters.
        var ownValue = depth == 0 && (primitive != PrimitiveKind.None || type.TypeKind == TypeKind.Enum || known.Is(type, known.JsonElement));
        if (!ownValue && ConverterWrites(type, known))
        {
            return "{}";
        }

        switch (primitive)
        {
            case PrimitiveKind.String:
                return Typed("string");
            case PrimitiveKind.Boolean:
                return Typed("boolean");
            case PrimitiveKind.Single or PrimitiveKind.Double or PrimitiveKind.Decimal:
                var bounds = TypeClassifier.Range(primitive)!.Value;
                var number = Object([Member("type", String("number")), Member("minimum", bounds.Key), Member("maximum", bounds.Value)]);
                return ownValue ? number : NumberHandlings.Apply(number, primitive, numbers, direction);
            case PrimitiveKind.Guid:
                return Object([Member("type", String("string")), Member("format", String("uuid"))]);
            case PrimitiveKind.DateTime:
                return Object([Member("type", String("string")), Member("anyOf", WellKnownSchemas.DateTimeForms())]);
            case PrimitiveKind.DateTimeOffset:
                return Object([Member("type", String("string")), Member("format", String("date-time"))]);
            case PrimitiveKind.None:
                break;
            default:
                var range = TypeClassifier.Range(primitive)!.Value;
                var integer = Object([Member("type", String("integer")), Member("minimum", range.Key), Member("maximum", range.Value)]);
                return ownValue ? integer : NumberHandlings.Apply(integer, primitive, numbers, direction);
        }

        if (known.Is(type, known.JsonElement) || type.SpecialType == SpecialType.System_Object || depth >= MaxDepth)
        {
            return "{}";
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            // At depth 0 the generated binder reads and writes the enum itself, by name.
            return depth == 0 ? EnumSchema.ByMemberName(type, direction) : EnumSchema.ThroughContext(type, known, stringEnum);
        }

        if (WellKnownSchemas.For(type) is { } wellKnown)
        {
            return wellKnown;
        }

        if (type is IArrayTypeSymbol array)
        {
            // Arrays are not tracked by reference: no metadata.
            return Collection(type, array.ElementType, known, direction, depth, numbers);
        }

        if (type is INamedTypeSymbol named)
        {
            // Not an enumerable, yet System.Text.Json's converter writes and reads it as an array
            // of its items, not by the struct's properties (a Memory<byte> is base64, above).
            if (HeldJsonTypes.MemoryItem(named) is { } memoryItem)
            {
                return Object([Member("type", String("array")), Member("items", For(memoryItem, known, direction, depth + 1, NumberHandlings.ForItem(memoryItem, numbers, known)))]);
            }

            var schema = DictionaryValue(named) is { } valueType ? Dictionary(named, valueType, known, direction, depth, numbers)
                : EnumerableItem(named) is { } itemType ? Collection(named, itemType, known, direction, depth, numbers)
                : ForObject(named, known, direction, depth, populated);
            return ReferenceMetadata.InPlaceOf(schema, type, known, direction, depth);
        }

        return "{}";
    }

    private static string ForObject(INamedTypeSymbol type, KnownTypes known, JsonDirection direction, int depth, bool populated) =>
        TypeDiscriminators.Derived(type) is { Count: > 0 } derived
            ? Polymorphic(type, derived, known, direction, depth, populated)
            : ObjectSchema(type, known, direction, depth, populated);

    /// <summary>
    /// The object schema of <paramref name="type"/>'s own contract: the members that go this way, those it cannot go
    /// without, and the names it takes under <c>JsonUnmappedMemberHandling.Disallow</c>; led, for a shape of a polymorphic
    /// type, by its discriminator member (<paramref name="discriminator"/>: the member's name and schema, required or not),
    /// or, for a shape that never has one, saying so.
    /// </summary>
    private static string ObjectSchema(INamedTypeSymbol type, KnownTypes known, JsonDirection direction, int depth, bool populated, Discriminator? discriminator = null)
    {
        var properties = new List<KeyValuePair<string, string>>();
        var required = new List<string>();
        ReferenceMetadata.AddId(type, known, direction, properties, required);
        if (discriminator is { Schema: { } leading } given)
        {
            // The context writes it first, and reads it only first.
            properties.Add(Member(given.Name, leading));
            if (given.Required)
            {
                required.Add(String(given.Name));
            }
        }

        // A value populated in place is never created: what only its constructor sets is not read (what .NET 10 does).
        var fromConstructor = populated ? new HashSet<string>() : RequiredJsonMembers.ConstructorParameters(type, known);
        var boundByConstructor = populated ? new HashSet<string>() : RequiredJsonMembers.BoundByConstructor(type);
        // A member hidden by a derived class's `new` one (or its [JsonIgnore]) is not serialized.
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (SerializedMembers.TypeOf(member, type, known, direction, boundByConstructor) is not { } memberType
                    || !seen.Add(member.Name) || AlwaysIgnored(member, known) || IgnoredThisWay(member, memberType, type, known, direction, boundByConstructor))
                {
                    continue;
                }

                var name = JsonName(member, known);
                var stringEnum = EnumSchema.StringConverterOn(member, TypeClassifier.UnwrapNullable(memberType));
                var populatedValue = direction == JsonDirection.Read && PopulatedInPlace.NeverCreated(member, type, known);
                var nullRefused = direction == JsonDirection.Read && PopulatedInPlace.RefusesNull(member, type, known);
                // A converter of the member's own comes before any other, and writes the value its own way.
                properties.Add(Member(name, ConverterWrites(member, known) ? "{}" : For(memberType, known, direction, depth + 1, NumberHandlings.Of(member, type, known), stringEnum, populatedValue, nullRefused)));
                // A result lists as required only what is written whatever its value: an ignore condition may leave it out.
                if ((RequiredJsonMembers.IsRequired(member, type) || fromConstructor.Contains(member.Name)) && !required.Contains(String(name))
                    && (direction == JsonDirection.Read || JsonIgnoreConditions.AlwaysWritten(member, memberType, known)))
                {
                    required.Add(String(name));
                }
            }
        }

        var members = new List<KeyValuePair<string, string>>
        {
            Member("type", String("object")),
            Member("properties", Object(properties)),
        };
        if (required.Count > 0)
        {
            members.Add(Member("required", Array(required)));
        }

        if (direction == JsonDirection.Read && UnmappedMembers.AllowedNames(type, known, discriminator?.Name) is { } names)
        {
            members.Add(Member("propertyNames", Object([Member("enum", Array(names.Concat(ReferenceMetadata.Names(known)).Select(String)))])));
        }

        if (discriminator is { Schema: null, Name: var absent })
        {
            members.Add(Member("not", Object([Member("required", Array([String(absent)]))])));
        }

        return Object(members);
    }

    /// <summary>
    /// Whether <c>[JsonIgnore]</c> keeps the member off the wire whatever its value: with no
    /// <c>Condition</c> or <c>JsonIgnoreCondition.Always</c>. The other conditions leave it written
    /// (or read) at times, so the schema lists it.
    /// </summary>
    public static bool AlwaysIgnored(ISymbol member, KnownTypes known) =>
        JsonIgnoreConditions.Own(member, known) == IgnoreCondition.Always;

    /// <summary>
    /// Whether an ignore condition keeps <paramref name="member"/> out of this direction altogether:
    /// <c>WhenReading</c> out of a request (but for a member a constructor parameter reads, or one
    /// populated in place), <c>WhenWriting</c> (its own or the options' default) out of a result, and
    /// so do the options' <c>IgnoreReadOnlyProperties</c> and <c>IgnoreReadOnlyFields</c> (<see cref="ReadOnlyMembers"/>).
    /// </summary>
    private static bool IgnoredThisWay(ISymbol member, ITypeSymbol memberType, INamedTypeSymbol owner, KnownTypes known, JsonDirection direction, ISet<string> boundByConstructor) =>
        direction == JsonDirection.Read
            ? JsonIgnoreConditions.NotRead(member, owner, known, boundByConstructor)
            : JsonIgnoreConditions.NotWritten(member, known) || ReadOnlyMembers.NeverWritten(member, memberType, known);

    /// <summary>The name the context gives <paramref name="member"/> in JSON: its <c>[JsonPropertyName]</c>, else its own under the naming policy.</summary>
    public static string JsonName(ISymbol member, KnownTypes known)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (known.Is(attribute.AttributeClass, known.JsonPropertyNameAttribute)
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string explicitName)
            {
                return explicitName;
            }
        }

        return JsonPropertyNames.Convert(member.Name, known.PropertyNaming);
    }

    /// <summary>
    /// Whether a converter other than the string enum ones reads and writes <paramref name="symbol"/>'s value (a member's
    /// <c>[JsonConverter]</c>; a type's, or a <c>JsonConverter&lt;T&gt;</c> of it among the options' <c>Converters</c>): the JSON
    /// it gives is its own, not known here. A factory among the options, or a converter overriding <c>CanConvert</c>, is taken
    /// to read only what it is for: describing every type as any JSON would say nothing at all.
    /// </summary>
    private static bool ConverterWrites(ISymbol symbol, KnownTypes known) =>
        (symbol is ITypeSymbol type && known.OptionConverters.Reading(type) is not null)
        || (UnreadableReasons.HasConverter(symbol, known)
            && !(UnreadableReasons.OwnConverter(symbol, known) is { } own && EnumSchema.IsStringConverter(own, null)));

    private static string Typed(string type) => Object([Member("type", String(type))]);

    private static string AllowNull(string schema)
    {
        if (schema == "{}")
        {
            return schema;
        }

        return Object([Member("anyOf", Array([schema, Typed("null")]))]);
    }
}
