using System.Text.Json;
using GuestAgent.Generators.Parsing;

namespace GuestAgent.Generators.Tests.Parsing;

/// <summary>The compile-time name conversions against System.Text.Json's own policies.</summary>
public sealed class JsonPropertyNamesTests
{
    private static readonly string[] TrickyNames =
    [
        "", "A", "a", "Id", "ID", "Name", "DryRun", "XMLHttpRequest", "IPv4Address", "A1B2", "already_snake", "already-kebab",
        "SHA512Hash", "HTMLToPDF", "URLs", "IOStream", "MyURL", "ABC", "AbC", "aBC", "_leading", "trailing_", "__x__",
        "Two  Spaces", " Padded ", "With Space", "ABC DEF", "Über", "ÉtéDay", "x2Y", "Version2", "V2", "HTTP2Server", "I",
        "lowerCamel", "snake_Case_Mixed", "ALL_CAPS_NAME", "Ünïcödé", "A_B", "__", "Ab1Cd", "Café", "ǅungla", "Tab\tName",
    ];

    public static TheoryData<int> Policies => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Policies))]
    public void Conversions_match_system_text_json(int policy)
    {
        var real = policy switch
        {
            1 => JsonNamingPolicy.CamelCase,
            2 => JsonNamingPolicy.SnakeCaseLower,
            3 => JsonNamingPolicy.SnakeCaseUpper,
            4 => JsonNamingPolicy.KebabCaseLower,
            _ => JsonNamingPolicy.KebabCaseUpper,
        };
        Assert.All(TrickyNames, name =>
            Assert.Equal(real.ConvertName(name), JsonPropertyNames.Convert(name, (JsonPropertyNaming)policy)));
    }

    [Fact]
    public void Without_a_policy_names_stay_as_declared() =>
        Assert.All(TrickyNames, name => Assert.Equal(name, JsonPropertyNames.Convert(name, JsonPropertyNaming.AsDeclared)));

    [Fact]
    public void Known_conversions_are_as_documented()
    {
        Assert.Equal("xmlHttpRequest", JsonPropertyNames.Convert("XMLHttpRequest", JsonPropertyNaming.CamelCase));
        Assert.Equal("xml_http_request", JsonPropertyNames.Convert("XMLHttpRequest", JsonPropertyNaming.SnakeCaseLower));
        Assert.Equal("I-PV4-ADDRESS", JsonPropertyNames.Convert("IPv4Address", JsonPropertyNaming.KebabCaseUpper));
    }
}
