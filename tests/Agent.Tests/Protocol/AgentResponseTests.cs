using GuestAgent.Commands;
using GuestAgent.Protocol;

namespace GuestAgent.Tests.Protocol;

/// <summary>What <see cref="AgentResponse"/> makes of a command's result and of a parser's own rendering.</summary>
public sealed class AgentResponseTests
{
    [Fact]
    public void A_result_with_an_empty_return_code_is_answered_as_no_result()
    {
        var response = AgentResponse.From(new CommandResult("", "half done"));

        Assert.Equal("500", response.ReturnCode);
        Assert.Equal("""{"returncode":"500","message":"The command returned no result"}""", response.ToJson());
    }

    [Fact]
    public void A_pre_rendered_answer_needs_a_return_code_and_a_message_for_the_logs()
    {
        var message = Assert.Throws<ArgumentNullException>(() => AgentResponse.FromWire("{}"u8.ToArray(), "0", null!));
        var returnCode = Assert.Throws<ArgumentNullException>(() => AgentResponse.FromWire("{}"u8.ToArray(), null!, ""));

        Assert.Equal("message", message.ParamName);
        Assert.Equal("returnCode", returnCode.ParamName);
    }
}
