using GuestAgent.Generators.Parsing;

namespace GuestAgent.Generators.Tests.Parsing;

/// <summary>Numbers as written, read exactly: what GA0019 takes as a non-negative integer or a positive number.</summary>
public sealed class JsonNumberTests
{
    [Theory]
    [InlineData("0", true)]
    [InlineData("-0", true)]
    [InlineData("-0.0e5", true)]
    [InlineData("12", true)]
    [InlineData("1.0", true)]
    [InlineData("1.50e1", true)] // 15
    [InlineData("1e2", true)]
    [InlineData("25E-1", false)] // 2.5
    [InlineData("2500E-2", true)]
    [InlineData("1e400", true)] // beyond a double, still whole
    [InlineData("1e-400", false)]
    [InlineData("1e99999999999999999999999", true)] // an exponent beyond a long
    [InlineData("1e-99999999999999999999999", false)]
    [InlineData("0.5e99999999999999999999999", true)]
    [InlineData("1e10000000000000000000", true)] // 10^19 wraps to a negative long without the clamp
    [InlineData("1e-10000000000000000000", false)]
    [InlineData("1.0000000000000000000001", false)] // a double would round it to 1
    [InlineData("-1", false)]
    [InlineData("-1e-1", false)]
    [InlineData("0.5", false)]
    [InlineData("123456789012345678901234567890", true)]
    public void IsNonNegativeInteger_reads_the_digits_not_a_double(string number, bool expected) =>
        Assert.Equal(expected, JsonNumber.IsNonNegativeInteger(number));

    [Theory]
    [InlineData("1", true)]
    [InlineData("0.001", true)]
    [InlineData("1e-400", true)]
    [InlineData("0", false)]
    [InlineData("-0", false)]
    [InlineData("0.0e9", false)]
    [InlineData("-2", false)]
    public void IsPositive_is_greater_than_zero(string number, bool expected) =>
        Assert.Equal(expected, JsonNumber.IsPositive(number));

    [Theory]
    [InlineData("1", true)]
    [InlineData("-1.5e+3", true)]
    [InlineData("0", true)]
    [InlineData("01", false)]
    [InlineData("+1", false)]
    [InlineData("1.", false)]
    [InlineData(".5", false)]
    [InlineData("1e", false)]
    [InlineData("", false)]
    [InlineData("-", false)]
    [InlineData(" 1", false)]
    [InlineData("1x", false)]
    public void IsNumber_follows_JSONs_grammar(string text, bool expected) =>
        Assert.Equal(expected, JsonNumber.IsNumber(text));
}
