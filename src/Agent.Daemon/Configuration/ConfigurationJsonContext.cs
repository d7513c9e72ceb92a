using System.Text.Json;
using System.Text.Json.Serialization;

namespace GuestAgent.Daemon.Configuration;

/// <summary>
/// Source-generated System.Text.Json metadata for the configuration file (no reflection, so the
/// NativeAOT binary reads it). Keys are camelCase; comments and trailing commas are allowed because
/// operators edit the file by hand.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ConfigurationFile))]
internal sealed partial class ConfigurationJsonContext : JsonSerializerContext;
