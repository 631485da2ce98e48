using WsLoad.Scenarios.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace WsLoad.Scenarios;

/// <summary>
/// Loads scenarios from YAML or JSON (JSON is read as YAML flow syntax), with errors that name file, line,
/// column and field. Every problem in the file is collected before <see cref="ScenarioException"/> is thrown.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>
    /// Loads and validates a scenario file; throws <see cref="ScenarioException"/> with every problem found.
    /// Relative TLS file paths are resolved against the scenario file's folder.
    /// </summary>
    public static Scenario LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException([new ScenarioError { File = path, Message = $"cannot read the scenario file: {e.Message}" }]);
        }

        return Parse(text, new LoadContext(path) { BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) });
    }

    /// <summary>Parses and validates scenario text; <paramref name="fileName"/> labels errors.</summary>
    public static Scenario Parse(string text, string fileName = "<inline>")
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text, new LoadContext(fileName ?? "<inline>"));
    }

    private static Scenario Parse(string text, LoadContext context)
    {
        var root = ReadDocument(text, context);
        if (root is null)
            throw new ScenarioException(context.SortedErrors());

        return FromNode(root, context);
    }

    /// <summary>Maps and validates a scenario's root node (a suite's inline scenario, or a file with a suite's override laid over it).</summary>
    internal static Scenario FromNode(YamlNode root, LoadContext context)
    {
        var scenario = ScenarioMapper.Map(context, root);
        foreach (var error in ScenarioValidator.Validate(scenario))
        {
            context.AddValidatorError(error);
        }

        if (context.Errors.Count > 0)
            throw new ScenarioException(context.SortedErrors());
        return scenario;
    }

    // The single document's root node; null (with an error) when the text is malformed, empty or several documents.
    internal static YamlNode? ReadDocument(string text, LoadContext context)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            context.Error(e.Start, "", $"not valid YAML or JSON: {e.Message}");
            return null;
        }

        if (stream.Documents.Count == 0 || NodeReader.IsNull(stream.Documents[0].RootNode))
        {
            context.Error(new Mark(0, 1, 1), "", "the scenario is empty; it needs at least target.url");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            context.Error(stream.Documents[1].RootNode.Start, "", "a scenario file holds one YAML document; remove the '---' and what follows");
            return null;
        }

        return stream.Documents[0].RootNode;
    }
}
