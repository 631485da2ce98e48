namespace WsLoad.Scenarios;

/// <summary>One problem in a scenario: where it is (file, line, column, field) and what to do about it.</summary>
public sealed record ScenarioError
{
    public string? File { get; init; }

    /// <summary>1-based line; 0 when the scenario was built in code.</summary>
    public int Line { get; init; }

    public int Column { get; init; }

    /// <summary>The field's dotted path, e.g. <c>connections.ramp.strategy</c>.</summary>
    public string Field { get; init; } = "";

    public required string Message { get; init; }

    /// <summary>One line: <c>file:line:col: field: message</c>.</summary>
    public override string ToString()
    {
        var where = File is null ? "" : Line > 0 ? $"{File}:{Line}:{Column}: " : $"{File}: ";
        var field = Field.Length > 0 ? $"{Field}: " : "";
        return where + field + Message;
    }
}

/// <summary>Thrown when a scenario cannot be loaded or is not valid; carries every error found.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(errors is { Count: > 0 } ? errors[0].ToString() : "invalid scenario")
    {
        Errors = errors ?? [];
    }

    public ScenarioException()
        : this([])
    {
    }

    public ScenarioException(string message)
        : this([new ScenarioError { Message = message }])
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ScenarioError { Message = message }];
    }

    public IReadOnlyList<ScenarioError> Errors { get; }
}
