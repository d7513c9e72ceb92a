using System.Text.Json;
using System.Text.Json.Serialization;
using GuestAgent.Commands;

[assembly: CommandJsonContext(typeof(CustomCommands.SampleJsonContext))]

namespace CustomCommands;

/// <summary>
/// The JSON metadata of this library's complex parameter and result types, generated at compile
/// time by System.Text.Json, so the agent reads and writes them without reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(UserSpec))]
[JsonSerializable(typeof(UserPlan))]
public sealed partial class SampleJsonContext : JsonSerializerContext;
