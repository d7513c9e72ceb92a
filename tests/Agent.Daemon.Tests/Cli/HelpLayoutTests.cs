using GuestAgent.Daemon.Cli;

namespace GuestAgent.Daemon.Tests.Cli;

/// <summary>
/// A verb's help lines its options' explanations up in one column; an option whose syntax does not
/// fit before that column (xenstored's long limit options) gets a line of its own, its explanation
/// starting on the next line in the same column.
/// </summary>
public sealed class HelpLayoutTests
{
    // Two spaces of indent and the 21-character option column.
    private static readonly string Column = new(' ', 2 + 21);

    [Fact]
    public void A_syntax_shorter_than_the_column_shares_the_line_with_its_explanation()
    {
        Assert.Contains("\n  --socket PATH        the unix socket to listen on", HelpText.For(VerbCatalog.Xenstored), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--guest-max-watches N", "the guest's watches: WATCH is refused once it holds more")]
    [InlineData("--guest-max-transaction-nodes N", "nodes one guest transaction may touch (reads of absent")]
    [InlineData("--max-queued-bytes BYTES", "disconnect a client (dom0's too) that leaves more than this")]
    public void A_syntax_as_wide_as_the_column_or_wider_gets_a_line_of_its_own(string syntax, string explanation)
    {
        Assert.Contains($"\n  {syntax}\n{Column}{explanation}\n", HelpText.For(VerbCatalog.Xenstored), StringComparison.Ordinal);
    }
}
