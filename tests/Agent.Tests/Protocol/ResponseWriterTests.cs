using System.Text;
using GuestAgent.Protocol;

namespace GuestAgent.Tests.Protocol;

public sealed class ResponseWriterTests
{
    [Theory]
    [InlineData("pong")]
    [InlineData("")]
    [InlineData("quote \" backslash \\ newline \n tab \t cr \r bell \a del \u007f")]
    [InlineData("na\u00efve caf\u00e9 \u2603 \ud83d\ude00 end")]
    [InlineData("short: del \u007f nul \0 \"q\" \\")]
    [InlineData("\u00e9 first, then plain ASCII long enough to fill a vector or two: 0123456789abcdef \" \\")]
    public void Every_character_is_written_as_its_safe_byte(string message)
    {
        var expected = "{\"returncode\":\"0\",\"message\":\"" + string.Concat(message.Select(StandIn)) + "\"}";
        Assert.Equal(expected, Encoding.ASCII.GetString(ResponseWriter.Write("0", message)));
    }

    [Fact]
    public void Safe_bytes_are_printable_ascii_and_never_an_escape()
    {
        for (var c = '\0'; c < '\u0200'; c++)
        {
            var b = ResponseWriter.SafeByte(c);
            Assert.InRange(b, (byte)' ', (byte)'~');
            Assert.NotEqual((byte)'\\', b);
            Assert.NotEqual((byte)'"', b);
            Assert.Equal(StandIn(c), (char)b);
        }
    }

    /// <summary>
    /// The wire's stand-ins written out here, independently of <see cref="ResponseWriter.SafeByte"/>
    /// (spec §2.4: no escape may reach Nova): a quote becomes an apostrophe, a backslash a slash, a
    /// line break or tab a space, any other character outside printable ASCII a question mark (one
    /// per UTF-16 unit, so an emoji is two).
    /// </summary>
    private static char StandIn(char c) => c switch
    {
        '"' => '\'',
        '\\' => '/',
        '\r' or '\n' or '\t' => ' ',
        _ when c >= ' ' && c <= '~' => c,
        _ => '?',
    };

    [Fact]
    public void A_long_return_code_is_cut_to_sixteen_characters()
    {
        var json = Encoding.ASCII.GetString(ResponseWriter.Write(new string('7', 40), "m"));
        Assert.Equal("{\"returncode\":\"" + new string('7', 16) + "\",\"message\":\"m\"}", json);
    }

    [Fact]
    public void A_message_that_just_fits_is_not_cut()
    {
        var room = ResponseWriter.MaxResponseBytes - "{\"returncode\":\"0\",\"message\":\"\"}".Length;
        var bytes = ResponseWriter.Write("0", new string('x', room));
        Assert.Equal(ResponseWriter.MaxResponseBytes, bytes.Length);
        Assert.EndsWith("xx\"}", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        Assert.EndsWith("...\"}", Encoding.ASCII.GetString(ResponseWriter.Write("0", new string('x', room + 1))), StringComparison.Ordinal);
    }

    [Fact]
    public void Long_messages_are_cut_to_fit_one_xenstore_node()
    {
        var bytes = ResponseWriter.Write("0", new string('x', 5000));
        Assert.Equal(ResponseWriter.MaxResponseBytes, bytes.Length);
        Assert.EndsWith("...\"}", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Control_and_non_ascii_characters_become_printable()
    {
        Assert.Equal("""{"returncode":"0","message":"a  b c?d?"}""", Encoding.ASCII.GetString(ResponseWriter.Write("0", "a\r\nb\tc\u0001d\u00e9")));
    }
}
