namespace WsLoad.Scenarios;

/// <summary>Loads scenarios from YAML or JSON, with errors that name file, line, column and field.</summary>
public static class ScenarioLoader
{
    /// <summary>Loads and validates a scenario file; throws <see cref="ScenarioException"/> with every problem found.</summary>
    public static Scenario LoadFile(string path) => throw new NotImplementedException(path);

    /// <summary>Parses and validates scenario text; <paramref name="fileName"/> labels errors.</summary>
    public static Scenario Parse(string text, string fileName = "<inline>") => throw new NotImplementedException(text + fileName);
}
