using WsLoad.Engine.WarmUp;
using WsLoad.Messages;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Engine;

/// <summary>The entry point: run a scenario and get the same <see cref="RunResult"/> that run.json holds.</summary>
public static class LoadTest
{
    /// <summary>
    /// Validates and runs <paramref name="scenario"/> to completion. Cancelling <paramref name="cancellationToken"/>
    /// stops the run gracefully: connections are closed and the result has <see cref="RunStatus.Interrupted"/>.
    /// </summary>
    /// <exception cref="ScenarioException">The scenario is not valid, or names a source address this machine cannot
    /// bind; nothing was run.</exception>
    public static async Task<RunResult> RunAsync(Scenario scenario, LoadTestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var errors = Validate(scenario);
        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        // Only once the scenario is valid: what this machine can bind is a question about the machine, not the file.
        if (SourceAddressBindCheck.Check(scenario.Connections.SourceAddresses) is { Count: > 0 } unbindable)
        {
            throw new ScenarioException(unbindable);
        }

        options ??= new LoadTestOptions();
        if (options.Workers > 1)
        {
            // Each worker warms itself up; the controller only starts, merges and judges.
            var launcher = options.WorkerLauncher ?? throw new ArgumentException(
                "LoadTestOptions.WorkerLauncher must say how to start a worker (wsload worker --controller SOCKET --name NAME) when Workers > 1",
                nameof(options));
            return await new Workers.WorkerController(scenario, options, launcher).RunAsync(cancellationToken);
        }

        var warmUp = options.WarmUp ? await GeneratorWarmUp.RunOnceAsync(scenario, cancellationToken) : null;
        using var run = new LoadTestRun(scenario, options) { WarmUp = warmUp }; // its clock starts here, after the warm-up
        return await run.RunAsync(cancellationToken);
    }

    /// <summary>Every problem the scenario has, including the engine's own limits (e.g. the stamp must fit in a message).</summary>
    public static IReadOnlyList<ScenarioError> Validate(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var errors = new List<ScenarioError>(ScenarioValidator.Validate(scenario));
        var types = scenario.Messages.Types;
        if (types.Count > StampCodec.MaxTextTypeIndex + 1)
        {
            errors.Add(new ScenarioError
            {
                Field = "messages.types",
                Message = $"at most {StampCodec.MaxTextTypeIndex + 1} message types (the correlation stamp carries the type in one byte); got {types.Count}",
            });
        }

        for (var i = 0; i < types.Count; i++)
        {
            var type = types[i];
            if (type.Template is null && type.Size.Min < MinimumSize(type.Format))
            {
                errors.Add(new ScenarioError { Field = $"messages.types[{i}].size", Message = TooSmall(type) });
            }
        }

        return errors;
    }

    private static int MinimumSize(PayloadFormat format) => format == PayloadFormat.Text ? PayloadWriter.MinTextSize : PayloadWriter.MinBinarySize;

    private static string TooSmall(MessageType type)
    {
        var minimum = MinimumSize(type.Format);
        var what = type.Format == PayloadFormat.Text ? "text" : "binary";
        return $"{what} messages need at least {minimum} bytes to carry the correlation stamp; got {type.Size}. Use a size of "
            + $"{minimum} or more (--size {minimum}), or a text template for a smaller message: '{{{{stamp}}}}' alone is {StampCodec.TextLength} bytes";
    }
}
