using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Generators.Tests.Infrastructure;
using GuestAgent.Hosting;
using GuestAgent.Protocol;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The QMP-style parser of docs/plugins.md ("Writing a parser"), compiled as written beside commands
/// the real generator registers, served end to end by <see cref="AgentHost"/> over an
/// <see cref="InMemoryExchange"/>: the exchange carries the parser's own wire, byte for byte. The
/// page's other two blocks are checked too: its call of <see cref="CommandExecutor"/> compiles and
/// runs as written, and its listing of <see cref="IParser"/> is the interface as declared.
/// </summary>
public sealed partial class PluginParserExecutionTests : IDisposable
{
    private const string Commands = """
        using System;
        using System.Linq;
        using GuestAgent.Commands;

        namespace Sample;

        public enum Colour { Red, Green }

        public static class Commands
        {
            [Command("add")]
            public static int Add(int a, int b = 1) => a + b;

            [Command("greet")]
            public static string Greet(string name = "world", int times = 1) => string.Join(" ", Enumerable.Repeat("hello " + name, times));

            [Command("echo")]
            public static string Echo(string value) => value;

            [Command("colour")]
            public static Colour Colour() => Sample.Colour.Green;

            [Command("noop")]
            public static void Noop() { }

            [Command("refuse")]
            public static string Refuse() => throw new CommandException("Not allowed", "403");

            [Command("crash")]
            public static string Crash() => throw new InvalidOperationException("secret detail");
        }
        """;

    // What `<ImplicitUsings>enable</ImplicitUsings>` gives the reader's project.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private readonly LoadedCommands _commands = LoadedCommands.Compile(Commands, ImplicitUsings, DocumentedParser(), DocumentedExecutorCall());

    public void Dispose() => _commands.Dispose();

    private IParser CreateParser() =>
        (IParser)Activator.CreateInstance(_commands.GetType("Contoso.Agent.QmpStyleParser"), [_commands.CreateRegistry(), null, null])!;

