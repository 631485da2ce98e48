using WsLoad.Scenarios;

namespace WsLoad.Tests.Scenarios;

public class ExampleScenariosTests
{
    public static TheoryData<string> ExampleFiles() => new(ScenarioFileNames());

    [Fact]
    public void The_documented_examples_exist() =>
        Assert.Superset(new HashSet<string> { "echo-basic.yaml", "ramp-stepped.yaml", "message-mix.yaml" }, ScenarioFileNames().ToHashSet());

    private static string[] ScenarioFileNames() =>
        [.. Directory.EnumerateFiles(ExamplesFolder())
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Every_example_loads_without_errors(string fileName)
    {
        var path = Path.Combine(ExamplesFolder(), fileName);
        try
        {
            ScenarioLoader.LoadFile(path);
        }
        catch (ScenarioException e)
        {
            Assert.Fail(string.Join(Environment.NewLine, e.Errors));
        }
    }

    private static string ExamplesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WsLoad.slnx")))
                return Path.Combine(dir.FullName, "examples");
        }

        throw new InvalidOperationException("WsLoad.slnx not found above " + AppContext.BaseDirectory);
    }
}
