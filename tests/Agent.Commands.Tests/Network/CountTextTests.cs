using GuestAgent.Commands.Network;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>The counts in resetnetwork's log lines ("configured 1 interface (4 files)").</summary>
public sealed class CountTextTests
{
    [Theory]
    [InlineData(0, "0 files")]
    [InlineData(1, "1 file")]
    [InlineData(2, "2 files")]
    // Plain digits, as grep and a reader expect, whatever the culture: no group separator.
    [InlineData(1000, "1000 files")]
    [InlineData(-1, "-1 files")]
    public void A_count_takes_the_noun_that_agrees_with_it(int count, string expected)
    {
        Assert.Equal(expected, CountText.Of(count, "file", "files"));
    }
}
