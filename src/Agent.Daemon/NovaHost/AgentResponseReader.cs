using System.Text.Json;
using GuestAgent.Daemon.Cli;

namespace GuestAgent.Daemon.NovaHost;

/// <summary>Reads a response the way Nova does: a JSON object whose <c>returncode</c> and <c>message</c> are strings.</summary>
internal static class AgentResponseReader
{
    /// <exception cref="DaemonException">The response is not what Nova accepts.</exception>
    public static (string ReturnCode, string Message) Read(string responseJson)
    {
        try
        {
            using var document = JsonDocument.Parse(responseJson);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("returncode", out var code) && code.ValueKind == JsonValueKind.String
                && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                // Nova strips the literal \r\n old Windows agents appended.
                return (code.GetString()!, message.GetString()!.Replace("\\r\\n", "", StringComparison.Ordinal));
            }
        }
        catch (JsonException)
        {
        }

        throw new DaemonException("the agent's response is not a JSON object with string 'returncode' and 'message'");
    }
}
