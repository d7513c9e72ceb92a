using GuestAgent.Generators.Parsing;

namespace GuestAgent.Generators.Tests.Parsing;

/// <summary>The keyword list (with what each value must be, for GA0019) and the nearness GA0017's suggestions are chosen by.</summary>
public sealed class SchemaVocabularyTests
{
    [Theory]
    [InlineData("minLength", "minLength", 0)]
    [InlineData("minLenght", "minLength", 1)] // two neighbours swapped: one edit
    [InlineData("propertys", "properties", 2)]
    [InlineData("", "abc", 3)]
    [InlineData("ca", "abc", 3)] // no edit of a swapped pair after the swap (optimal string alignment)
    public void Distance_counts_a_swap_of_neighbours_as_one_edit(string a, string b, int distance)
    {
        Assert.Equal(distance, SchemaVocabulary.Distance(a, b));
        Assert.Equal(distance, SchemaVocabulary.Distance(b, a));
    }

    [Theory]
    [InlineData("patern", "pattern")]
    [InlineData("Type", "type")]
    [InlineData("maxItem", "maxItems")]
    [InlineData("minimun", "minimum")]
    [InlineData("uniqeItems", "uniqueItems")]
    [InlineData("xyz", null)]
    [InlineData("ty", null)] // a short name: one edit at most, and "type" is two away
    public void Closest_is_the_keyword_within_reach_or_none(string name, string? keyword) =>
        Assert.Equal(keyword, SchemaVocabulary.Closest(name));

    [Theory]
    [InlineData("$defs", "SchemaMap")]
    [InlineData("properties", "SchemaMap")]
    [InlineData("patternProperties", "SchemaMap")]
    [InlineData("dependentSchemas", "SchemaMap")]
    [InlineData("prefixItems", "SchemaArray")]
    [InlineData("contentSchema", "Schema")]
    [InlineData("unevaluatedProperties", "Schema")]
    [InlineData("enum", "Array")]
    [InlineData("examples", "Array")]
    [InlineData("const", "Any")]
    [InlineData("default", "Any")]
    [InlineData("$dynamicRef", "String")]
    [InlineData("$anchor", "Anchor")]
    [InlineData("type", "Type")]
    [InlineData("required", "UniqueStrings")]
    [InlineData("dependentRequired", "UniqueStringsMap")]
    [InlineData("minContains", "NonNegativeInteger")]
    [InlineData("multipleOf", "PositiveNumber")]
    [InlineData("exclusiveMinimum", "Number")]
    [InlineData("writeOnly", "Boolean")]
    [InlineData("$vocabulary", "BooleanMap")]
    public void Keywords_say_what_their_value_must_be(string keyword, string value)
    {
        Assert.True(SchemaVocabulary.IsKeyword(keyword, out var actual));
        Assert.Equal(value, actual.ToString());
    }

    [Theory]
    [InlineData("String", "string")]
    [InlineData("OBJECT", "object")]
    [InlineData("strnig", "string")]
    [InlineData("intger", "integer")]
    [InlineData("bool", "boolean")]
    [InlineData("Double", "number")]
    [InlineData("dict", "object")]
    [InlineData("nul", "null")]
    [InlineData("text", null)]
    [InlineData("any", null)]
    public void Type_names_suggest_the_one_meant(string name, string? type) =>
        Assert.Equal(type, SchemaTypeNames.Closest(name));
}
