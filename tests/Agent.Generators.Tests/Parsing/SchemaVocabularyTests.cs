using GuestAgent.Generators.Parsing;

namespace GuestAgent.Generators.Tests.Parsing;

/// <summary>The keyword list and the nearness GA0017's suggestions are chosen by.</summary>
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
    [InlineData("enum", "Other")]
    [InlineData("examples", "Other")]
    [InlineData("$dynamicRef", "Other")]
    public void Keywords_say_whether_their_value_holds_schemas(string keyword, string value)
    {
        Assert.True(SchemaVocabulary.IsKeyword(keyword, out var actual));
        Assert.Equal(value, actual.ToString());
    }
}
