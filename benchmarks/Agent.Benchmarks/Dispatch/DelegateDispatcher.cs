using System.Text.Json;
using GuestAgent.Commands;
using GuestAgent.Protocol;

namespace GuestAgent.Benchmarks.Dispatch;

/// <summary>What a careful hand-written agent would do: a dictionary of delegates over a parsed document.</summary>
public sealed class DelegateDispatcher
{
    private readonly Dictionary<string, Func<JsonElement, CommandResult>> _commands = new(StringComparer.Ordinal)
    {
        ["ping"] = static _ => CommandResult.Ok(BenchmarkCommands.Ping()),
        ["scale"] = static value => BenchmarkCommands.Scale(
            value.GetProperty("value").GetInt32(),
            value.GetProperty("factor").GetInt32(),
            value.GetProperty("negate").GetBoolean()),
    };

    public byte[] Handle(byte[] request)
    {
        using var document = JsonDocument.Parse(request);
        var root = document.RootElement;
        var name = root.GetProperty("name").GetString()!;
        if (!_commands.TryGetValue(name, out var command))
        {
            return ResponseWriter.Write(ReturnCodes.NotFound, ProtocolMessages.UnknownCommand(name));
        }

        var result = command(root.TryGetProperty("value", out var value) ? value : default);
        return ResponseWriter.Write(result.ReturnCode, result.Message);
    }
}
