using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace WsLoad.Scenarios.Loading;

/// <summary>
/// The state of one load: the errors found so far and where each field was written, so that errors found
/// later (by the validator) can still point at a line and column. Not thread-safe; one per load.
/// </summary>
internal sealed class LoadContext(string file)
{
    private readonly List<ScenarioError> _errors = [];
    private readonly Dictionary<string, Mark> _locations = new(StringComparer.Ordinal);

    public string File { get; } = file;

    /// <summary>The scenario file's folder, for resolving relative TLS file paths; null keeps them as written.</summary>
    public string? BaseDirectory { get; init; }

    public IReadOnlyList<ScenarioError> Errors => _errors;

    public void Error(Mark at, string field, string message) =>
        _errors.Add(new ScenarioError { File = File, Line = (int)at.Line, Column = (int)at.Column, Field = field, Message = message });

    public void Error(YamlNode node, string field, string message) => Error(node.Start, field, message);

    public void Locate(string field, Mark at) => _locations[field] = at;

    /// <summary>
    /// Adds a validator error at the place its field was written (or the nearest enclosing field), unless the
    /// loader already reported that field, a field inside it or one around it: a value it could not read was
    /// replaced by a placeholder, and a second error about the placeholder would only confuse.
    /// </summary>
    public void AddValidatorError(ScenarioError error)
    {
        var field = error.Field;
        if (_errors.Any(e => e.Field == field || IsInside(e.Field, field) || IsInside(field, e.Field)))
            return;
        var at = FindLocation(field);
        _errors.Add(error with { File = File, Line = (int)at.Line, Column = (int)at.Column });
    }

    /// <summary>Every error, in the order they appear in the file.</summary>
    public IReadOnlyList<ScenarioError> SortedErrors() => [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];

    private static bool IsInside(string inner, string outer) =>
        outer.Length == 0
        || inner.StartsWith(outer + ".", StringComparison.Ordinal)
        || inner.StartsWith(outer + "[", StringComparison.Ordinal);

    private Mark FindLocation(string field)
    {
        while (true)
        {
            if (_locations.TryGetValue(field, out var at))
                return at;
            var cut = field.LastIndexOfAny(['.', '[']);
            if (cut <= 0)
                return _locations.TryGetValue("", out var root) ? root : new Mark(0, 1, 1);
            field = field[..cut];
        }
    }
}
