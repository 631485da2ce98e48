using System.Text.Json.Serialization;
using WsLoad.Analysis;
using WsLoad.Scenarios;

namespace WsLoad.Results;

/// <summary>
/// Compile-time JSON metadata for run.json and what is written with its settings. Without it the serializer builds
/// its accessors at run time with Reflection.Emit the first time each type is written: at the end of every run, that
/// was most of the CPU and the memory that writing run.json took (<c>wsload analyze</c> on a stored run.json
/// peaked at 62 MB, 24 MB above the bare start-up). <see cref="RunResultJson.Options"/> keeps its own settings and
/// converters; types not listed here still fall back to reflection.
/// </summary>
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(RunAnalysis))]
[JsonSerializable(typeof(Scenario))]
internal sealed partial class RunResultJsonContext : JsonSerializerContext;
