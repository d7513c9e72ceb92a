using System.Text;
using GuestAgent.Platform;
using GuestAgent.Protocol;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="EscapedText"/>, the one way the agent shows bytes that may not be text: which bytes each form keeps, that
/// no two byte strings are shown alike, and that an answer's form passes the response writer as it is. The journal's
/// side (nothing for its line escape to change) is <c>EscapedTextJournalTests</c> in the daemon's tests.
/// </summary>
public sealed class EscapedTextTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void An_answer_keeps_printable_ascii_but_quotes_backslash_and_percent_and_escapes_every_other_byte()
    {
        Assert.Equal("a b~", EscapedText.ForAnswer(Utf8("a b~")));
        Assert.Equal("%27%22%5C%25%00%09%0A%1B%7F", EscapedText.ForAnswer(Utf8("'\"\\%\0\t\n\u001B\u007F")));
        Assert.Equal("caf%C3%A9%C2%85%E2%80%AE%EF%BF%BD%E9%FF", EscapedText.ForAnswer([.. Utf8("café\u0085\u202E\uFFFD"), 0xE9, 0xFF]));
        // A lone surrogate, which UTF-8 cannot hold, as U+FFFD's bytes.
        Assert.Equal("x%EF%BF%BDy", EscapedText.ForAnswer("x\uD800y"));
        Assert.Equal("x%F0%9F%9A%80", EscapedText.ForAnswer("x\U0001F680"));
    }

    [Fact]
    public void A_log_keeps_printable_text_and_escapes_each_byte_of_anything_else()
    {
        Assert.Equal("café 名前 \U0001F680", EscapedText.ForLog(Utf8("café 名前 \U0001F680")));
        Assert.Equal("%27%22%5C%25%00%09%0A%0D%1B%7F", EscapedText.ForLog(Utf8("'\"\\%\0\t\n\r\u001B\u007F")));
        // C1 (NEL), bidirectional override and isolate, zero-width space, byte order mark, line and paragraph
        // separators, a no-break space, private use, unassigned, and U+FFFD, which reads as a lost byte.
        Assert.Equal(
            "%C2%85%E2%80%AE%E2%81%A6%E2%80%8B%EF%BB%BF%E2%80%A8%E2%80%A9%C2%A0%EE%80%80%CD%B8%EF%BF%BD",
            EscapedText.ForLog(Utf8("\u0085\u202E\u2066\u200B\uFEFF\u2028\u2029\u00A0\uE000\u0378\uFFFD")));
        Assert.Equal("%F4%8F%BF%BE", EscapedText.ForLog(Utf8("\U0010FFFE")));
    }

    [Fact]
    public void A_log_escapes_each_byte_that_is_not_utf8_and_keeps_the_text_around_it()
    {
        Assert.Equal("caf%E9", EscapedText.ForLog([.. Utf8("caf"), 0xE9]));
        Assert.Equal("/srv/é%E9%F0%9F", EscapedText.ForLog([.. Utf8("/srv/é"), 0xE9, 0xF0, 0x9F]));
        // An encoded surrogate and an overlong slash are not UTF-8.
        Assert.Equal("%ED%A0%80%C0%AF", EscapedText.ForLog([0xED, 0xA0, 0x80, 0xC0, 0xAF]));
        Assert.Equal("%80a%FF", EscapedText.ForLog([0x80, (byte)'a', 0xFF]));
        Assert.Equal("", EscapedText.ForLog([]));
    }

    [Fact]
    public void No_two_byte_strings_are_shown_alike()
    {
        // Every string of up to two bytes from a set that holds each kind: printable, escape, control, lead and
        // continuation bytes, and what the escape's own text is made of.
        byte[] alphabet = [(byte)'%', (byte)'E', (byte)'9', (byte)'\\', (byte)'x', 0x1B, 0xC3, 0xA9, 0xE9, 0xFF];
        var strings = new List<byte[]> { Array.Empty<byte>() };
        strings.AddRange(alphabet.Select(b => new[] { b }));
        strings.AddRange(alphabet.SelectMany(a => alphabet.Select(b => new[] { a, b })));
        strings.Add([.. Utf8("%E9")]);
        strings.Add([.. Utf8("\\xE9")]);

        var forLog = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var forAnswer = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var bytes in strings.DistinctBy(Convert.ToHexString))
        {
            Assert.True(forLog.TryAdd(EscapedText.ForLog(bytes), bytes), $"{Convert.ToHexString(bytes)} is shown as another is");
            Assert.True(forAnswer.TryAdd(EscapedText.ForAnswer(bytes), bytes), $"{Convert.ToHexString(bytes)} is answered as another is");
        }
    }

    [Fact]
    public void An_answers_form_passes_the_response_writer_unchanged()
    {
        var all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        var escaped = EscapedText.ForAnswer([.. all, .. Utf8("é\u202E\U0001F680")]);

        var written = Encoding.ASCII.GetString(ResponseWriter.Write("500", escaped));

        Assert.Equal("{\"returncode\":\"500\",\"message\":\"" + escaped + "\"}", written);
        Assert.All(escaped, c => Assert.InRange(c, ' ', '~'));
    }
}
