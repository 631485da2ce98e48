using System.Text.Json;
using WsLoad.Results;

namespace WsLoad.Metrics;

/// <summary>
/// The wire form of an <see cref="IntervalSnapshot"/>: JSON in run.json's conventions, histograms as compact base64
/// buckets. What workers and agents send their controller; a round trip gives back an equal snapshot.
/// </summary>
public static class IntervalSnapshotJson
{
    public static string Serialize(IntervalSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Compact);

    /// <exception cref="JsonException">The text is not a snapshot.</exception>
    public static IntervalSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<IntervalSnapshot>(json, Compact) ?? throw new JsonException("An interval snapshot is null.");

    private static JsonSerializerOptions Compact { get; } = new(RunResultJson.Options) { WriteIndented = false };
}
