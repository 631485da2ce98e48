namespace WsLoad.Scenarios;

/// <summary>Checks a whole scenario (built in code or loaded) before any socket is opened.</summary>
public static class ScenarioValidator
{
    public static IReadOnlyList<ScenarioError> Validate(Scenario scenario) => throw new NotImplementedException(scenario?.Name);
}
