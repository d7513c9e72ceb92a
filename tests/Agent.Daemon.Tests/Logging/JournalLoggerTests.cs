using System.Text;
using GuestAgent.Daemon.Logging;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Tests.Logging;

public sealed class JournalLoggerTests
{
    private static (JournalLoggerFactory Factory, StringWriter Output) Create(LogLevel minimum)
    {
        var output = new StringWriter { NewLine = "\n" };
        return (new JournalLoggerFactory(new JournalWriter(output, minimum)), output);
    }

    [Theory]
    [InlineData(LogLevel.Trace, 7)]
    [InlineData(LogLevel.Debug, 7)]
    [InlineData(LogLevel.Information, 6)]
    [InlineData(LogLevel.Warning, 4)]
    [InlineData(LogLevel.Error, 3)]
    [InlineData(LogLevel.Critical, 2)]
    public void Each_level_gets_its_syslog_priority_prefix(LogLevel level, int priority)
    {
        var (factory, output) = Create(LogLevel.Trace);

        factory.CreateLogger("GuestAgent.Protocol.NovaJsonParser").Log(level, "Request {Id} done", "abc");

        Assert.Equal($"<{priority}>NovaJsonParser: Request abc done\n", output.ToString());
    }

    [Fact]
    public void Categories_that_differ_only_in_case_each_keep_their_own_name()
    {
        // Category names are .NET type names, which are case-sensitive.
        var (factory, output) = Create(LogLevel.Information);

        factory.CreateLogger("Sample.Network").LogInformation("first");
        factory.CreateLogger("Sample.network").LogInformation("second");
        factory.CreateLogger("Sample.Network").LogInformation("third");

        Assert.Equal("<6>Network: first\n<6>network: second\n<6>Network: third\n", output.ToString());
    }

    [Fact]
    public void Messages_below_the_minimum_level_are_dropped()
    {
        var (factory, output) = Create(LogLevel.Warning);
        var logger = factory.CreateLogger<JournalLoggerTests>(nameof(JournalLoggerTests));

        logger.LogInformation("quiet");
        logger.LogWarning("loud");

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.Equal("<4>JournalLoggerTests: loud\n", output.ToString());
    }

    [Fact]
    public void A_message_is_always_one_line_even_with_line_breaks_and_an_exception()
    {
        var (factory, output) = Create(LogLevel.Information);

        factory.CreateLogger("Agent").LogError(new IOException("disk\nfull"), "Write failed:\r\nretrying");

        Assert.Equal("<3>Agent: Write failed:  retrying (IOException: disk full)\n", output.ToString());
    }

    [Fact]
    public void Level_none_logs_nothing()
    {
        var (factory, output) = Create(LogLevel.None);

        factory.CreateLogger("Agent").LogCritical("boom");

        Assert.Empty(output.ToString());
    }

