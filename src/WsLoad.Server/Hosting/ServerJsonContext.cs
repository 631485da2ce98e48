using System.Text.Json.Serialization;

namespace WsLoad.Server.Hosting;

/// <summary>
/// Source-generated JSON for the HTTP endpoints (camelCase, no reflection). A fault plan's numbers may come as strings,
/// unknown fields are refused (a misspelt fault must not be silently off), and absent (null) fields are left out.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServerStats))]
[JsonSerializable(typeof(FaultPlanDocument))]
[JsonSerializable(typeof(FaultPlanErrors))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
