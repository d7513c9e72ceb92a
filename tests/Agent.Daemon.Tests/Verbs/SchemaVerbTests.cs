// GuestAgent.Commands shows its internals to these tests too, and has a generated AgentCommands of its own.
extern alias daemon;

using System.Text.Json;
using GuestAgent.Commands;
using GuestAgent.Daemon.Verbs;

namespace GuestAgent.Daemon.Tests.Verbs;

public sealed class SchemaVerbTests
{
    private sealed class OneCommand : ICommandRegistry
    {
        public IReadOnlyList<CommandDescriptor> Commands { get; } =
        [
            new("hello", "Says hello.", "Sample.Greeting.Hello(string, int)",
                [
                    new("name", "string", true, null),
                    new("times", "int", false, "1"),
                    new("greeting", "string", false, "\"hi\""),
                    new("tone", "Sample.Tone?", false, "null"),
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
    public void Writes_each_descriptor_as_a_contract_with_its_schemas_embedded_as_json()
    {
        using var document = JsonDocument.Parse(SchemaVerb.Write(new OneCommand()));

        var command = Assert.Single(document.RootElement.GetProperty("commands").EnumerateArray());
        Assert.Equal("hello", command.GetProperty("name").GetString());
        Assert.Equal("Says hello.", command.GetProperty("summary").GetString());
        Assert.Equal("Sample.Greeting.Hello(string, int)", command.GetProperty("method").GetString());
        var parameters = command.GetProperty("parameters").EnumerateArray().ToArray();
        Assert.True(parameters[0].GetProperty("required").GetBoolean());
        Assert.False(parameters[0].TryGetProperty("default", out _));
        Assert.Equal(1, parameters[1].GetProperty("default").GetInt32());
        Assert.Equal("hi", parameters[2].GetProperty("default").GetString());
        Assert.Equal(JsonValueKind.Null, parameters[3].GetProperty("default").ValueKind);
        Assert.Equal("not json", parameters[4].GetProperty("default").GetString());
        Assert.Equal("object", command.GetProperty("request").GetProperty("type").GetString());
        Assert.Equal("string", command.GetProperty("result").GetProperty("type").GetString());
    }

    [Fact]
    public void Is_the_sdk_document_with_the_daemon_s_name_version_and_nova_protocol_line()
    {
        using var document = JsonDocument.Parse(SchemaVerb.Write(new OneCommand()));

        Assert.Equal("guest-agent", document.RootElement.GetProperty("agent").GetString());
        Assert.Equal(daemon::GuestAgent.Daemon.Cli.AgentVersion.Informational, document.RootElement.GetProperty("version").GetString());
        Assert.Equal("""OpenStack Nova XenAPI agent protocol: request {"name","value"}, response {"returncode","message"}""", document.RootElement.GetProperty("protocol").GetString());
    }

    [Fact]
    public void The_generated_registry_describes_every_built_in_command()
    {
        var registry = daemon::GuestAgent.Generated.AgentCommands.CreateRegistry(new GuestAgent.Hosting.ServiceMap());

        using var document = JsonDocument.Parse(SchemaVerb.Write(registry));
        var names = document.RootElement.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToArray();

        Assert.Equal(["agentupdate", "features", "file_inject", "injectfile", "keyinit", "kmsactivate", "password", "resetnetwork", "version"], names);

        // The commands that parse their value themselves print the request schemas they state
        // (BuiltInRequestSchemaTests holds each against its parser); the others take no value.
        var requests = document.RootElement.GetProperty("commands").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("request"));
        Assert.Equal(["b64_path", "b64_file"], requests["file_inject"].GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("base64", requests["injectfile"].GetProperty("contentEncoding").GetString());
        Assert.Equal("base64", requests["password"].GetProperty("contentEncoding").GetString());
        Assert.Equal(2, requests["keyinit"].GetProperty("anyOf").GetArrayLength());
        Assert.Equal(2, requests["agentupdate"].GetProperty("oneOf").GetArrayLength());
        Assert.Equal(["activation_key", "profile", "domains"], requests["kmsactivate"].GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.All(["features", "resetnetwork", "version"], name => Assert.Equal("$schema", Assert.Single(requests[name].EnumerateObject()).Name));

        // Every generated default is JSON text (not C# source), so it is embedded as a value.
        foreach (var parameter in registry.Commands.SelectMany(c => c.Parameters).Where(p => p.DefaultValue is not null))
        {
            using var value = JsonDocument.Parse(parameter.DefaultValue!);
        }
    }
}
