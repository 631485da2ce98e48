using System.Text.Json.Serialization;

namespace WsLoad.Server.Hosting;

/// <summary>Source-generated JSON for the HTTP endpoints (camelCase, no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ServerStats))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
