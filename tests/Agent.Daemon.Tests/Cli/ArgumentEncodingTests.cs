using System.Text;
using GuestAgent.Daemon.Cli;

namespace GuestAgent.Daemon.Tests.Cli;

/// <summary>
/// <see cref="ArgumentEncoding"/> against a given command line (<c>/proc/self/cmdline</c>'s form): which
/// argument is not UTF-8, how its bytes are shown, and when it cannot tell. The published binary's
/// refusal is <c>NonUtf8ArgumentTests</c>.
/// </summary>
public sealed class ArgumentEncodingTests
{
    private static byte[] CommandLine(params byte[][] arguments) =>
        [.. arguments.SelectMany(argument => argument.Append((byte)0))];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void The_first_argument_that_is_not_utf8_is_named_by_its_position_with_its_bytes_escaped()
    {
        var problem = ArgumentEncoding.Problem(
            ["call", "--domid", "5", "\uFFFDx\uFFFD", "\uFFFD"],
            CommandLine(Utf8("/usr/sbin/guest-agent"), Utf8("call"), Utf8("--domid"), Utf8("5"), [0xE9, (byte)'x', 0xC3], [0xFF]));

        Assert.Equal("call: argument 4 is not valid UTF-8 ('%E9x%C3'): it would be read as another name; give paths and values in UTF-8", problem);
    }

    [Fact]
    public void A_verb_that_is_not_utf8_is_named_without_itself_as_the_prefix()
    {
        var problem = ArgumentEncoding.Problem(["r\uFFFDn"], CommandLine(Utf8("guest-agent"), [(byte)'r', 0xFF, (byte)'n']));

        Assert.Equal("argument 1 is not valid UTF-8 ('r%FFn'): it would be read as another name; give paths and values in UTF-8", problem);
    }

    [Fact]
    public void Valid_text_around_a_bad_byte_is_shown_decoded_and_a_real_replacement_character_passes()
    {
        Assert.Null(ArgumentEncoding.Problem(["run", "--root", "/srv/\uFFFD"], CommandLine(Utf8("guest-agent"), Utf8("run"), Utf8("--root"), Utf8("/srv/\uFFFD"))));
        Assert.Equal(
            "run: argument 3 is not valid UTF-8 ('/srv/é%E9%F0%9F'): it would be read as another name; give paths and values in UTF-8",
            ArgumentEncoding.Problem(["run", "--root", "/srv/é\uFFFD\uFFFD"], CommandLine(Utf8("guest-agent"), Utf8("run"), Utf8("--root"), [.. Utf8("/srv/é"), 0xE9, 0xF0, 0x9F])));
    }

    [Fact]
    public void An_empty_argument_keeps_the_positions_of_those_after_it()
    {
        var problem = ArgumentEncoding.Problem(["run", "", "\uFFFD"], CommandLine(Utf8("guest-agent"), Utf8("run"), [], [0x80]));

        Assert.Equal("run: argument 3 is not valid UTF-8 ('%80'): it would be read as another name; give paths and values in UTF-8", problem);
    }

    [Fact]
    public void A_command_line_that_does_not_match_the_arguments_refuses_nothing()
    {
        Assert.Null(ArgumentEncoding.Problem(["run", "\uFFFD"], CommandLine(Utf8("guest-agent"), Utf8("run"))));
        Assert.Null(ArgumentEncoding.Problem(["\uFFFD"], CommandLine(Utf8("guest-agent"), [0xFF], Utf8("extra"))));
    }

    [Fact]
    public void A_variable_is_found_by_its_whole_name_and_its_first_entry()
    {
        var environment = CommandLine(
            [.. Utf8("XENSTORED_PATHS="), 0xFF],
            Utf8("X_XENSTORED_PATH=\uFFFD"),
            [.. Utf8("XENSTORED_PATH=/run/"), 0xE9, (byte)'s'],
            Utf8("XENSTORED_PATH=/run/ok"));

        Assert.Equal("/run/%E9s", ArgumentEncoding.NotUtf8Variable("XENSTORED_PATH", environment));
        Assert.Null(ArgumentEncoding.NotUtf8Variable("XENSTORED_PATH", CommandLine(Utf8("XENSTORED_PATH=/run/\uFFFD"), [.. Utf8("XENSTORED_PATH=/"), 0xFF])));
        Assert.Null(ArgumentEncoding.NotUtf8Variable("XENSTORED_PATH", CommandLine([.. Utf8("XENSTORED_PATHS="), 0xFF])));
    }

    [Fact]
    public void Arguments_with_other_bytes_are_shown_differently_even_after_the_line_is_made_safe()
    {
        // A backslash typed before "xFF" once read the same as the byte 0xFF, and ESC (made \x1B by the
        // line's own escape on stderr and in the journal) the same as the four characters \x1B.
        string Shown(byte[] argument) =>
            GuestAgent.Daemon.Logging.SingleLineText.Of(ArgumentEncoding.Problem(["\uFFFD"], CommandLine(Utf8("guest-agent"), argument))!);

        Assert.Equal("argument 1 is not valid UTF-8 ('%5CxFF%FF'): it would be read as another name; give paths and values in UTF-8", Shown([.. Utf8("\\xFF"), 0xFF]));
        Assert.NotEqual(Shown([.. Utf8("\\xFF"), 0xFF]), Shown([0xFF, 0xFF]));
        Assert.NotEqual(Shown([0x1B, 0xFF]), Shown([.. Utf8("\\x1B"), 0xFF]));
        Assert.NotEqual(Shown([.. Utf8("%FF"), 0xFF]), Shown([0xFF, 0xFF]));
        Assert.Equal("argument 1 is not valid UTF-8 ('%1B%E2%80%AE\u00E9%25%FF'): it would be read as another name; give paths and values in UTF-8", Shown([0x1B, .. Utf8("\u202E\u00E9%"), 0xFF]));
    }
}
