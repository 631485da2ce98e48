// raw-echo: the raw-socket round-trip baseline that bench/latency-overhead.sh sets next to wsload's figures.
//
//   raw-echo --url ws://127.0.0.1:PORT/ws [--connections 10] [--rate 10] [--size 100] [--duration 20]
//            [--warmup 5] [--samples FILE]
//
// Opens the connections, then each sends `rate` text messages a second of `size` bytes for `duration` seconds,
// the connections' schedules offset evenly across one interval (spread, not in bursts). Prints one JSON object:
// round-trip percentiles (nearest rank over the sorted samples, ms), the pacing's own lag, and errors.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RawEcho;

var options = ParseArguments(args);
var url = new Uri(options.GetValueOrDefault("url") ?? throw new ArgumentException("--url is required"));
var connections = int.Parse(options.GetValueOrDefault("connections", "10"), CultureInfo.InvariantCulture);
var rate = double.Parse(options.GetValueOrDefault("rate", "10"), CultureInfo.InvariantCulture);
var size = int.Parse(options.GetValueOrDefault("size", "100"), CultureInfo.InvariantCulture);
var duration = double.Parse(options.GetValueOrDefault("duration", "20"), CultureInfo.InvariantCulture);
var warmup = int.Parse(options.GetValueOrDefault("warmup", "5"), CultureInfo.InvariantCulture);

// Printable ASCII (valid UTF-8, as a text frame must be), different per message position only.
var payload = Enumerable.Range(0, size).Select(i => (byte)('a' + (i % 26))).ToArray();
var interval = (long)Math.Round(Stopwatch.Frequency / rate);
var messages = (int)Math.Round(rate * duration);

var sockets = Enumerable.Range(0, connections).Select(_ => RawWebSocket.Open(url, payload)).ToArray();
var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2; // every thread started before the first send
var paced = sockets
    .Select((socket, i) => new PacedConnection(socket, start + (i * interval / connections), interval, messages, warmup))
    .ToArray();
var threads = paced.Select(p => new Thread(p.Run) { IsBackground = true }).ToArray();
foreach (var thread in threads)
{
    thread.Start();
}

foreach (var thread in threads)
{
    thread.Join();
}

var failures = paced.Where(p => p.Failure is not null).Select(p => p.Failure!.Message).ToArray();
var roundTrips = paced.Where(p => p.Failure is null).SelectMany(p => p.RoundTrips).ToArray();
var sendLag = paced.Where(p => p.Failure is null).SelectMany(p => p.SendLag).ToArray();
var result = new JsonObject
{
    ["connections"] = connections,
    ["ratePerConnection"] = rate,
    ["sizeBytes"] = size,
    ["durationSeconds"] = duration,
    ["warmupPerConnection"] = warmup,
    ["rttMs"] = Percentiles.Summary(roundTrips),
    ["sendLagMs"] = Percentiles.Summary(sendLag),
    ["mismatchedEchoes"] = paced.Sum(p => p.Mismatched),
    ["failedConnections"] = failures.Length,
    ["failures"] = new JsonArray([.. failures.Select(f => JsonValue.Create(f))]),
};
Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

if (options.GetValueOrDefault("samples") is { } samplesFile)
{
    File.WriteAllLines(samplesFile, roundTrips.Select(t => (t * 1_000_000 / Stopwatch.Frequency).ToString(CultureInfo.InvariantCulture)));
}

return failures.Length == 0 && roundTrips.Length > 0 ? 0 : 1;

static Dictionary<string, string> ParseArguments(string[] args)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        options[args[i].TrimStart('-')] = args[i + 1];
    }

    return options;
}
