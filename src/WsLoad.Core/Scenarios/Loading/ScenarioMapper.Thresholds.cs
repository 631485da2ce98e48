using WsLoad.Checkpoints;
using YamlDotNet.RepresentationModel;

namespace WsLoad.Scenarios.Loading;

internal static partial class ScenarioMapper
{
    private static readonly string[] ThresholdFields = ["threshold", "abortOnFail", "delayAbortEval"];

    /// <summary>
    /// The <c>thresholds</c> list: each a string, or (as in k6) <c>{ threshold, abortOnFail, delayAbortEval }</c>. A
    /// threshold with abortOnFail also becomes an abort checkpoint (<see cref="ThresholdAbort"/>).
    /// </summary>
    private static (List<string>? Thresholds, List<CheckpointOptions> Aborts) MapThresholds(FieldMap root)
    {
        var aborts = new List<CheckpointOptions>();
        if (root.List("thresholds", "[\"rtt.p99 < 200ms\", { threshold: \"errors.rate < 1%\", abortOnFail: true, delayAbortEval: 10s }]") is not { } items)
            return (null, aborts);

        var thresholds = new List<string>();
        foreach (var (node, path) in items)
        {
            if (node is not YamlMappingNode)
            {
                if (NodeReader.Text(root.Context, node, path, "a threshold such as 'rtt.p99 < 200ms'") is { } text)
                    thresholds.Add(text);
                continue;
            }

            if (FieldMap.Read(root.Context, node, path, ThresholdFields) is not { } map || !map.Require("threshold", "the expression, e.g. 'rtt.p99 < 200ms'"))
                continue;
            var threshold = map.String("threshold") ?? "";
            thresholds.Add(threshold);
            var delay = map.Duration("delayAbortEval");
            if (map.Bool("abortOnFail") != true)
            {
                if (delay is not null)
                    map.Context.Error(map["delayAbortEval"]!, map.PathOf("delayAbortEval"), "delayAbortEval belongs with abortOnFail: true; add it, or remove delayAbortEval");
                continue;
            }

            if (ThresholdAbort.TryCreate(threshold, delay ?? TimeSpan.Zero, out var checkpoint, out var error))
                aborts.Add(checkpoint);
            else if (Thresholds.ThresholdExpression.TryParse(threshold, out _, out _))
                map.Context.Error(map["abortOnFail"]!, map.PathOf("abortOnFail"), error); // a bad expression is the validator's to report
        }

        return (thresholds, aborts);
    }
}
