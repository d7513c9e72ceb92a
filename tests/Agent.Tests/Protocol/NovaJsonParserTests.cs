using System.Text;
using GuestAgent.Commands;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Protocol;

public sealed class NovaJsonParserTests
{
    private static readonly FakeRegistry Registry = new FakeRegistry()
        .Add("echo", static (value, _) => new(CommandResult.Ok(Encoding.UTF8.GetString(value.Span))))
        .Add("fail", static (_, _) => throw new InvalidOperationException("secret detail"))
        // What a generated registry writes for a constructor argument no service supplies.
        .Add("unserviced", static (_, _) => throw new InvalidOperationException(BindingErrors.MissingService("Contoso.NeedsService", "Contoso.INotRegistered")))
        .Add("refuse", static (_, _) => throw new CommandException("Invalid arguments"))
        .Add("decline", static (_, _) => new(CommandResult.Error("Not today", "404")))
        .Add("slow", static async (_, _) =>
        {
            await Task.Yield();
            throw new CommandException("Not here", "404");
        })
        .Add("nothing", static (_, _) => new(default(CommandResult)))
        .Add("nothing-later", static async (_, _) =>
        {
            await Task.Yield();
            return default;
        })
        .Add("no-code", static (_, _) => new(new CommandResult(null!, "text")))
        .Add("empty-code", static (_, _) => new(new CommandResult("", "text")))
        .Add("no-message", static (_, _) => new(new CommandResult("0", null!)))
        .Add("own-timeout", static async (_, _) =>
        {
            // A command's own timeout (an HTTP client's, say): a failure, not a shutdown.
            using var expired = new CancellationTokenSource();
            await expired.CancelAsync();
            await Task.Delay(Timeout.Infinite, expired.Token);
            return CommandResult.Ok();
        });

    private static async Task<string> RespondAsync(string? request)
    {
        var parser = new NovaJsonParser(Registry);
        var data = request is null ? (ReadOnlyMemory<byte>?)null : Encoding.UTF8.GetBytes(request);
        var response = await parser.ParseRequestAsync(new AgentRequest("id", data, new ExchangeSession()), CancellationToken.None);
        return response.ToJson();
    }

    [Fact]
    public async Task A_failure_logs_the_exception_type_and_only_at_debug_level_its_details()
    {
        var detailed = new RecordingLogger<NovaJsonParser>(LogLevel.Debug);
        var usual = new RecordingLogger<NovaJsonParser>(LogLevel.Information);
        foreach (var logger in new[] { detailed, usual })
        {
            var parser = new NovaJsonParser(Registry, logger: logger);
            await parser.ParseRequestAsync(new AgentRequest("7", Encoding.UTF8.GetBytes("""{"name":"fail","value":""}"""), new ExchangeSession()), CancellationToken.None);
        }

        var error = Assert.Single(usual.Entries, entry => entry.Level == LogLevel.Error);
        Assert.Equal("Request 7: command 'fail' failed with System.InvalidOperationException", error.Message);
        Assert.DoesNotContain(usual.Entries, entry => entry.Exception is not null || entry.Message.Contains("secret detail", StringComparison.Ordinal));

        var details = Assert.Single(detailed.Entries, entry => entry.Level == LogLevel.Debug && entry.Exception is not null);
        Assert.Equal("secret detail", details.Exception!.Message);
        Assert.Equal("Request 7: command 'fail' failure details", details.Message);
    }

