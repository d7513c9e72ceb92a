namespace GuestAgent.Commands.Tests;

/// <summary>
/// <see cref="RequestLogState"/> as a structured sink reads it: the request id first, then the
/// command's own pairs in their order, and an indexer that refuses what is outside them.
/// </summary>
public sealed class RequestLogStateTests
{
    // An array, not a list: its own indexer fails with another exception, so a bound the state
    // failed to check would show.
    private static readonly KeyValuePair<string, object?>[] Pairs = [new("Path", "/etc/hosts"), new("{OriginalFormat}", "wrote {Path}")];

    [Fact]
    public void The_request_id_comes_first_then_the_commands_pairs_in_their_order()
    {
        var state = new RequestLogState("r1", "Request r1: wrote /etc/hosts", Pairs);

        Assert.Equal(3, state.Count);
        Assert.Equal(["RequestId", "Path", "{OriginalFormat}"], state.Select(pair => pair.Key));
        Assert.Equal(["r1", "/etc/hosts", "wrote {Path}"], state.Select(pair => pair.Value));
        Assert.Equal(new KeyValuePair<string, object?>("RequestId", "r1"), state[0]);
        Assert.Equal("Request r1: wrote /etc/hosts", state.ToString());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void An_index_outside_the_pairs_is_out_of_range(int index)
    {
        var state = new RequestLogState("r1", "Request r1: wrote /etc/hosts", Pairs);

        Assert.Throws<ArgumentOutOfRangeException>(() => state[index]);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void With_the_commands_own_request_id_the_bounds_are_its_pairs(int index)
    {
        KeyValuePair<string, object?>[] own = [new("RequestId", "inner"), new("{OriginalFormat}", "about {RequestId}")];
        var state = new RequestLogState("outer", "Request outer: about inner", own);

        Assert.Equal(own, state);
        Assert.Throws<ArgumentOutOfRangeException>(() => state[index]);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Without_pairs_only_the_request_id_is_in_range(int index)
    {
        var state = new RequestLogState("plain", "Request plain: just text", null);

        Assert.Equal([new KeyValuePair<string, object?>("RequestId", "plain")], state);
        Assert.Throws<ArgumentOutOfRangeException>(() => state[index]);
    }
}
