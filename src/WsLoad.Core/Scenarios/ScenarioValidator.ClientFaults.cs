namespace WsLoad.Scenarios;

public static partial class ScenarioValidator
{
    private static void ValidateClientFaults(List<ScenarioError> errors, IReadOnlyList<ClientFaultStep> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var path = $"clientFaults[{i}]";
            NonNegative(errors, path + ".at", step.At);
            if (step.ActionCount != 1)
                Add(errors, path, "give exactly one of drop (a %), slowReader (a %, with for), pause (a duration), malformed (a count) and oversized (a count, with size)");
            if (step.Drop is { } drop && drop is <= 0 or > 1)
                Add(errors, path + ".drop", "must be more than 0% and at most 100%");
            if (step.SlowReader is { } slow && slow is <= 0 or > 1)
                Add(errors, path + ".slowReader", "must be more than 0% and at most 100%");
            if (step.For is { } duration)
            {
                Positive(errors, path + ".for", duration);
                if (step.SlowReader is null)
                    Add(errors, path + ".for", "for goes with slowReader (how long they stop reading)");
            }
            else if (step.SlowReader is not null)
            {
                Add(errors, path + ".for", "a slow reader needs for: how long it stops reading, e.g. for: 5s");
            }

            if (step.Pause is { } pause)
                Positive(errors, path + ".pause", pause);
            if (step.Malformed is < 1)
                Add(errors, path + ".malformed", "must be at least 1 connection");
            if (step.Oversized is < 1)
                Add(errors, path + ".oversized", "must be at least 1 connection");
            ValidateOversizedSize(errors, path, step);
        }
    }

    private static void ValidateOversizedSize(List<ScenarioError> errors, string path, ClientFaultStep step)
    {
        if (step.Size is { } size)
        {
            if (step.Oversized is null)
                Add(errors, path + ".size", "size goes with oversized (the size of each message)");
            else if (size is < 1 or > ClientFaultStep.MaxSize)
                Add(errors, path + ".size", $"must be from 1 byte to {ClientFaultStep.MaxSize / (1024 * 1024)}mb");
        }
        else if (step.Oversized is not null)
        {
            Add(errors, path + ".size", "an oversized message needs size, e.g. size: 2mb");
        }
    }
}
