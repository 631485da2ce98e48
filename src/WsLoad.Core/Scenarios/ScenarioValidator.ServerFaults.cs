namespace WsLoad.Scenarios;

public static partial class ScenarioValidator
{
    private static void ValidateServerFaults(List<ScenarioError> errors, ServerFaultOptions? faults)
    {
        if (faults is null)
            return;
        if (faults.Admin is { } admin && (!admin.IsAbsoluteUri || admin.Scheme is not ("http" or "https")))
            Add(errors, "serverFaults.admin", $"'{admin}' is not an http:// or https:// URL such as http://127.0.0.1:8080/admin");
        for (var i = 0; i < faults.At.Count; i++)
        {
            var step = faults.At[i];
            var path = $"serverFaults.at[{i}]";
            NonNegative(errors, path + ".at", step.At);
            var actions = (step.Set is null ? 0 : 1) + (step.Stall is null ? 0 : 1) + (step.Clear ? 1 : 0);
            if (actions != 1)
                Add(errors, path, "give exactly one of set (a fault plan), stall (a duration) and clear: true");
            if (step.Stall is { } stall)
                Positive(errors, path + ".stall", stall);
            foreach (var (name, value) in step.Set ?? new Dictionary<string, string>())
            {
                if (ServerFaultPlanFields.Check(name, value) is { } problem)
                    Add(errors, $"{path}.set.{name}", problem);
            }
        }
    }
}
