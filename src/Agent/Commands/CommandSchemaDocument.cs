using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GuestAgent.Commands;

/// <summary>
/// The JSON contracts of a registry's commands as one document, built from their descriptors
/// (nothing is inspected at run time): what <c>guest-agent schema</c> prints, and what an agent
/// built from the packages publishes for its own wire format.
/// </summary>
/// <remarks>
/// The document, indented, without JSON escapes beyond those JSON requires:
/// <c>{"agent","version","protocol","commands":[{"name","summary","method","parameters":[{"name","type","required","default"?}],"request","result"}]}</c>.
/// <c>request</c> and <c>result</c> are the descriptors' JSON Schemas (draft 2020-12) embedded as
/// JSON; a parameter's <c>default</c> is its JSON value (a default that is not JSON text, from a
/// hand-written registry, is written as a string); commands come in the registry's order.
/// </remarks>
public static class CommandSchemaDocument
{
    /// <summary>The <c>protocol</c> line of an agent speaking Nova's XenAPI agent protocol, as the guest-agent daemon does.</summary>
    public const string NovaProtocol = "OpenStack Nova XenAPI agent protocol: request {\"name\",\"value\"}, response {\"returncode\",\"message\"}";

    /// <summary>Writes the schema document of <paramref name="registry"/>.</summary>
    /// <param name="registry">The commands to describe (a <see cref="FilteredCommandRegistry"/> describes only those it serves).</param>
    /// <param name="agent">The agent's name, the document's <c>agent</c>.</param>
    /// <param name="version">The agent's version, the document's <c>version</c>.</param>
    /// <param name="protocol">
    /// One line saying how requests and responses travel, the document's <c>protocol</c>:
    /// <see cref="NovaProtocol"/> for Nova's wire, the agent's own text for another.
    /// </param>
    /// <returns>The document as JSON text (no trailing line break).</returns>
    /// <exception cref="JsonException">A descriptor's schema is not valid JSON.</exception>
    public static string Write(ICommandRegistry registry, string agent, string version, string protocol)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(protocol);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("agent", agent);
            json.WriteString("version", version);
            json.WriteString("protocol", protocol);
            json.WriteStartArray("commands");
            foreach (var command in registry.Commands)
            {
                WriteCommand(json, command);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
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
        // malformed schema fails here instead of producing invalid JSON.
        using var document = JsonDocument.Parse(schema);
        document.RootElement.WriteTo(json);
    }
}
