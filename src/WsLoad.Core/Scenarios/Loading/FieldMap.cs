using YamlDotNet.RepresentationModel;

namespace WsLoad.Scenarios.Loading;

/// <summary>
/// One YAML mapping of the scenario, checked against the fields it may contain. Typed getters return null
/// when a field is absent or null (the caller keeps its default) and report an error when it cannot be read.
/// </summary>
internal sealed class FieldMap
{
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);

    private FieldMap(LoadContext context, YamlMappingNode node, string path)
    {
        Context = context;
        Node = node;
        Path = path;
    }

    public LoadContext Context { get; }

    public YamlMappingNode Node { get; }

    /// <summary>The dotted path of this mapping ("" for the root).</summary>
    public string Path { get; }

    /// <summary>
    /// Reads a mapping node; reports unknown fields (with a suggestion), and fields that were once allowed with why they
    /// are gone and what to use instead (<paramref name="retired"/>); returns null when the node is not a mapping.
    /// </summary>
    public static FieldMap? Read(LoadContext context, YamlNode node, string path, IReadOnlyList<string> allowed, IReadOnlyDictionary<string, string>? retired = null)
    {
        if (node is not YamlMappingNode mapping)
        {
            context.Error(node, path, $"expected a mapping with fields {string.Join(", ", allowed)}; got {NodeReader.Describe(node)}");
            return null;
        }

        var map = new FieldMap(context, mapping, path);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var field = map.PathOf(key);
            if (retired?.GetValueOrDefault(key) is { } why)
            {
                context.Error(keyNode, field, $"'{key}' is no longer supported: {why}");
                continue;
            }

            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                var suggestion = NameSuggester.Closest(key, allowed);
                var hint = suggestion is null ? "" : $" (did you mean '{suggestion}'?)";
                context.Error(keyNode, field, $"unknown field '{key}'{hint}; allowed: {string.Join(", ", allowed)}");
                continue;
            }

            context.Locate(field, NodeReader.IsNull(value) ? keyNode.Start : value.Start);
            if (!NodeReader.IsNull(value))
                map._values[key] = value;
        }

        return map;
    }

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The value of a field that is present and not null.</summary>
    public YamlNode? this[string key] => _values.GetValueOrDefault(key);

    /// <summary>Reports a required field that is missing, at the start of this mapping.</summary>
    public bool Require(string key, string what)
    {
        if (_values.ContainsKey(key))
            return true;
        Context.Error(Node, PathOf(key), $"missing required field '{key}' ({what})");
        return false;
    }

    public string? String(string key) => Get(key, (n, f) => NodeReader.Text(Context, n, f, "a string"));

    public int? Int(string key) => GetValue(key, (n, f) => NodeReader.Int(Context, n, f));

    public double? Number(string key) => GetValue(key, (n, f) => NodeReader.Number(Context, n, f));

    public bool? Bool(string key) => GetValue(key, (n, f) => NodeReader.Bool(Context, n, f));

    public TimeSpan? Duration(string key) =>
        GetValue(key, (n, f) => NodeReader.Scalar<TimeSpan>(Context, n, f, ScenarioValues.TryParseDuration, ScenarioValues.DurationForms));

    public double? Rate(string key) =>
        GetValue(key, (n, f) => NodeReader.Scalar<double>(Context, n, f, ScenarioValues.TryParseRate, ScenarioValues.RateForms));

    public TEnum? Enum<TEnum>(string key)
        where TEnum : struct, Enum => GetValue(key, (n, f) => NodeReader.Enum<TEnum>(Context, n, f));

    /// <summary>A nested mapping, or null when absent, null or not a mapping.</summary>
    public FieldMap? Map(string key, IReadOnlyList<string> allowed) =>
        this[key] is { } node ? Read(Context, node, PathOf(key), allowed) : null;

    /// <summary>The items of a list with their paths (<c>field[0]</c>); null when absent or not a list.</summary>
    public IReadOnlyList<(YamlNode Node, string Path)>? List(string key, string example)
    {
        if (this[key] is not { } node)
            return null;
        if (node is not YamlSequenceNode sequence)
        {
            Context.Error(node, PathOf(key), $"expected a list such as {example}, got {NodeReader.Describe(node)}");
            return null;
        }

        var items = new List<(YamlNode, string)>();
        foreach (var item in sequence.Children)
        {
            var path = $"{PathOf(key)}[{items.Count}]";
            Context.Locate(path, item.Start);
            items.Add((item, path));
        }

        return items;
    }

    public IReadOnlyList<string>? StringList(string key, string example)
    {
        var items = List(key, example);
        return items?.Select(i => NodeReader.Text(Context, i.Node, i.Path, "a string")).OfType<string>().ToList();
    }

    /// <summary>A mapping of names to strings (headers, query parameters); keys are free-form.</summary>
    public IReadOnlyDictionary<string, string>? StringMap(string key)
    {
        if (this[key] is not { } node)
            return null;
        if (node is not YamlMappingNode mapping)
        {
            Context.Error(node, PathOf(key), $"expected a mapping of names to values, got {NodeReader.Describe(node)}");
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in mapping.Children)
        {
            var nameText = NodeReader.Text(Context, name, PathOf(key), "a name");
            var field = $"{PathOf(key)}.{nameText}";
            Context.Locate(field, value.Start);
            var valueText = NodeReader.IsNull(value) ? "" : NodeReader.Text(Context, value, field, "a string");
            if (nameText is not null && valueText is not null)
                result[nameText] = valueText;
        }

        return result;
    }

    private T? Get<T>(string key, Func<YamlNode, string, T?> read)
        where T : class => this[key] is { } node ? read(node, PathOf(key)) : null;

    private T? GetValue<T>(string key, Func<YamlNode, string, T?> read)
        where T : struct => this[key] is { } node ? read(node, PathOf(key)) : null;
}
