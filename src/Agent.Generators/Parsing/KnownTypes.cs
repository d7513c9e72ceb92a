using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The symbols the parser and the analyzer compare against, resolved once per compilation (the
/// generator through <see cref="KnownTypesCache"/>, the analyzer at compilation start), with the
/// compilation's <see cref="SymbolMemo"/>. Never stored in a pipeline value.
/// </summary>
internal sealed partial class KnownTypes
{
    public const string CommandAttribute = "GuestAgent.Commands.CommandAttribute";
    public const string CommandRegistryAttribute = "GuestAgent.Commands.CommandRegistryAttribute";
    public const string CommandJsonContextAttribute = "GuestAgent.Commands.CommandJsonContextAttribute";

    private KnownTypes(Compilation compilation, bool describe)
    {
        Compilation = compilation;
        Describe = describe;
        CommandResult = compilation.GetTypeByMetadataName("GuestAgent.Commands.CommandResult");
        CommandContext = compilation.GetTypeByMetadataName("GuestAgent.Commands.CommandContext");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        JsonElement = compilation.GetTypeByMetadataName("System.Text.Json.JsonElement");
        JsonNode = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonNode");
        JsonValue = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonValue");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        ServiceProvider = compilation.GetTypeByMetadataName("System.IServiceProvider");
        LoggerOfT = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger`1");
        CategoryLogger = compilation.GetTypeByMetadataName("GuestAgent.Hosting.CategoryLogger`1");
        Stream = compilation.GetTypeByMetadataName("System.IO.Stream");
        AsyncEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
        JsonSerializerContext = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializerContext");
        JsonSerializableAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializableAttribute");
        JsonPropertyNameAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonPropertyNameAttribute");
        JsonIgnoreAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonIgnoreAttribute");
        JsonIncludeAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonIncludeAttribute");
        JsonSourceGenerationOptionsAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSourceGenerationOptionsAttribute");
        JsonObjectCreationHandlingAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonObjectCreationHandlingAttribute");
        JsonConverterAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonConverterAttribute");
        JsonConverterOfT = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonConverter`1");
        JsonStringEnumConverterOfT = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonStringEnumConverter`1");
        ReadContext();
    }

    public Compilation Compilation { get; }

    /// <summary>
    /// Whether schemas and summaries are rendered. The analyzer only needs the problems, so it
    /// skips that work.
    /// </summary>
    public bool Describe { get; }

    /// <summary>Display strings and type models already worked out in this compilation.</summary>
    public SymbolMemo Memo { get; } = new();

    /// <summary>What GA0020's check has already worked out in this compilation.</summary>
    public ReadabilityMemo Readability { get; } = new();

    public INamedTypeSymbol? CommandResult { get; }

    public INamedTypeSymbol? CommandContext { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? JsonElement { get; }

    /// <summary><c>System.Text.Json.Nodes.JsonNode</c>, the base of <c>JsonObject</c>, <c>JsonArray</c> and <c>JsonValue</c>.</summary>
    public INamedTypeSymbol? JsonNode { get; }

    public INamedTypeSymbol? JsonValue { get; }

    public INamedTypeSymbol? Guid { get; }

    public INamedTypeSymbol? DateTimeOffset { get; }

    public INamedTypeSymbol? ServiceProvider { get; }

    public INamedTypeSymbol? Stream { get; }

    /// <summary><c>Microsoft.Extensions.Logging.ILogger&lt;T&gt;</c>, when the compilation references it.</summary>
    public INamedTypeSymbol? LoggerOfT { get; }

    /// <summary>The runtime's <c>CategoryLogger&lt;T&gt;</c>, which the registry makes an <c>ILogger&lt;T&gt;</c> argument with.</summary>
    public INamedTypeSymbol? CategoryLogger { get; }

    public INamedTypeSymbol? AsyncEnumerableOfT { get; }

    public INamedTypeSymbol? JsonSerializerContext { get; }

    public INamedTypeSymbol? JsonSerializableAttribute { get; }

    public INamedTypeSymbol? JsonPropertyNameAttribute { get; }

    public INamedTypeSymbol? JsonIgnoreAttribute { get; }

    public INamedTypeSymbol? JsonIncludeAttribute { get; }

    public INamedTypeSymbol? JsonSourceGenerationOptionsAttribute { get; }

    public INamedTypeSymbol? JsonObjectCreationHandlingAttribute { get; }

    public INamedTypeSymbol? JsonConverterAttribute { get; }

    /// <summary><c>System.Text.Json.Serialization.JsonConverter&lt;T&gt;</c>, which every converter of one type derives from.</summary>
    public INamedTypeSymbol? JsonConverterOfT { get; }

    /// <summary><c>System.Text.Json.Serialization.JsonStringEnumConverter&lt;TEnum&gt;</c>.</summary>
    public INamedTypeSymbol? JsonStringEnumConverterOfT { get; }

    /// <summary>The type named by <c>[assembly: CommandJsonContext]</c>, when there is one.</summary>
    public INamedTypeSymbol? JsonContext { get; private set; }

    /// <summary>Whether <see cref="JsonContext"/> derives from <c>JsonSerializerContext</c>.</summary>
    public bool JsonContextIsValid { get; private set; }

    /// <summary>The types listed with <c>[JsonSerializable]</c> on the JSON context.</summary>
    public IReadOnlyCollection<ITypeSymbol> JsonContextTypes { get; private set; } = new List<ITypeSymbol>();

    /// <summary>
    /// How the JSON context names properties: <c>JsonSerializerDefaults.Web</c> means camelCase,
    /// and a <c>PropertyNamingPolicy</c> named on the options attribute wins over it.
    /// </summary>
    public JsonPropertyNaming PropertyNaming { get; private set; }

    /// <summary>How the context names a dictionary's enum keys (its options' <c>DictionaryKeyPolicy</c>; string keys too, which are any name anyway).</summary>
    public JsonPropertyNaming KeyNaming { get; private set; }

    /// <summary>
    /// Whether the options set <c>UseStringEnumConverter</c>: every enum that no converter names otherwise is written by
    /// its declared names.
    /// </summary>
    public bool UsesStringEnumConverter { get; private set; }

    /// <summary>
    /// Whether the context refuses a JSON object that lacks a constructor parameter without a
    /// default (<c>RespectRequiredConstructorParameters</c>), so the schema lists such members as required.
    /// </summary>
    public bool RequiredConstructorParameters { get; private set; }

    /// <summary>Whether the context writes and reads public fields (<c>IncludeFields</c>), not only those marked <c>[JsonInclude]</c>.</summary>
    public bool IncludeFields { get; private set; }

    /// <summary>Whether the context matches property names ignoring case (<c>PropertyNameCaseInsensitive</c>, set by <c>JsonSerializerDefaults.Web</c>).</summary>
    public bool NamesIgnoreCase { get; private set; }

    /// <summary>Whether the options' <c>UnmappedMemberHandling</c> is <c>Disallow</c>: a member no property names fails the read (see <see cref="UnmappedMembers"/>).</summary>
    public bool DisallowsUnmapped { get; private set; }

    /// <summary>The options' <c>ReferenceHandler</c>: whether the context writes and reads reference metadata, or writes a cycle as null (see <see cref="ReferenceMetadata"/>).</summary>
    public ReferenceHandling References { get; private set; }

    /// <summary>The options' <c>NumberHandling</c> (<c>JsonNumberHandling</c>'s flags; <c>Strict</c>, 0, by default): see <see cref="NumberHandlings"/>.</summary>
    public int NumberHandling { get; private set; }

    /// <summary>
    /// Whether the context's options set <c>UnknownTypeHandling = JsonNode</c>: it then reads an
    /// <c>object</c> (a member, an item, extension data's values) as a <c>JsonNode</c>, not a <c>JsonElement</c>.
    /// </summary>
    public bool ObjectsAsNodes { get; private set; }

    /// <summary>Whether the context's options set <c>IgnoreReadOnlyProperties</c> (see <see cref="ReadOnlyMembers"/>).</summary>
    public bool IgnoreReadOnlyProperties { get; private set; }

    /// <summary>Whether the context's options set <c>IgnoreReadOnlyFields</c> (see <see cref="ReadOnlyMembers"/>).</summary>
    public bool IgnoreReadOnlyFields { get; private set; }

    /// <summary>
    /// Whether the context's options set <c>PreferredObjectCreationHandling = Populate</c>: a
    /// property with no settable accessor is then read into its existing value where it can be.
    /// </summary>
    public bool PopulateByDefault { get; private set; }

    /// <summary>
    /// The options' <c>DefaultIgnoreCondition</c> where it leaves members out of what is written
    /// (<c>WhenWritingNull</c>, <c>WhenWritingDefault</c>, <c>WhenWriting</c>), else
    /// <see cref="IgnoreCondition.None"/>: .NET 10 reads every member under <c>WhenReading</c>, and refuses <c>Always</c> (<see cref="DefaultIgnoreAlways"/>).
    /// </summary>
    public IgnoreCondition DefaultIgnoreCondition { get; private set; }

    /// <summary>
    /// Whether the options' <c>DefaultIgnoreCondition</c> is <c>Always</c>, which System.Text.Json
    /// refuses: the context cannot even be created (see <see cref="ContextOptionFaults"/>).
    /// </summary>
    public bool DefaultIgnoreAlways { get; private set; }

    /// <summary>
    /// The string-enum converters among the options' <c>Converters</c>, in order, each with the enum it writes
    /// (<c>JsonStringEnumConverter&lt;T&gt;</c>'s <c>T</c>; null for a non-generic <c>JsonStringEnumConverter</c>, which writes every enum).
    /// </summary>
    public IReadOnlyList<(ITypeSymbol? Enum, INamedTypeSymbol Converter)> StringEnumConverters { get; private set; } = [];

    /// <summary>The types the context's <c>Converters</c> read themselves, but for the string enum ones (<see cref="Parsing.OptionConverters"/>).</summary>
    public OptionConverters OptionConverters { get; private set; } = OptionConverters.None;

    /// <summary>
    /// Whether the context writes through the fast-path serializers System.Text.Json's generator emits
    /// (<see cref="FastPathWrites"/>): no <c>GenerationMode</c> (of the options or of a <c>[JsonSerializable]</c>)
    /// asks for metadata only, and the options list no converter, keep no references, set no
    /// <c>DictionaryKeyPolicy</c> and write numbers as numbers (neither <c>WriteAsString</c> nor
    /// <c>AllowNamedFloatingPointLiterals</c>); otherwise .NET 10 writes through the metadata.
    /// </summary>
    public bool WritesThroughFastPath { get; private set; }

    public static KnownTypes Create(Compilation compilation, bool describe = true) => new(compilation, describe);

    /// <summary>
    /// The <c>JsonSerializerContext</c> classes declared in the compilation's sources, by name.
    /// Only GA0009 without <c>[assembly: CommandJsonContext]</c> asks (an error path), so that its
    /// message can name the context the author declared and did not name, instead of asking for
    /// one more; the search walks every type declaration, so it runs at most once.
    /// </summary>
    public IReadOnlyList<INamedTypeSymbol> DeclaredJsonContexts => _declaredJsonContexts ??= FindDeclaredJsonContexts();

    private IReadOnlyList<INamedTypeSymbol>? _declaredJsonContexts;

    /// <summary>Whether <paramref name="context"/> lists <paramref name="type"/> with <c>[JsonSerializable]</c>.</summary>
    public bool Lists(INamedTypeSymbol context, ITypeSymbol type) =>
        context.GetAttributes().Any(a => Is(a.AttributeClass, JsonSerializableAttribute)
            && a.ConstructorArguments.Length > 0
            && a.ConstructorArguments[0].Value is ITypeSymbol listed
            && SymbolEqualityComparer.Default.Equals(listed, type));

    private List<INamedTypeSymbol> FindDeclaredJsonContexts() =>
        [.. Compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type)
            .OfType<INamedTypeSymbol>()
            .Where(t => t.TypeKind == TypeKind.Class && InheritsFrom(t, JsonSerializerContext))
            .OrderBy(t => t.ToDisplayString(), StringComparer.Ordinal)];

    /// <summary>Whether the JSON context lists <paramref name="type"/> directly.</summary>
    public bool ContextCovers(ITypeSymbol type) =>
        JsonContextIsValid && JsonContextTypes.Any(t => SymbolEqualityComparer.Default.Equals(t, type));

    /// <summary>Whether the JSON context lists <c>Nullable&lt;<paramref name="valueType"/>&gt;</c>, whose metadata System.Text.Json writes with <paramref name="valueType"/>'s.</summary>
    public bool ContextCoversNullableOf(ITypeSymbol valueType) =>
        JsonContextIsValid && valueType.IsValueType && valueType.TypeKind != TypeKind.TypeParameter
            && ContextCovers(Compilation.GetSpecialType(SpecialType.System_Nullable_T).Construct(valueType));

    public bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        type is not null && known is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);

    private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol? baseType)
    {
        for (var current = type.BaseType; current is not null && baseType is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
