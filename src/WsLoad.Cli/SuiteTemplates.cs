namespace WsLoad.Cli;

/// <summary>
/// The ready-made suites built into wsload (from examples/suites/): <c>NAME.yaml</c> with the scenario files of its
/// <c>NAME/</c> folder. <see cref="Extract"/> writes one into a folder, where it is run like any suite file.
/// </summary>
internal static class SuiteTemplates
{
    private const string Prefix = "suites/";

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
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n == $"{Prefix}{name}.yaml" || n.StartsWith($"{Prefix}{name}/", StringComparison.Ordinal)))
        {
            var path = Path.Combine(directory, resource[Prefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var source = assembly.GetManifestResourceStream(resource)!;
            using var target = File.Create(path);
            source.CopyTo(target);
        }

        return Path.Combine(directory, name + ".yaml");
    }
}
