using System.Text.Json.Serialization;

namespace GuestAgent.Daemon.Cli;

/// <summary>Source-generated JSON metadata for the command line's own writes (no reflection).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
