using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Protocol;
using static GuestAgent.Generators.Tests.Documentation.MarkdownExamples;

namespace GuestAgent.Generators.Tests.Documentation;

/// <summary>
/// The error texts docs/authoring-commands.md's "Binding errors" table quotes are the answers the
/// generated binder gives: each is asked for with a request that draws it, from the page's own
/// <c>hello</c> and the commands the table names (<c>password</c>, <c>create</c>, <c>user.plan</c>, <c>labels</c>).
/// </summary>
public sealed partial class BindingErrorTableTests
{
    private const string TableCommands = """
        [assembly: CommandJsonContext(typeof(TableJson))]

        public sealed record Spec(string Name);
        public sealed record UserSpec(string Name);
        public sealed record UserPlan(string Name, IReadOnlyList<string> Steps);

        public static class TableCommands
        {
            [Command("password")] public static string Password(string value) => value;
            [Command("create")] public static string Create(Spec spec) => spec.Name;
            [Command("user.plan")] public static UserPlan Plan(UserSpec user) => new(user.Name, []);
            [Command("labels")] public static int Labels(System.Text.Json.Nodes.JsonObject extra) => extra.Count;
        }

        // The strict options the page recommends ("Make inner members as strict as parameters").
        [JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false)]
        [JsonSerializable(typeof(Spec))]
        [JsonSerializable(typeof(UserSpec))]
        [JsonSerializable(typeof(UserPlan))]
        [JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
        internal partial class TableJson : JsonSerializerContext;
        """;

    [Fact]
    public async Task Every_message_the_table_quotes_is_answered_as_quoted()
    {
        var page = Read("docs", "authoring-commands.md");
        var table = Section(page, "### Binding errors").Split("\n\n")[2];
        // Whole messages only: not the elided "(…same hint…)" one nor a bare "(at …)" path.
        var quoted = Row().Matches(table).SelectMany(row => Code().Matches(row.Groups[1].Value))
            .Select(match => match.Groups[1].Value)
            .Where(text => (text.StartsWith("Command '", StringComparison.Ordinal) || text.StartsWith("Property '", StringComparison.Ordinal)) && !text.Contains('…', StringComparison.Ordinal))
            .ToList();
        Assert.Equal(13, quoted.Count);
        // The page's first example, with the implicit using it relies on (Enumerable).
        var hello = "using System.Linq;\n" + CSharpBlocks(page)[0];
        using var commands = LoadedCommands.Compile(hello, MarkdownExamples.Usings + TableCommands);

        var answers = new List<string>();
        foreach (var request in (string[])[
            """{"name":"password","value":5}""",
            """{"name":"hello","value":"x"}""",
            """{"name":"hello","value":{}}""",
            """{"name":"hello","value":{"name":"a","color":"red"}}""",
            """{"name":"hello","value":{"name":"a","name":"b"}}""",
            """{"name":"hello","value":{"name":"a","Name":"b"}}""",
            """{"name":"hello","value":{"Name":"a"}}""",
            """{"name":"create","value":{"name":"a"}}""",
            """{"name":"hello","value":{"name":"a","times":"two"}}""",
            """{"name":"user.plan","value":{"user":{"name":5}}}""",
            """{"name":"password","value":"\ud800"}""",
            """{"name":"labels","value":{"extra":{"a":1,"a":2}}}"""])
        {
            using var response = JsonDocument.Parse(await commands.SendAsync(request));
            Assert.Equal("500", response.RootElement.GetProperty("returncode").GetString());
            answers.Add(response.RootElement.GetProperty("message").GetString()!);
        }

        // "only from parsers other than the legacy one": a value that is not JSON, through CommandExecutor.
        var outcome = await new CommandExecutor(commands.CreateRegistry()).ExecuteAsync(
            "hello"u8, Encoding.UTF8.GetBytes("{\"name\":"), new AgentRequest("1", "{}"u8.ToArray(), new ExchangeSession()), TestContext.Current.CancellationToken);
        answers.Add(outcome.Message);

        Assert.All(quoted, text => Assert.Contains(text, answers));
    }

    /// <summary>A row of the table: its last cell.</summary>
    [GeneratedRegex(@"^\|[^\n]*\|\s*([^|\n]*)\|\s*$", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
