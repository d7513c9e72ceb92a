using System.Text.Json.Serialization;

namespace GuestAgent.Protocol;

/// <summary>Source-generated JSON metadata for the protocol layer's own reads (no reflection).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
