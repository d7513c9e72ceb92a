using GuestAgent.Commands;

namespace GuestAgent.Tests.Commands;

/// <summary>
/// What an exchange's session keeps between requests: an answer binding belongs to one request and
/// is taken once; removing an expected item leaves one another request put in its place.
/// </summary>
public sealed class ExchangeSessionTests
{
    private sealed class Key;

    [Fact]
    public void An_answer_binding_is_taken_once_and_only_for_its_own_request()
    {
        var session = new ExchangeSession();
        Assert.False(session.TakeAnswerBinding("a"));

        session.BindAnswer("a");

        Assert.False(session.TakeAnswerBinding("b"));
        Assert.True(session.TakeAnswerBinding("a"));
        // Taken: a later request that reuses the id is not bound by it.
        Assert.False(session.TakeAnswerBinding("a"));
    }

    [Fact]
    public void Removing_an_expected_item_leaves_a_different_one_in_place()
    {
        var session = new ExchangeSession();
        var first = new Key();
        var replacement = new Key();
        session.Set(first);
        session.Set(replacement);

        Assert.False(session.Remove(first));
        Assert.Same(replacement, session.Get<Key>());
        Assert.True(session.Remove(replacement));
        Assert.Null(session.Get<Key>());
    }
}
