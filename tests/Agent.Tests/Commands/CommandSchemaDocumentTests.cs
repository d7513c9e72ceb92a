using System.Text.Json;
using GuestAgent.Commands;

namespace GuestAgent.Tests.Commands;

public sealed class CommandSchemaDocumentTests
{
    private sealed class OneCommand : ICommandRegistry
    {
        public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [
            new("hello", "Says \"hello\".", "Sample.Greeting.Hello(string, int)",
                [
                    new("name", "string", true, null),
                    new("times", "int", false, "1"),
                    new("legacy", "string", false, "not json"),
                ],
                """{"type":"object","properties":{"name":{"type":"string"},"times":{"type":"integer"}},"required":["name"]}""",
                """{"type":"string"}"""),
        ];

        public bool TryDispatch(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, in CommandInvocation invocation, out ValueTask<CommandResult> result)
        {
            result = default;
            return false;
        }
    }

    [Fact]
    public void Writes_the_document_indented_with_the_given_header_and_each_descriptor()
    {
        var document = CommandSchemaDocument.Write(new OneCommand(), "contoso-agent", "1.2.3", "line-delimited QMP: {\"execute\",\"arguments\"} → {\"return\"} or {\"error\"}");

        Assert.Equal(
            """
            {
              "agent": "contoso-agent",
              "version": "1.2.3",
              "protocol": "line-delimited QMP: {\"execute\",\"arguments\"} → {\"return\"} or {\"error\"}",
              "commands": [
                {
                  "name": "hello",
                  "summary": "Says \"hello\".",
                  "method": "Sample.Greeting.Hello(string, int)",
                  "parameters": [
                    {
                      "name": "name",
                      "type": "string",
                      "required": true
                    },
                    {
                      "name": "times",
                      "type": "int",
                      "required": false,
                      "default": 1
                    },
                    {
                      "name": "legacy",
                      "type": "string",
                      "required": false,
                      "default": "not json"
                    }
                  ],
                  "request": {
                    "type": "object",
                    "properties": {
                      "name": {
                        "type": "string"
                      },
                      "times": {
                        "type": "integer"
                      }
                    },
                    "required": [
                      "name"
                    ]
                  },
                  "result": {
                    "type": "string"
                  }
                }
              ]
            }
            """.ReplaceLineEndings("\n"),
            document);
    }

    [Fact]
    public void The_nova_protocol_line_is_the_daemon_s()
    {
        using var document = JsonDocument.Parse(CommandSchemaDocument.Write(new OneCommand(), "a", "1", CommandSchemaDocument.NovaProtocol));

        Assert.Equal("""OpenStack Nova XenAPI agent protocol: request {"name","value"}, response {"returncode","message"}""", document.RootElement.GetProperty("protocol").GetString());
    }

    [Fact]
    public void A_schema_that_is_not_json_fails_instead_of_writing_an_invalid_document()
    {
        var registry = new FilteredCommandRegistry(new BrokenSchema(), ["broken"]);

        Assert.ThrowsAny<JsonException>(() => CommandSchemaDocument.Write(registry, "a", "1", "p"));
    }

    [Fact]
    public void Commands_come_in_the_registry_s_order()
    {
        using var document = JsonDocument.Parse(CommandSchemaDocument.Write(new TwoCommands(), "a", "1", "p"));

        Assert.Equal(["zeta", "alpha"], document.RootElement.GetProperty("commands").EnumerateArray().Select(command => command.GetProperty("name").GetString()));
    }

    [Fact]
    public void A_registry_without_commands_gives_a_short_document_and_nothing_after_it()
    {
        var document = CommandSchemaDocument.Write(new FilteredCommandRegistry(new TwoCommands(), []), "a", "1", "p");

        Assert.Equal(
            """
            {
              "agent": "a",
              "version": "1",
              "protocol": "p",
              "commands": []
            }
            """.ReplaceLineEndings("\n"),
            document);
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("version")]
    [InlineData("protocol")]
    public void A_missing_header_is_refused_rather_than_written_as_null(string missing)
    {
        var failure = Assert.Throws<ArgumentNullException>(() => CommandSchemaDocument.Write(
            new OneCommand(), missing == "agent" ? null! : "a", missing == "version" ? null! : "1", missing == "protocol" ? null! : "p"));

        Assert.Equal(missing, failure.ParamName);
    }

    private sealed class TwoCommands : ICommandRegistry
    {
        public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [
            new("zeta", "", "X.Zeta()", [], "{}", "{}"),
            new("alpha", "", "X.Alpha()", [], "{}", "{}"),
        ];

        public bool TryDispatch(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, in CommandInvocation invocation, out ValueTask<CommandResult> result)
        {
            result = default;
            return false;
        }
    }

    private sealed class BrokenSchema : ICommandRegistry
    {
        public IReadOnlyList<CommandDescriptor> Commands { get; } = [new("broken", "", "X.Broken()", [], "{not json", "{}")];

        public bool TryDispatch(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, in CommandInvocation invocation, out ValueTask<CommandResult> result)
        {
            result = default;
            return false;
        }
    }
}
