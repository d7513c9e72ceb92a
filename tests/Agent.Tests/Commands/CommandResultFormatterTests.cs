using System.Globalization;
using GuestAgent.Commands;
using GuestAgent.Protocol;

namespace GuestAgent.Tests.Commands;

/// <summary>Results rendered as JSON text must survive the escape-free wire form unchanged (spec §2.4).</summary>
public sealed class CommandResultFormatterTests
{
    [Fact]
    public void A_time_zone_offset_keeps_its_plus_sign_on_the_wire()
    {
        var text = CommandResultFormatter.Json(new DateTimeOffset(2026, 11, 28, 20, 15, 0, TimeSpan.FromHours(2)));

        Assert.Equal("\"2026-11-28T20:15:00+02:00\"", text);
        Assert.Equal("""{"returncode":"0","message":"'2026-11-28T20:15:00+02:00'"}""", AgentResponse.From(CommandResult.Ok(text)).ToJson());
    }

    [Theory]
    [InlineData("it's <a> & b+c", "\"it's <a> & b+c\"")]
    [InlineData("quote \" and \\ backslash", "\"quote \\\" and \\\\ backslash\"")]
    public void Strings_escape_only_what_json_requires(string value, string expected) =>
        Assert.Equal(expected, CommandResultFormatter.JsonString(value));

    [Fact]
    public void Literals_guids_and_missing_values_are_written_as_json_writes_them()
    {
        Assert.Equal("true", CommandResultFormatter.Json(true));
        Assert.Equal("false", CommandResultFormatter.Json(false));
        Assert.Equal("\"0f8fad5b-d9cb-469f-a165-70867728950e\"", CommandResultFormatter.Json(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")));
        Assert.Equal("null", CommandResultFormatter.JsonString(null));
        Assert.Equal("\"\"", CommandResultFormatter.JsonString(""));
        Assert.Equal("null", CommandResultFormatter.Json(default(System.Text.Json.JsonElement)));
    }

    public enum Level : sbyte { Low = -1, High = 1 }

    [Flags]
    public enum Bits { A = 1, B = 2 }

    // Enum.ToString takes no format provider: a value no member names would carry the culture's minus sign.
    [Theory]
    [InlineData("sv-SE")] // U+2212
    [InlineData("fa-IR")] // a left-to-right mark before U+2212
    [InlineData("ar-SA")] // an Arabic letter mark before '-'
    [InlineData("en-US")]
    public void Enum_values_read_the_same_in_every_culture(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture, predefinedOnly: true);
        try
        {
            Assert.Equal("\"Low\"", CommandResultFormatter.JsonEnum(Level.Low));
            Assert.Equal("\"-5\"", CommandResultFormatter.JsonEnum((Level)(-5)));
            Assert.Equal("\"-128\"", CommandResultFormatter.JsonEnum((Level)sbyte.MinValue));
            Assert.Equal("\"7\"", CommandResultFormatter.JsonEnum((Level)7));
            Assert.Equal("\"A, B\"", CommandResultFormatter.JsonEnum(Bits.A | Bits.B));
            Assert.Equal("\"-8\"", CommandResultFormatter.JsonEnum((Bits)(-8)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Only_a_binding_error_counts_as_one_not_a_command_s_own_500()
    {
        var own = CommandResult.Error("Couldn't write the file");

        Assert.Equal(own.ReturnCode, BindingErrors.Result("Command 'x' expects a JSON string value").ReturnCode);
        Assert.False(BindingErrors.IsBindingError(own));
        Assert.False(BindingErrors.IsBindingError(new CommandResult("500", "text")));
        Assert.True(BindingErrors.IsBindingError(BindingErrors.Result("Command 'x' expects a JSON string value")));
    }
}
