namespace WsLoad.Tests.Acceptance;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Schema => Path.Combine(Root, "schema", "run.schema.json");

    public static string ScenarioSchema => Path.Combine(Root, "schema", "scenario.schema.json");

    public static string SuiteSchema => Path.Combine(Root, "schema", "suite.schema.json");

    public static string Examples => Path.Combine(Root, "examples");

    public static string NodeEchoServer => Path.Combine(Root, "tests", "node-echo", "echo.js");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WsLoad.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"WsLoad.slnx not found above {AppContext.BaseDirectory}");
    }
}
