using GuestAgent.Commands;

namespace GuestAgent.Tests.Commands;

/// <summary>
/// The unknown-property error names the parameter a property differs from only in case (property
/// names are compared exactly, so <c>Word</c> does not bind <c>word</c>), and only when exactly
/// one parameter matches that way.
/// </summary>
public sealed class UnknownPropertyHintTests
{
    private const string Hint = " (did you mean 'word'? names are case-sensitive)";

    [Theory]
    [InlineData("Word", new[] { "word" }, Hint)]
    [InlineData("WORD", new[] { "count", "word" }, Hint)]
    [InlineData("w\u00d6rd", new[] { "w\u00f6rd" }, " (did you mean 'w\u00f6rd'? names are case-sensitive)")]
    [InlineData("Word", new[] { "words", "wor" }, "")]
    [InlineData("color", new[] { "word" }, "")]
    [InlineData("Word", new string[0], "")]
    // Two parameters differing only in case: naming one could point at the property already sent.
    [InlineData("WORD", new[] { "word", "Word" }, "")]
    public void A_property_differing_only_in_case_names_the_parameter(string property, string[] parameters, string hint) =>
        Assert.Equal($"Command 'echo' has no property '{property}'{hint}", BindingErrors.UnknownProperty("echo", property, parameters));

    [Fact]
    public void Without_parameters_to_compare_the_text_is_the_plain_one() =>
        Assert.Equal("Command 'echo' has no property 'Word'", BindingErrors.UnknownProperty("echo", "Word"));
}
