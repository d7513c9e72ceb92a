using System.Text;
using GuestAgent.Commands;
using GuestAgent.Protocol;
using GuestAgent.Tests.Protocol;

namespace GuestAgent.Tests.Commands;

public sealed class CommandExceptionTests
{
    [Fact]
    public void Without_a_message_it_answers_a_clear_default_not_dotnets_text()
    {
        Assert.Equal(new CommandResult("500", "The command failed"), new CommandException(null!).ToResult());
        Assert.Equal(new CommandResult("404", "The command failed"), new CommandException(null!, "404").ToResult());
        Assert.Equal(new CommandResult("500", "The command failed"), new CommandException(null!, new IOException("inner")).ToResult());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n")]
    public void A_blank_message_is_no_message(string message)
    {
        // The host would read an empty answer, and the log's "answered '500': " would end there.
        Assert.Equal(new CommandResult("500", "The command failed"), new CommandException(message).ToResult());
        Assert.Equal(new CommandResult("404", "The command failed"), new CommandException(message, "404").ToResult());
        Assert.Equal(new CommandResult("500", "The command failed"), new CommandException(message, new IOException("inner")).ToResult());
    }

    [Fact]
    public void Without_a_return_code_it_answers_500()
    {
        Assert.Equal(new CommandResult("500", "Not now"), new CommandException("Not now", (string)null!).ToResult());
        Assert.Equal(new CommandResult("500", "Not now"), new CommandException("Not now", "").ToResult());
    }

    [Fact]
    public async Task The_host_reads_the_default_message()
    {
        var parser = new NovaJsonParser(new FakeRegistry().Add("refuse", static (_, _) => throw new CommandException(null!)));

        var response = await parser.ParseRequestAsync(new AgentRequest("1", Encoding.UTF8.GetBytes("""{"name":"refuse"}"""), new ExchangeSession()), CancellationToken.None);

        Assert.Equal("""{"returncode":"500","message":"The command failed"}""", response.ToJson());
    }
}