    [Theory]
    [InlineData(LogLevel.Error)]
    [InlineData(LogLevel.Information)]
    public async Task A_missing_service_is_logged_at_error_level_with_its_type_names(LogLevel level)
    {
        var logger = new RecordingLogger<NovaJsonParser>(level);
        var parser = new NovaJsonParser(Registry, logger: logger);

        var response = await parser.ParseRequestAsync(new AgentRequest("7", Encoding.UTF8.GetBytes("""{"name":"unserviced"}"""), new ExchangeSession()), CancellationToken.None);

        // The same answer as any failure; the operator's log names what to register.
        Assert.Equal("""{"returncode":"500","message":"Command 'unserviced' failed with an internal error"}""", response.ToJson());
        var error = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Error);
        Assert.Equal("Request 7: command 'unserviced' cannot run: Command class 'Contoso.NeedsService' needs the service 'Contoso.INotRegistered', which is not registered", error.Message);
        Assert.Null(error.Exception);
    }

    [Fact]
    public void A_missing_service_is_its_own_exception_type_naming_both_types()
    {
        var exception = Assert.Throws<MissingServiceException>(() => BindingErrors.MissingService("Contoso.NeedsService", "Contoso.INotRegistered"));

        Assert.IsAssignableFrom<InvalidOperationException>(exception);
        Assert.Equal("Contoso.NeedsService", exception.CommandClass);
        Assert.Equal("Contoso.INotRegistered", exception.Service);
    }

    [Theory]
    [InlineData("refuse", LogLevel.Warning)]
    [InlineData("refuse", LogLevel.Information)]
    [InlineData("slow", LogLevel.Warning)]
    [InlineData("decline", LogLevel.Warning)]
    [InlineData("decline", LogLevel.Information)]
    public async Task An_error_answer_is_logged_as_a_warning_with_its_text(string command, LogLevel level)
    {
        var logger = new RecordingLogger<NovaJsonParser>(level);
        var parser = new NovaJsonParser(Registry, logger: logger);

        var response = await parser.ParseRequestAsync(new AgentRequest("9", Encoding.UTF8.GetBytes($$"""{"name":"{{command}}","value":""}"""), new ExchangeSession()), CancellationToken.None);

        var warning = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning);
        Assert.Equal($"Request 9: command '{command}' answered '{response.ReturnCode}': {response.Message}", warning.Message);
    }

    [Fact]
    public async Task The_request_is_logged_as_received_before_its_command_runs()
    {
        var logger = new RecordingLogger<NovaJsonParser>(LogLevel.Information);
        var loggedWhileRunning = new List<string>();
        var registry = new FakeRegistry().Add("block", (_, _) =>
        {
            // What was logged while the command holds the request (one that blocks shows up in the log).
            loggedWhileRunning.AddRange(logger.Entries.Select(entry => entry.Message));
            return new(CommandResult.Ok());
        });
        var parser = new NovaJsonParser(registry, logger: logger);

        await parser.ParseRequestAsync(new AgentRequest("4", Encoding.UTF8.GetBytes("""{"name":"block","value":"abc"}"""), new ExchangeSession()), CancellationToken.None);

        Assert.Equal(["Request 4: command 'block' received (5 bytes of value)"], loggedWhileRunning);
        Assert.Single(logger.Entries, entry => entry.Message.Contains("received", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"name":"nope","value":""}""", "nope")]
    [InlineData("""{"name":null,"value":""}""", "null")]
    [InlineData("""{"value":"","name":17}""", "17")]
    [InlineData("""{ "name": [ "ping" ], "value": "" }""", """[ "ping" ]""")]
    public async Task Every_unknown_command_is_logged_as_received_first_a_name_that_is_not_a_string_as_its_JSON_text(string request, string name)
    {
        // A name that is not a string dispatches nothing, and was answered and logged as unknown
        // without the "received" line every other request gets; it is quoted as it was sent, as the
        // "unknown" line and the answer quote it.
        var logger = new RecordingLogger<NovaJsonParser>(LogLevel.Information);
        var parser = new NovaJsonParser(Registry, logger: logger);

        var response = await parser.ParseRequestAsync(new AgentRequest("6", Encoding.UTF8.GetBytes(request), new ExchangeSession()), CancellationToken.None);

        Assert.Equal(
            [$"Request 6: command '{name}' received (2 bytes of value)", $"Request 6: unknown command '{name}'"],
            logger.Entries.Select(entry => entry.Message));
        // The protocol's error form, its double quotes made single and no JSON escape on the wire.
        var json = response.ToJson();
        Assert.Equal($$"""{"returncode":"404","message":"No such agent command '{{name.Replace('"', '\'')}}'"}""", json);
        Assert.DoesNotContain('\\', json);
    }

    [Theory]
    [InlineData(null, "Request 5: rejected: the exchange handed over no data")]
    [InlineData("not json", "Request 5: rejected: Request is malformed")]
    public async Task A_request_refused_before_any_command_runs_is_logged_as_rejected(string? request, string line)
    {
        var logger = new RecordingLogger<NovaJsonParser>(LogLevel.Warning);
        var parser = new NovaJsonParser(Registry, logger: logger);

        await parser.ParseRequestAsync(new AgentRequest("5", request is null ? (ReadOnlyMemory<byte>?)null : Encoding.UTF8.GetBytes(request), new ExchangeSession()), CancellationToken.None);

        // Else a custom exchange handing over requests without data would get "500" answers with nothing in the log.
        Assert.Equal(line, Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning).Message);
    }

    [Fact]
    public async Task A_success_is_not_logged_at_warning_level()
    {
        var logger = new RecordingLogger<NovaJsonParser>(LogLevel.Warning);
        var parser = new NovaJsonParser(Registry, logger: logger);

        await parser.ParseRequestAsync(new AgentRequest("9", Encoding.UTF8.GetBytes("""{"name":"echo","value":"x"}"""), new ExchangeSession()), CancellationToken.None);

        Assert.Empty(logger.Entries);
    }

    [Theory]
    [InlineData(null, """{"returncode":"500","message":"Internal error with request"}""")]
    [InlineData("", """{"returncode":"500","message":"Request is malformed"}""")]
    [InlineData("not json", """{"returncode":"500","message":"Request is malformed"}""")]
    [InlineData("""{"name":"echo"} trailing""", """{"returncode":"500","message":"Request is malformed"}""")]
    [InlineData("""["name","echo"]""", """{"returncode":"500","message":"Request is malformed"}""")]
    [InlineData("""{"value":"x"}""", """{"returncode":"500","message":"Request is missing 'name' key"}""")]
    [InlineData("""{"name":"nope","value":""}""", """{"returncode":"404","message":"No such agent command 'nope'"}""")]
    [InlineData("""{"name":"echo"}""", """{"returncode":"0","message":"''"}""")]
    [InlineData("""{"value":{"a":[1,2]},"name":"echo"}""", """{"returncode":"0","message":"{'a':[1,2]}"}""")]
    [InlineData("""{"name":"refuse","value":""}""", """{"returncode":"500","message":"Invalid arguments"}""")]
    [InlineData("""{"name":"slow","value":""}""", """{"returncode":"404","message":"Not here"}""")]
    [InlineData("""{"name":"fail","value":""}""", """{"returncode":"500","message":"Command 'fail' failed with an internal error"}""")]
    [InlineData("""{"name":"ech\u006f","value":1}""", """{"returncode":"0","message":"1"}""")]
    [InlineData("""{"name":"\ud800","value":""}""", """{"returncode":"404","message":"No such agent command '/ud800'"}""")]
    [InlineData("""{"name":"echo","\ud800":1,"value":3}""", """{"returncode":"0","message":"3"}""")]
    [InlineData("""{"\udc00":"echo","value":3}""", """{"returncode":"500","message":"Request is missing 'name' key"}""")]
    [InlineData("""{"name":17,"value":""}""", """{"returncode":"404","message":"No such agent command '17'"}""")]
    [InlineData("""{"name":["ping"],"value":""}""", """{"returncode":"404","message":"No such agent command '['ping']'"}""")]
    [InlineData("""{"name":"own-timeout","value":""}""", """{"returncode":"500","message":"Command 'own-timeout' failed with an internal error"}""")]
    [InlineData("""{"name":"nothing","value":""}""", """{"returncode":"500","message":"Command 'nothing' returned no result"}""")]
    [InlineData("""{"name":"nothing-later","value":""}""", """{"returncode":"500","message":"Command 'nothing-later' returned no result"}""")]
    [InlineData("""{"name":"no-code","value":""}""", """{"returncode":"500","message":"Command 'no-code' returned no result"}""")]
    [InlineData("""{"name":"empty-code","value":""}""", """{"returncode":"500","message":"Command 'empty-code' returned no result"}""")]
    [InlineData("""{"name":"no-message","value":""}""", """{"returncode":"0","message":""}""")]
    public async Task Answers_with_the_legacy_protocol_texts(string? request, string expected)
    {
        Assert.Equal(expected, await RespondAsync(request));
    }

    [Theory]
    [InlineData(LogLevel.None)]
    [InlineData(LogLevel.Warning)]
    [InlineData(LogLevel.Information)]
    public async Task A_command_that_returns_no_result_is_answered_and_logged_as_a_failure(LogLevel level)
    {
        var logger = new RecordingLogger<NovaJsonParser>(level);
        var parser = new NovaJsonParser(Registry, logger: logger);
        var request = new AgentRequest("5", Encoding.UTF8.GetBytes("""{"name":"nothing","value":""}"""), new ExchangeSession());

        // ExecuteAsync's own result is complete too, not only the response built from it.
        var result = await parser.ExecuteAsync(request, CancellationToken.None);

        Assert.Equal(new CommandResult("500", "Command 'nothing' returned no result"), result);
        if (level != LogLevel.None)
        {
            var error = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Error);
            Assert.StartsWith("Request 5: command 'nothing' returned no result", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_response_from_an_incomplete_result_still_has_a_wire_form()
    {
        Assert.Equal("""{"returncode":"500","message":"The command returned no result"}""", AgentResponse.From(default).ToJson());
        Assert.Equal("""{"returncode":"0","message":""}""", AgentResponse.From(new CommandResult("0", null!)).ToJson());
        Assert.Equal("""{"returncode":"404","message":""}""", new AgentResponse("404", null!).ToJson());
    }

    [Fact]
    public async Task Commands_find_the_registry_the_parser_serves_without_it_being_registered()
    {
        ICommandRegistry? found = null;
        ICommandRegistry? foundThroughProvider = null;
        var served = new FakeRegistry().Add("look", (_, context) =>
        {
            found = context.Services.GetService(typeof(ICommandRegistry)) as ICommandRegistry;
            var provider = (IServiceProvider)context.Services.GetService(typeof(IServiceProvider))!;
            foundThroughProvider = provider.GetService(typeof(ICommandRegistry)) as ICommandRegistry;
            return new(CommandResult.Ok());
        });
        var other = new FakeRegistry();
        var services = new GuestAgent.Hosting.ServiceMap().Add(TimeProvider.System);
        var withOther = new GuestAgent.Hosting.ServiceMap().Add<ICommandRegistry>(other);

        foreach (var given in new IServiceProvider?[] { null, services, withOther })
        {
            found = foundThroughProvider = null;
            var parser = new NovaJsonParser(served, given);
            await parser.ParseRequestAsync(new AgentRequest("1", Encoding.UTF8.GetBytes("""{"name":"look"}"""), new ExchangeSession()), CancellationToken.None);

            Assert.Same(served, found);
            Assert.Same(served, foundThroughProvider);
        }
    }

    [Fact]
    public async Task Responses_never_contain_escape_sequences()
    {
        var json = await RespondAsync("""{"name":"echo","value":"a\\b\"c\nd\u00e9\u0027+<>&"}""");
        Assert.Equal("""{"returncode":"0","message":"'a//b/'c/nd/u00e9/u0027+<>&'"}""", json);
        Assert.DoesNotContain('\\', json);
    }

    [Fact]
    public async Task Each_request_sees_its_own_context_and_the_session_of_its_exchange()
    {
        var seen = new List<CommandContext>();
        var registry = new FakeRegistry()
            .Add("a", (_, c) => { seen.Add(c); return new(CommandResult.Ok()); })
            .Add("b", async (_, c) => { await Task.Yield(); seen.Add(c); return CommandResult.Ok(); });
        var parser = new NovaJsonParser(registry);
        var session = new ExchangeSession();

        foreach (var (id, name) in new[] { ("1", "a"), ("2", "b"), ("3", "a") })
        {
            await parser.ParseRequestAsync(new AgentRequest(id, Encoding.UTF8.GetBytes($$"""{"name":"{{name}}"}"""), session), CancellationToken.None);
        }

        Assert.Equal([("1", "a"), ("2", "b"), ("3", "a")], seen.Select(c => (c.RequestId, c.CommandName)));
        Assert.All(seen, c => Assert.Same(session, c.Session));
    }

    [Theory]
    // A byte that starts no UTF-8 sequence, in the value and in the name; a cut sequence; a surrogate
    // encoded in UTF-8 (ED A0 80); an overlong slash (C0 AF). xenstore-write writes any of them from \xNN.
    [InlineData("{\"name\":\"echo\",\"value\":\"ag", new byte[] { 0xFF }, "ent\"}")]
    [InlineData("{\"name\":\"ec", new byte[] { 0xFF }, "ho\",\"value\":\"\"}")]
    [InlineData("{\"name\":\"echo\",\"value\":\"", new byte[] { 0xC3 }, "\"}")]
    [InlineData("{\"name\":\"echo\",\"value\":\"", new byte[] { 0xED, 0xA0, 0x80 }, "\"}")]
    [InlineData("{\"name\":\"echo\",\"value\":{\"path\":\"", new byte[] { 0xC0, 0xAF }, "\"}}")]
    public async Task A_request_that_is_not_UTF8_is_malformed_and_runs_no_command(string before, byte[] bad, string after)
    {
        var ran = 0;
        var registry = new FakeRegistry().Add("echo", (_, _) =>
        {
            ran++;
            return new(CommandResult.Ok());
        });
        byte[] request = [.. Encoding.ASCII.GetBytes(before), .. bad, .. Encoding.ASCII.GetBytes(after)];

        var response = await new NovaJsonParser(registry).ParseRequestAsync(new AgentRequest("id", request, new ExchangeSession()), CancellationToken.None);

        // As the original agent answers it (Python's json.loads refuses the bytes).
        Assert.Equal("""{"returncode":"500","message":"Request is malformed"}""", response.ToJson());
        Assert.Equal(0, ran);
        Assert.False(NovaRequestReader.TryReadCommandName(request, out _));
    }

    [Fact]
    public async Task UTF8_outside_ASCII_is_read_as_it_is()
    {
        var response = await RespondAsync("{\"name\":\"echo\",\"value\":\"caf\u00e9 \U0001F600\"}");

        Assert.Equal("""{"returncode":"0","message":"'caf? ??'"}""", response);
    }
}
