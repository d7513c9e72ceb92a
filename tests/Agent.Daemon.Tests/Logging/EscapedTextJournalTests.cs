using System.Text;
using GuestAgent.Daemon.Logging;
using GuestAgent.Platform;

namespace GuestAgent.Daemon.Tests.Logging;

/// <summary>
/// <see cref="EscapedText.ForLog"/>'s text on stderr and in the journal: the line's own escape (<see cref="SingleLineText"/>)
/// finds nothing to change in it, so what the operator reads is the escape alone, one notation, never a <c>\x1B</c> of the
/// line's beside a <c>%1B</c> of the name's.
/// </summary>
public sealed class EscapedTextJournalTests
{
    [Fact]
    public void Every_character_and_every_byte_shown_for_a_log_is_kept_as_it_is_by_the_journal_line()
    {
        for (var value = 0; value <= 0x10FFFF; value++)
        {
            if (Rune.IsValid(value))
            {
                AssertKept(Encoding.UTF8.GetBytes(new Rune(value).ToString()));
            }
        }

        for (var b = 0; b < 256; b++)
        {
            AssertKept([(byte)b]);
        }
    }

    private static void AssertKept(byte[] bytes)
    {
        var shown = EscapedText.ForLog(bytes);
        if (!SingleLineText.IsSafe(shown))
        {
            Assert.Fail($"{Convert.ToHexString(bytes)} is shown as '{SingleLineText.Of(shown)}', which the journal line changes");
        }
    }
}
