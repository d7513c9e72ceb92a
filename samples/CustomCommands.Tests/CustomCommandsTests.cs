using System.Text;
using GuestAgent.Commands;
using GuestAgent.Generated;
using GuestAgent.Hosting;
using GuestAgent.Protocol;

namespace CustomCommands.Tests;

/// <summary>How a team tests its commands: real request JSON through the generated registry.</summary>
public sealed class CustomCommandsTests
{
    private readonly NovaJsonParser _parser;

    public CustomCommandsTests()
    {
        var services = new ServiceMap().Add<TimeProvider>(new FixedClock(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero)));
        _parser = new NovaJsonParser(new CustomCommandsCommandRegistry(services), services);
    }

    private async Task<string> SendAsync(string request)
    {
        var response = await _parser.ParseRequestAsync(
            new AgentRequest("test", Encoding.UTF8.GetBytes(request), new ExchangeSession()),
            TestContext.Current.CancellationToken);
        return response.ToJson();
    }

    [Fact]
    public async Task Legacy_string_command_gets_the_value()
    {
        Assert.Equal("""{"returncode":"0","message":"HELLO"}""", await SendAsync("""{"name":"sample.shout","value":"hello"}"""));
    }

    [Fact]
    public async Task Typed_command_reads_its_complex_argument_through_the_json_context()
    {
        var json = await SendAsync("""{"name":"sample.user.plan","value":{"user":{"name":"ada","groups":["wheel","adm"]},"dryRun":false}}""");

        Assert.Equal(
            """{"returncode":"0","message":"{'name':'ada','dryRun':false,'steps':['useradd --create-home --shell /bin/bash ada','usermod --append --groups wheel ada','usermod --append --groups adm ada'],'plannedAt':'2026-11-28T12:00:00+00:00'}"}""",
            json);
    }

    [Fact]
    public async Task Typed_command_reports_a_missing_argument_by_name()
    {
        Assert.Equal(
            """{"returncode":"500","message":"Command 'sample.user.plan' requires property 'user' (the value is an object with property 'user'; send {'user': {...}})"}""",
            await SendAsync("""{"name":"sample.user.plan","value":{"dryRun":true}}"""));
    }

    [Fact]
    public async Task Command_exceptions_answer_with_their_message()
    {
        Assert.Equal(
            """{"returncode":"500","message":"Invalid user name 'ada lovelace'"}""",
            await SendAsync("""{"name":"sample.user.plan","value":{"user":{"name":"ada lovelace"}}}"""));
    }

    [Fact]
    public async Task Async_command_answers_when_the_file_appears()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sample-{Guid.NewGuid():N}");
        var waiting = SendAsync($$$"""{"name":"sample.wait-for-file","value":{"path":"{{{path}}}","timeoutSeconds":30}}""");
        await File.WriteAllTextAsync(path, "here", TestContext.Current.CancellationToken);
        try
        {
            Assert.Equal($$"""{"returncode":"0","message":"{{path}} exists"}""", await waiting);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Async_command_stops_when_the_agent_shuts_down()
    {
        using var shutdown = new CancellationTokenSource();
        var request = new AgentRequest("test", """{"name":"sample.wait-for-file","value":{"path":"/nonexistent/never","timeoutSeconds":60}}"""u8.ToArray(), new ExchangeSession());
        var waiting = _parser.ParseRequestAsync(request, shutdown.Token).AsTask();
        await shutdown.CancelAsync();

        // Cancelled, not timed out ("did not appear within 60 s") nor failed for another reason.
        var response = await waiting;
        Assert.Equal("""{"returncode":"500","message":"Command 'sample.wait-for-file' was cancelled"}""", response.ToJson());
    }

    [Fact]
    public void Descriptors_carry_the_documentation_and_the_json_contract()
    {
        var plan = new CustomCommandsCommandRegistry().Commands.Single(c => c.Name == "sample.user.plan");

        Assert.Equal("Plans the creation of a user account and reports what would be done.", plan.Summary);
        Assert.Contains("\"user\"", plan.RequestSchema, StringComparison.Ordinal);
        Assert.Equal(["user", "dryRun"], plan.Parameters.Select(p => p.Name));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
