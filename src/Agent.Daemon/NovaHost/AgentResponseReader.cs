using System.Text.Json;
using GuestAgent.Daemon.Cli;

namespace GuestAgent.Daemon.NovaHost;

/// <summary>
/// Reads a response the way Nova does: <c>json.loads</c> (<see cref="PythonJsonLoads"/>), then a
/// JSON object whose <c>returncode</c> and <c>message</c> are strings (<c>_call_agent</c> compares the
/// one with its success code and calls <c>replace</c> on the other).
/// </summary>
internal static class AgentResponseReader
{
    /// <exception cref="DaemonException">The response is not what Nova accepts.</exception>
    public static (string ReturnCode, string Message) Read(string responseJson)
    {
        using var document = PythonJsonLoads.TryParse(responseJson);
        if (document?.RootElement is { ValueKind: JsonValueKind.Object } root
            && root.TryGetProperty("returncode", out var code) && code.ValueKind == JsonValueKind.String
            && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
        {
            // Nova strips the literal \r\n old Windows agents appended.
            return (code.GetString()!, message.GetString()!.Replace("\\r\\n", "", StringComparison.Ordinal));
        }

        throw new DaemonException("the agent's response is not a JSON object with string 'returncode' and 'message'");
    }
}