    [Fact]
    public async Task The_documented_parser_answers_in_its_own_wire_through_the_host()
    {
        (string Request, string Wire, string ReturnCode)[] cases =
        [
            ("""{"execute":"add","arguments":{"a":2},"id":7}""", """{"return":3,"id":7}""", "0"),
            ("""{"execute":"greet","arguments":{"name":"vm"},"id":"x"}""", """{"return":"hello vm","id":"x"}""", "0"),
            ("""{"execute":"greet"}""", """{"return":"hello world"}""", "0"),
            ("""{"execute":"g\u0072eet","id":{"n":[1]}}""", """{"return":"hello world","id":{"n":[1]}}""", "0"),
            ("""{"execute":"echo"}""", """{"return":""}""", "0"),
            ("""{"execute":"colour","id":1}""", """{"return":"Green","id":1}""", "0"),
            ("""{"execute":"noop"}""", """{"return":{}}""", "0"),
            ("""{"execute":"add","arguments":{"a":"two"},"id":2}""", """{"error":{"class":"InvalidParameter","desc":"Property 'a' of command 'add' must be an integer from -2147483648 to 2147483647"},"id":2}""", "500"),
            ("""{"execute":"nope"}""", """{"error":{"class":"CommandNotFound","desc":"No such agent command 'nope'"}}""", "404"),
            ("""{"execute":"refuse","id":3}""", """{"error":{"class":"GenericError","desc":"Not allowed"},"id":3}""", "403"),
            ("""{"execute":"crash"}""", """{"error":{"class":"InternalError","desc":"Command 'crash' failed with an internal error"}}""", "500"),
            ("""{"name":"add"}""", """{"error":{"class":"GenericError","desc":"Request is malformed"}}""", "500"),
            ("not json", """{"error":{"class":"GenericError","desc":"Request is malformed"}}""", "500"),
        ];
        await using var exchange = new InMemoryExchange();
        var host = new AgentHost().Register(exchange, CreateParser());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = host.RunAsync(stop.Token);

        foreach (var (request, wire, returnCode) in cases)
        {
            var response = await exchange.SendAsync(request, cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal(wire, Encoding.UTF8.GetString(response.ToUtf8Json()));
            Assert.Equal(returnCode, response.ReturnCode);
        }

        exchange.Complete();
        await running;
    }

    [Fact]
    public void The_documented_parser_has_its_own_failure_response()
    {
        var parser = CreateParser();

        var response = parser.CreateFailureResponse(new AgentRequest("1", null, new ExchangeSession()), new InvalidOperationException("secret detail"));

        Assert.Equal("""{"error":{"class":"InternalError","desc":"Internal error with request"}}""", response.ToJson());
    }

    [Fact]
    public void The_documented_parser_reads_the_command_name_for_the_hosts_log_never_its_arguments()
    {
        var parser = CreateParser();

        Assert.Equal("greet", parser.ReadCommandName(Request("""{"execute":"g\u0072eet","arguments":{"name":"s3cret"}}""")));
        // Nova's envelope names no command in this wire format, nor does a request that is not one.
        Assert.Null(parser.ReadCommandName(Request("""{"name":"add"}""")));
        Assert.Null(parser.ReadCommandName(Request("not json")));
        Assert.Null(parser.ReadCommandName(new AgentRequest("1", null, new ExchangeSession())));

        static AgentRequest Request(string json) => new("1", Encoding.UTF8.GetBytes(json), new ExchangeSession());
    }

    [Fact]
    public async Task The_documented_executor_call_runs_a_command_as_written()
    {
        var run = _commands.GetType("Contoso.Agent.DocumentedExecutorCall").GetMethod("RunAsync")!;
        var request = new AgentRequest("7", null, new ExchangeSession());

        var outcome = await (Task<CommandOutcome>)run.Invoke(null, [_commands.CreateRegistry(), null, null, "add"u8.ToArray(), (ReadOnlyMemory<byte>)"""{"a":2}"""u8.ToArray(), request, TestContext.Current.CancellationToken])!;

        Assert.Equal(CommandOutcomeKind.Succeeded, outcome.Kind);
        Assert.Equal("3", outcome.Message);
    }

    [Theory]
    [InlineData("{\"a\":2} junk", "add")]
    [InlineData("{\"a\":2} {\"a\":5}", "add")]
    [InlineData("{\"a\":2", "add")]
    [InlineData("", "add")]
    [InlineData(" \n ", "add")]
    // Refused before the command runs: one without parameters, one that would throw, an unknown name.
    [InlineData("", "noop")]
    [InlineData("\"\" junk", "crash")]
    [InlineData("\"\" junk", "nope")]
    public async Task The_executor_refuses_a_value_that_is_not_exactly_one_JSON_value_as_the_page_says(string value, string command)
    {
        var executor = new CommandExecutor(_commands.CreateRegistry());

        var outcome = await executor.ExecuteAsync(Encoding.UTF8.GetBytes(command), Encoding.UTF8.GetBytes(value), new AgentRequest("1", null, new ExchangeSession()), TestContext.Current.CancellationToken);

        Assert.Equal((CommandOutcomeKind.InvalidValue, "500", $"Command '{command}' received a value that is not valid JSON"), (outcome.Kind, outcome.ReturnCode, outcome.Message));
        Assert.True(BindingErrors.IsBindingError(outcome.Result));
    }

    [Theory]
    [InlineData(" {\"a\":2}\n", "add", "3")]
    [InlineData("\"\"", "noop", "")]
    [InlineData("\"\"", "greet", "hello world")]
    public async Task The_executor_runs_one_JSON_value_with_white_space_around_it(string value, string command, string message)
    {
        var executor = new CommandExecutor(_commands.CreateRegistry());

        var outcome = await executor.ExecuteAsync(Encoding.UTF8.GetBytes(command), Encoding.UTF8.GetBytes(value), new AgentRequest("1", null, new ExchangeSession()), TestContext.Current.CancellationToken);

        Assert.Equal((CommandOutcomeKind.Succeeded, message), (outcome.Kind, outcome.Message));
    }

    [Fact]
    public void The_documented_interface_lists_IParser_as_declared()
    {
        var listing = Assert.Single(DocumentBlocks(), block => block.Contains("public interface IParser", StringComparison.Ordinal));
        var declared = File.ReadAllLines(Path.Combine(Root(), "src", "Agent", "Protocol", "IParser.cs")).Select(line => line.Trim()).ToList();

        // Each member as the page shows it, a declaration that compiles: a default body is said in a
        // comment above it, and follows "=>" on the declaring line.
        var members = listing.Split('\n').Select(line => line.Trim()).Where(line => line.Contains('(', StringComparison.Ordinal)).ToList();

        Assert.Equal(3, members.Count);
        Assert.All(members, member => Assert.Contains(declared, line => line == member || line.StartsWith(member.TrimEnd(';') + " =>", StringComparison.Ordinal)));
    }

    /// <summary>The C# block of docs/plugins.md that declares the example parser.</summary>
    private static string DocumentedParser() =>
        Assert.Single(DocumentBlocks(), block => block.Contains("class QmpStyleParser", StringComparison.Ordinal));

    /// <summary>The page's two lines that run a command through the executor, in a method that gives them their variables.</summary>
    private static string DocumentedExecutorCall() =>
        $$"""
        using GuestAgent.Commands;
        using GuestAgent.Protocol;
        using Microsoft.Extensions.Logging;

        namespace Contoso.Agent;

        public static class DocumentedExecutorCall
        {
            public static async Task<CommandOutcome> RunAsync(ICommandRegistry registry, IServiceProvider? services, ILogger? logger, byte[] utf8Name, ReadOnlyMemory<byte> value, AgentRequest request, CancellationToken cancellationToken)
            {
                {{Assert.Single(DocumentBlocks(), block => block.Contains("new CommandExecutor(", StringComparison.Ordinal) && !block.Contains("class ", StringComparison.Ordinal))}}
                return outcome;
            }
        }
        """;

    private static IEnumerable<string> DocumentBlocks() =>
        CSharpBlock().Matches(File.ReadAllText(Path.Combine(Root(), "docs", "plugins.md"))).Select(match => match.Groups[1].Value);

    private static string Root([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
