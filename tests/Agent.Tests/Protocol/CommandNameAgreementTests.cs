using System.Text;
using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Protocol;

namespace GuestAgent.Tests.Protocol;

/// <summary>
/// <see cref="NovaRequestReader.TryReadCommandName"/> (what the daemon's start-up readiness reads)
/// names exactly the command <see cref="NovaJsonParser"/> dispatches, for every request shape the
/// host can write: the same bytes through both paths.
/// </summary>
public sealed class CommandNameAgreementTests
{
    public static TheoryData<string, string?> Requests => new()
    {
        { """{"name":"resetnetwork","value":""}""", "resetnetwork" },
        { """ {"value" : "" , "name" : "resetnetwork"} """, "resetnetwork" },
        { """{"name":"resetnetwork"}""", "resetnetwork" },
        { """{"value":"","name":"reset\u006eetwork"}""", "resetnetwork" },
        // Duplicate names: the last one wins, in both.
        { """{"name":"resetnetwork","name":"version"}""", "version" },
        { """{"name":"version","value":{"name":"x"},"name":"resetnetwork"}""", "resetnetwork" },
        // A name inside the value is not the request's name.
        { """{"value":{"name":"resetnetwork"},"name":"version"}""", "version" },
        // Escapes that encode no text: looked up as written.
        { """{"name":"\ud800","value":""}""", "\\ud800" },
        // A key whose escapes encode no text is a key of its own, as json.loads reads it: neither name nor value.
        { """{"\ud800":1,"name":"resetnetwork","value":""}""", "resetnetwork" },
        { """{"name":"resetnetwork","v\udc00alue":""}""", "resetnetwork" },
        { """{"n\udc00ame":"resetnetwork","value":""}""", null },
        // Malformed (trailing garbage, truncated, not an object), no name, a name that is not a string.
        { """{"name":"resetnetwork","value":""} x""", null },
        { """{"name":"resetnetwork","value":""}{}""", null },
        { "{\"name\":\"resetnetwork\",\"value\":\"", null },
        { """["resetnetwork"]""", null },
        { """not json""", null },
        { "", null },
        { """{"value":"resetnetwork"}""", null },
        { """{"name":1}""", null },
        { """{"name":null,"value":""}""", null },
        { """{"name":["resetnetwork"]}""", null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task The_reader_names_the_command_the_parser_dispatches(string request, string? expected)
    {
        var data = Encoding.UTF8.GetBytes(request);
        var registry = new NameRecordingRegistry();
        await new NovaJsonParser(registry).ExecuteAsync(new AgentRequest("1", data, new ExchangeSession()), TestContext.Current.CancellationToken);

        var read = NovaRequestReader.TryReadCommandName(data, out var name) ? Encoding.UTF8.GetString(name) : null;

        Assert.Equal(expected, registry.Dispatched);
        Assert.Equal(registry.Dispatched, read);
        Assert.Equal(expected == "resetnetwork", NovaRequestReader.IsCommand(data, "resetnetwork"u8));
    }

    /// <summary>Knows no command; remembers the name it was asked to dispatch.</summary>
    private sealed class NameRecordingRegistry : ICommandRegistry
    {
        public string? Dispatched { get; private set; }

        public IReadOnlyList<CommandDescriptor> Commands => [];

        public bool TryDispatch(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, in CommandInvocation invocation, out ValueTask<CommandResult> result)
        {
            Assert.Null(Dispatched);
            Dispatched = Encoding.UTF8.GetString(utf8Name);
            result = default;
            return false;
        }
    }
}
