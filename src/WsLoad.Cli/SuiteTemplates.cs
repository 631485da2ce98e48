namespace WsLoad.Cli;

/// <summary>
/// The ready-made suites built into wsload: examples/suites/NAME.yaml, with the example and template scenarios it uses
/// (every examples/**.yaml travels inside the program). <see cref="Extract"/> writes them into a folder, in the same
/// layout, where the suite runs like any suite file.
/// </summary>
internal static class SuiteTemplates
{
    private const string Prefix = "examples/suites/";

    /// <summary>The names of the built-in suites.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. typeof(SuiteTemplates).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.IndexOf('/', Prefix.Length) < 0 && n.EndsWith(".yaml", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".yaml".Length])
        .Order(StringComparer.Ordinal)];

    /// <summary>Writes suite <paramref name="name"/> and its scenario files under <paramref name="directory"/>; returns the suite file's path.</summary>
    public static string Extract(string name, string directory)
    {
        if (!Names.Contains(name, StringComparer.Ordinal))
        {
            throw new CliException($"no built-in suite '{name}'; built in: {string.Join(", ", Names)}", ExitCodes.UsageError);
        }

        var assembly = typeof(SuiteTemplates).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("examples/", StringComparison.Ordinal)))
        {
            var path = Path.Combine(directory, resource);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var source = assembly.GetManifestResourceStream(resource)!;
            using var target = File.Create(path);
            source.CopyTo(target);
        }

        return Path.Combine(directory, Prefix, name + ".yaml");
    }
}
