namespace WsLoad.Sinks.Prometheus;

/// <summary>
/// The <c>type</c> label of a run's message types: the scenario's first <see cref="MetricNames.MaxMessageTypes"/>
/// types keep their names and every other type is <see cref="MetricNames.OtherType"/>, so a scenario with hundreds
/// of types adds at most <see cref="MetricNames.MaxMessageTypes"/> + 1 series per counter and phase.
/// </summary>
internal sealed class MessageTypeLabels
{
    private readonly HashSet<string> _own;

    /// <param name="scenarioTypes">The scenario's type names, in its order: the first ones are the ones kept.</param>
    public MessageTypeLabels(IEnumerable<string> scenarioTypes)
    {
        ArgumentNullException.ThrowIfNull(scenarioTypes);
        _own = new HashSet<string>(scenarioTypes.Distinct(StringComparer.Ordinal).Take(MetricNames.MaxMessageTypes), StringComparer.Ordinal);
    }

    /// <summary>The label value of the type named <paramref name="type"/>.</summary>
    public string For(string type) => _own.Contains(type) ? type : MetricNames.OtherType;
}
