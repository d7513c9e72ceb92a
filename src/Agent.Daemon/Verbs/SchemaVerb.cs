using System.Text.Encodings.Web;
using System.Text.Json;
using GuestAgent.Commands;
using GuestAgent.Daemon.Cli;
using GuestAgent.Hosting;

namespace GuestAgent.Daemon.Verbs;

/// <summary>
/// <c>guest-agent schema</c>: the JSON contracts of every registered command, as one JSON document
/// built from the generated descriptors (nothing is inspected at run time).
/// </summary>
internal static class SchemaVerb
{
    public static async Task<int> RunAsync(StandardStreams streams)
    {
        // Creating the registry runs no command; no service is needed to describe them.
        var registry = GuestAgent.Generated.AgentCommands.CreateRegistry(new ServiceMap());
        await streams.Out.WriteLineAsync(Write(registry)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The schema document of a registry.</summary>
    public static string Write(ICommandRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("agent", "guest-agent");
            json.WriteString("version", AgentVersion.Informational);
            json.WriteString("protocol", "OpenStack Nova XenAPI agent protocol: request {\"name\",\"value\"}, response {\"returncode\",\"message\"}");
            json.WriteStartArray("commands");
            foreach (var command in registry.Commands)
            {
                WriteCommand(json, command);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteCommand(Utf8JsonWriter json, CommandDescriptor command)
    {
        json.WriteStartObject();
        json.WriteString("name", command.Name);
        json.WriteString("summary", command.Summary);
        json.WriteString("method", command.Method);
        json.WriteStartArray("parameters");
        foreach (var parameter in command.Parameters)
        {
            json.WriteStartObject();
            json.WriteString("name", parameter.Name);
            json.WriteString("type", parameter.Type);
            json.WriteBoolean("required", parameter.IsRequired);
            if (parameter.DefaultValue is { } defaultValue)
            {
                json.WritePropertyName("default");
                WriteDefault(json, defaultValue);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WritePropertyName("request");
        WriteSchema(json, command.RequestSchema);
        json.WritePropertyName("result");
        WriteSchema(json, command.ResultSchema);
        json.WriteEndObject();
    }

    private static void WriteDefault(Utf8JsonWriter json, string defaultValue)
    {
        // Generated descriptors carry the default as JSON text ("world" with its quotes, 42, null),
        // embedded as the JSON value it is. A hand-written registry may carry any text: one that
        // is not JSON is written as a string rather than making the document invalid.
        try
        {
            using var document = JsonDocument.Parse(defaultValue);
            document.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStringValue(defaultValue);
        }
    }

    private static void WriteSchema(Utf8JsonWriter json, string schema)
    {
        // Re-parsed rather than written raw, so the document is indented throughout and a
        // malformed generated schema fails here instead of producing invalid JSON.
        using var document = JsonDocument.Parse(schema);
        document.RootElement.WriteTo(json);
    }
}