    // The explorer's request name (explore-report.md, defect 6): a CR, a NUL that would end the
    // journald record, a "<2>" that would then become a forged critical entry, an ESC colour sequence
    // and a line separator. The bytes written must hold one record, and every one of them visible.
    [Fact]
    public void Host_text_with_control_characters_cannot_forge_a_record_or_reach_a_terminal()
    {
        using var bytes = new MemoryStream();
        using (var stream = new StreamWriter(bytes, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            var factory = new JournalLoggerFactory(new JournalWriter(stream, LogLevel.Information));
            factory.CreateLogger("GuestAgent.Protocol.NovaJsonParser")
                .LogWarning("Request {RequestId}: unknown command '{Command}'", "r1", "a\r<0>b\u0000<2>guest-agent: FAKE\u001b[31mred\u2028z");
        }

        var expected = "<4>NovaJsonParser: Request r1: unknown command 'a <0>b\\x00<2>guest-agent: FAKE\\x1B[31mred\\u2028z'\n"u8.ToArray();
        Assert.Equal(expected, bytes.ToArray());
    }

    [Theory]
    [InlineData("\u0000", "\\x00")]
    [InlineData("\u0007", "\\x07")]
    [InlineData("\u001b", "\\x1B")]
    [InlineData("\u001f", "\\x1F")]
    [InlineData("\u007f", "\\x7F")]
    [InlineData("\u0080", "\\x80")]
    [InlineData("\u0085", "\\x85")]
    [InlineData("\u009b", "\\x9B")]
    [InlineData("\u009f", "\\x9F")]
    [InlineData("\u2028", "\\u2028")]
    [InlineData("\u2029", "\\u2029")]
    [InlineData("\u202e", "\\u202E")]
    [InlineData("\u2066", "\\u2066")]
    [InlineData("\u2069", "\\u2069")]
    [InlineData("\r\n\t", "   ")]
    public void Each_unsafe_character_gets_a_visible_escape(string character, string standIn)
    {
        var (factory, output) = Create(LogLevel.Information);

        factory.CreateLogger("Agent").LogInformation("[{Text}]", character);

        Assert.Equal($"<6>Agent: [{standIn}]\n", output.ToString());
    }

    // Not InlineData: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.
    [Fact]
    public void Lone_surrogates_get_a_visible_escape()
    {
        var (factory, output) = Create(LogLevel.Information);

        factory.CreateLogger("Agent").LogInformation("[{A}|{B}|{C}]", "\ud800", "x\udc00", "\ud83d\ud83d\ude00");

        Assert.Equal("<6>Agent: [\\uD800|x\\uDC00|\\uD83D\U0001F600]\n", output.ToString());
    }

    [Theory]
    [InlineData("caf\u00e9 \u00a0\u00ff")]
    [InlineData("\U0001F600 ok")]
    [InlineData("\u4e2d\u6587 \u2027\u202f")]
    public void Printable_text_and_surrogate_pairs_pass_unchanged(string text)
    {
        var (factory, output) = Create(LogLevel.Information);

        factory.CreateLogger("Agent").LogInformation("{Text}", text);

        Assert.Equal($"<6>Agent: {text}\n", output.ToString());
    }

    [Fact]
    public void An_exception_message_is_escaped_too()
    {
        var (factory, output) = Create(LogLevel.Information);

        factory.CreateLogger("Agent").LogError(new IOException("bad\u0000<0>x"), "failed");

        Assert.Equal("<3>Agent: failed (IOException: bad\\x00<0>x)\n", output.ToString());
    }

    [Fact]
    public void A_long_message_is_cut_to_stay_one_record()
    {
        var (factory, output) = Create(LogLevel.Information);

        factory.CreateLogger("Agent").LogInformation("{Text}", new string('y', JournalLogger.MaxLineLength) + "\n<0>forged");

        var line = output.ToString();
        Assert.Equal(JournalLogger.MaxLineLength + 1, line.Length);
        Assert.EndsWith("yyy [cut]\n", line, StringComparison.Ordinal);
        Assert.DoesNotContain("forged", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_of_exactly_the_longest_length_is_written_whole()
    {
        var (factory, output) = Create(LogLevel.Information);
        var text = new string('y', JournalLogger.MaxLineLength - "<6>Agent: ".Length);

        factory.CreateLogger("Agent").LogInformation("{Text}", text);

        Assert.Equal($"<6>Agent: {text}\n", output.ToString());
    }

    [Fact]
    public void A_category_ending_in_a_dot_is_kept_whole_rather_than_cut_to_nothing()
    {
        var (factory, output) = Create(LogLevel.Information);

        factory.CreateLogger("GuestAgent.").LogInformation("x");

        Assert.Equal("<6>GuestAgent.: x\n", output.ToString());
    }

    [Fact]
    public void A_message_at_level_none_is_never_written_whatever_the_minimum()
    {
        var (factory, output) = Create(LogLevel.Trace);
        var logger = factory.CreateLogger("Agent");

        logger.Log(LogLevel.None, "never");

        Assert.False(logger.IsEnabled(LogLevel.None));
        Assert.Empty(output.ToString());
    }

    [Fact]
    public void The_one_line_text_of_an_error_is_trimmed_once_its_line_breaks_are_spaces() =>
        Assert.Equal("cannot read x: disk full", SingleLineText.Of("\ncannot read x:\ndisk full\r\n"));

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var (factory, output) = Create(LogLevel.Information);
        var prefixLength = "<6>Agent: ".Length;
        // Puts a pair's high half exactly at the last kept position.
        var text = new string('y', JournalLogger.MaxLineLength - " [cut]".Length - prefixLength - 1) + string.Concat(Enumerable.Repeat("\U0001F600", 5000));

        factory.CreateLogger("Agent").LogInformation("{Text}", text);

        var line = output.ToString();
        Assert.EndsWith("y [cut]\n", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(line)));
    }
}
