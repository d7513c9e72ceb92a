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
}
