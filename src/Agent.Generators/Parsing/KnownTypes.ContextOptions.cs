using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

// How the compilation's JSON context is read: the type named by [assembly: CommandJsonContext],
// the types it lists and the options of its [JsonSourceGenerationOptions].
internal sealed partial class KnownTypes
{
    private void ReadContext()
    {
        foreach (var attribute in Compilation.Assembly.GetAttributes())
        {
            if (!Names.IsNamed(attribute.AttributeClass, CommandJsonContextAttribute)
                || attribute.ConstructorArguments.Length != 1
                || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol context)
            {
                continue;
            }

            JsonContext = context;
            JsonContextIsValid = InheritsFrom(context, JsonSerializerContext);
            var types = new List<ITypeSymbol>();
            var metadataOnly = false;
            foreach (var contextAttribute in context.GetAttributes())
            {
                if (Is(contextAttribute.AttributeClass, JsonSerializableAttribute)
                    && contextAttribute.ConstructorArguments.Length > 0
                    && contextAttribute.ConstructorArguments[0].Value is ITypeSymbol listed)
                {
                    types.Add(listed);
                    metadataOnly |= MetadataOnly(contextAttribute);
                }
                else if (Is(contextAttribute.AttributeClass, JsonSourceGenerationOptionsAttribute))
                {
                    ReadOptions(contextAttribute);
                    metadataOnly |= MetadataOnly(contextAttribute);
                }
            }

            JsonContextTypes = types;
            WritesThroughFastPath = !metadataOnly && !_listsConverters && References == ReferenceHandling.None
                && KeyNaming == JsonPropertyNaming.AsDeclared && (NumberHandling & NumberHandlings.ChangesWrites) == 0;
            return;
        }
    }

    private void ReadOptions(AttributeData options)
    {
        // JsonSerializerDefaults.Web (1) is the only preset that renames properties.
        if (options.ConstructorArguments.Length == 1 && options.ConstructorArguments[0].Value is int defaults && defaults == WebDefaults)
        {
            PropertyNaming = JsonPropertyNaming.CamelCase;
            NamesIgnoreCase = true;
        }

        var stringEnums = new List<(ITypeSymbol?, INamedTypeSymbol)>();
        foreach (var argument in options.NamedArguments)
        {
            if (argument.Key == "PropertyNamingPolicy" && argument.Value.Value is int policy)
            {
                PropertyNaming = Naming(policy);
            }
            else if (argument.Key == "DictionaryKeyPolicy" && argument.Value.Value is int keyPolicy)
            {
                KeyNaming = Naming(keyPolicy);
            }
            else if (argument.Key == "RespectRequiredConstructorParameters" && argument.Value.Value is true)
            {
                RequiredConstructorParameters = true;
            }
            else if (argument.Key == "ReferenceHandler" && argument.Value.Value is int references)
            {
                References = references is (int)ReferenceHandling.Preserve or (int)ReferenceHandling.IgnoreCycles ? (ReferenceHandling)references : ReferenceHandling.None;
            }
            else if (argument.Key == "IncludeFields" && argument.Value.Value is true)
            {
                IncludeFields = true;
            }
            else if (argument.Key == "PropertyNameCaseInsensitive" && argument.Value.Value is bool ignoreCase)
            {
                NamesIgnoreCase = ignoreCase;
            }
            else if (argument.Key == "UnmappedMemberHandling" && argument.Value.Value is int unmapped)
            {
                // JsonUnmappedMemberHandling.Disallow.
                DisallowsUnmapped = unmapped == 1;
            }
            else if (argument.Key == "NumberHandling" && argument.Value.Value is int numberHandling)
            {
                NumberHandling = numberHandling;
            }
            else if (argument.Key == "UnknownTypeHandling" && argument.Value.Value is int unknownTypes)
            {
                // JsonUnknownTypeHandling.JsonNode.
                ObjectsAsNodes = unknownTypes == 1;
            }
            else if (argument.Key == "IgnoreReadOnlyProperties" && argument.Value.Value is true)
            {
                IgnoreReadOnlyProperties = true;
            }
            else if (argument.Key == "IgnoreReadOnlyFields" && argument.Value.Value is true)
            {
                IgnoreReadOnlyFields = true;
            }
            else if (argument.Key == "PreferredObjectCreationHandling" && argument.Value.Value is int handling)
            {
                PopulateByDefault = handling == PopulatedInPlace.Populate;
            }
            else if (argument.Key == "DefaultIgnoreCondition")
            {
                var condition = JsonIgnoreConditions.Named(argument.Value);
                DefaultIgnoreAlways = condition == IgnoreCondition.Always;
                DefaultIgnoreCondition = condition is IgnoreCondition.WhenWritingNull or IgnoreCondition.WhenWritingDefault or IgnoreCondition.WhenWriting
                    ? condition
                    : IgnoreCondition.None;
            }
            else if (argument.Key == "UseStringEnumConverter" && argument.Value.Value is true)
            {
                UsesStringEnumConverter = true;
            }
            else if (argument.Key == "Converters" && argument.Value.Kind == TypedConstantKind.Array)
            {
                _listsConverters = argument.Value.Values.Length > 0;
                OptionConverters = OptionConverters.Of(
                    argument.Value.Values.Select(converter => converter.Value).OfType<INamedTypeSymbol>().Where(converter => !EnumSchema.IsStringConverter(converter, null)),
                    this);
                foreach (var converter in argument.Value.Values)
                {
                    if (converter.Value is INamedTypeSymbol type && EnumSchema.IsStringConverter(type, null))
                    {
                        stringEnums.Add((FindEnumArgument(type), type));
                    }
                }
            }
        }

        StringEnumConverters = stringEnums;
    }

    private const int WebDefaults = 1;

    /// <summary>Whether the options list a converter of any kind (string enum ones too), which turns .NET 10's fast path off.</summary>
    private bool _listsConverters;

    /// <summary>Whether an attribute sets <c>GenerationMode = JsonSourceGenerationMode.Metadata</c> (1): no fast-path serializer then.</summary>
    private static bool MetadataOnly(AttributeData attribute) =>
        attribute.NamedArguments.Any(argument => argument.Key == "GenerationMode" && argument.Value.Value is 1);

    /// <summary>A <c>JsonKnownNamingPolicy</c>'s naming; <c>Unspecified</c> (0) and values unknown here keep names as declared.</summary>
    private static JsonPropertyNaming Naming(int policy) =>
        policy is >= (int)JsonPropertyNaming.AsDeclared and <= (int)JsonPropertyNaming.KebabCaseUpper ? (JsonPropertyNaming)policy : JsonPropertyNaming.AsDeclared;

    /// <summary>
    /// The <c>T</c> of the <c>JsonStringEnumConverter&lt;T&gt;</c> a converter is or derives from,
    /// known by its symbol (a class of that name elsewhere on the way is passed over).
    /// </summary>
    private ITypeSymbol? FindEnumArgument(INamedTypeSymbol converter)
    {
        for (var current = converter; current is not null; current = current.BaseType)
        {
            if (Is(current, JsonStringEnumConverterOfT))
            {
                return current.TypeArguments[0];
            }
        }

        return null;
    }
}
