using System.Text;
using GuestAgent.Commands;
using GuestAgent.Protocol;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Protocol;

/// <summary>
/// How deep a request may nest (docs/commands.md, "Request depth"): 64 levels, the request object
/// counted, whatever member holds the nesting and whether the command reads its value; deeper is
/// refused with its reason, without recursion (a million levels), and the parser goes on serving.
/// </summary>
public sealed class RequestDepthTests
{
    private static readonly FakeRegistry Registry = new FakeRegistry()
        .Add("ignores", static (_, _) => new(CommandResult.Ok("served")));

    private static async Task<string> RespondAsync(NovaJsonParser parser, string request)
    {
        var response = await parser.ParseRequestAsync(new AgentRequest("id", Encoding.UTF8.GetBytes(request), new ExchangeSession()), CancellationToken.None);
        return response.ToJson();
    }

    /// <summary>A value of <paramref name="levels"/> nested containers; in a request, one level more.</summary>
    private static string Arrays(int levels) => new string('[', levels) + new string(']', levels);

    private static string Objects(int levels) => string.Concat(Enumerable.Repeat("{\"a\":", levels - 1)) + "{}" + new string('}', levels - 1);

    private static string Mixed(int levels) =>
        string.Concat(Enumerable.Range(0, levels - 1).Select(i => i % 2 == 0 ? "[1, " : "{\"k\": \"v\", \"a\": ")) + "{}" +
        string.Concat(Enumerable.Range(0, levels - 1).Reverse().Select(i => i % 2 == 0 ? "]" : "}"));

    public static TheoryData<string> Shapes() => ["arrays", "objects", "mixed"];

    private static string Value(string shape, int levels) => shape switch
    {
        "arrays" => Arrays(levels),
        "objects" => Objects(levels),
        _ => Mixed(levels),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Sixty_four_levels_are_served_and_sixty_five_refused_with_the_reason_wherever_the_nesting_is(string shape)
    {
        var parser = new NovaJsonParser(Registry);
        Assert.Equal(64, NovaRequestReader.MaxDepth);
        Assert.Contains($"deeper than {NovaRequestReader.MaxDepth} levels", ProtocolMessages.TooDeep, StringComparison.Ordinal);
        const string Refused = """{"returncode":"500","message":"Request is malformed: it nests objects and arrays deeper than 64 levels"}""";

        foreach (var request in (Func<string, string>[])
        [
            value => $$"""{"name":"ignores","value":{{value}}}""",
            value => $$"""{"value":{{value}},"name":"ignores"}""",
            value => $$"""{"name":"ignores","other":{{value}},"value":""}""",
            value => $$""" { "name" : "ignores" , "value" : {{value}} } """,
        ])
        {
            Assert.Equal("""{"returncode":"0","message":"served"}""", await RespondAsync(parser, request(Value(shape, 63))));
            Assert.Equal(Refused, await RespondAsync(parser, request(Value(shape, 64))));
        }

        // In the name, which then names no command, or refused first.
        Assert.DoesNotContain("deeper", await RespondAsync(parser, $$"""{"name":{{Arrays(63)}}}"""), StringComparison.Ordinal);
        Assert.Equal(Refused, await RespondAsync(parser, $$"""{"name":{{Value(shape, 64)}}}"""));
    }

    [Fact]
    public async Task A_million_levels_are_refused_without_recursion_and_the_next_request_is_served()
    {
        var parser = new NovaJsonParser(Registry);
        var deep = new string('[', 1_000_000);

        Assert.Equal(
            """{"returncode":"500","message":"Request is malformed: it nests objects and arrays deeper than 64 levels"}""",
            await RespondAsync(parser, $$"""{"name":"ignores","value":{{deep}}"""));
        Assert.Equal(
            """{"returncode":"500","message":"Request is malformed: it nests objects and arrays deeper than 64 levels"}""",
            await RespondAsync(parser, $$"""{"name":"ignores","value":{{deep}}{{new string(']', 1_000_000)}}}"""));
        Assert.Equal("""{"returncode":"0","message":"served"}""", await RespondAsync(parser, """{"name":"ignores","value":""}"""));
    }

    [Theory]
    [InlineData("""{"name":"ignores","value":[[[[1}""")]
    [InlineData("""{"name":"ignores","value":[[[[]]]""")]
    [InlineData("""{"name":"ignores","value":[[[[]]]]}x""")]
    public async Task Shallow_broken_json_is_still_only_malformed(string request) =>
        Assert.Equal("""{"returncode":"500","message":"Request is malformed"}""", await RespondAsync(new NovaJsonParser(Registry), request));
}
