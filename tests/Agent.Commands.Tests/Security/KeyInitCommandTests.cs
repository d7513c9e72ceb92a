using System.Text.Json;
using GuestAgent.Commands.Security;
using GuestAgent.Commands.Tests.Support;

namespace GuestAgent.Commands.Tests.Security;

public sealed class KeyInitCommandTests
{
    [Theory]
    [InlineData("\"72934389420761065950890858028106\"")]
    [InlineData("72934389420761065950890858028106")]
    [InlineData("\" 72934389420761065950890858028106\\n\"")]
    public void Answers_D0_with_the_agents_public_key_for_a_string_or_number(string json)
    {
        using var root = new CommandRoot();

        var context = root.Context("keyinit");
        var result = KeyInitCommand.KeyInitWith(Json(json), context, NovaDiffieHellmanTests.GuestPrivate);

        Assert.Equal(new CommandResult("D0", NovaDiffieHellmanTests.GuestPublic), result);
        Assert.Equal(NovaDiffieHellmanTests.SharedSecret, System.Text.Encoding.ASCII.GetString(root.Session.Get<NovaSessionKey>()!.SharedSecret));

        // The answer stands for the private key kept in the session: never replayed by a restarted agent.
        Assert.True(root.Session.TakeAnswerBinding(context.RequestId));
        Assert.False(root.Session.TakeAnswerBinding(context.RequestId));
    }

    [Fact]
    public void A_fresh_private_key_is_used_for_every_keyinit()
    {
        using var root = new CommandRoot();

        var first = KeyInitCommand.KeyInit(Json("\"72934389420761065950890858028106\""), root.Context("keyinit"));
        var second = KeyInitCommand.KeyInit(Json("\"72934389420761065950890858028106\""), root.Context("keyinit"));

        Assert.Equal("D0", first.ReturnCode);
        Assert.Matches("^[0-9]+$", first.Message);
        Assert.NotEqual(first.Message, second.Message);
    }

    [Theory]
    [InlineData("\"0\"", "must lie in [2, p-2]")]
    [InlineData("\"1\"", "must lie in [2, p-2]")]
    [InlineData("\"162259276829213363391578010288126\"", "must lie in [2, p-2]")]
    [InlineData("162259276829213363391578010288127", "must lie in [2, p-2]")]
    [InlineData("\"abc\"", "expected the host's public key as a decimal integer")]
    [InlineData("\"\"", "expected the host's public key as a decimal integer")]
    [InlineData("-7", "expected the host's public key as a decimal integer")]
    [InlineData("1.5", "expected the host's public key as a decimal integer")]
    [InlineData("{\"key\":\"5\"}", "expected the host's public key as a decimal integer")]
    [InlineData("null", "expected the host's public key as a decimal integer")]
    public void Invalid_peer_keys_answer_500_and_leave_no_key(string json, string message)
    {
        using var root = new CommandRoot();
        KeyInitCommand.KeyInit(Json("\"72934389420761065950890858028106\""), root.Context("keyinit"));
        var previous = root.Session.Get<NovaSessionKey>()!;

        var error = Assert.Throws<CommandException>(() => KeyInitCommand.KeyInit(Json(json), root.Context("keyinit")));

        Assert.Equal("500", error.ReturnCode);
        Assert.EndsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Null(root.Session.Get<NovaSessionKey>());
        Assert.All(previous.SharedSecret, b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_new_keyinit_replaces_and_zeroes_the_previous_key()
    {
        using var root = new CommandRoot();
        KeyInitCommand.KeyInit(Json("\"72934389420761065950890858028106\""), root.Context("keyinit"));
        var previous = root.Session.Get<NovaSessionKey>()!;

        KeyInitCommand.KeyInit(Json("\"72934389420761065950890858028106\""), root.Context("keyinit"));

        Assert.NotSame(previous, root.Session.Get<NovaSessionKey>());
        Assert.All(previous.SharedSecret, b => Assert.Equal(0, b));
    }

    internal static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
