using System.Globalization;
using System.Text;
using Prometheus;

namespace WsLoad.Tests.Sinks.Prometheus;

/// <summary>
/// A registry's text exposition, as Prometheus reads it: each sample line parsed into its name, labels and value, so a
/// test can look up one series or count a family's series.
/// </summary>
internal sealed class Exposition
{
    private Exposition(string text, IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> samples)
    {
        Text = text;
        Samples = samples;
    }

    public string Text { get; }

    public IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> Samples { get; }

    public static async Task<Exposition> ReadAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        var samples = new List<(string, IReadOnlyDictionary<string, string>, double)>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            var open = line.IndexOf('{', StringComparison.Ordinal);
            var close = line.LastIndexOf('}');
            var name = open < 0 ? line[..line.IndexOf(' ', StringComparison.Ordinal)] : line[..open];
            if (open >= 0)
            {
                // Label values here never hold a comma or a quote: split on the '",' between pairs.
                foreach (var pair in line[(open + 1)..close].Split("\",", StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    labels[pair[..equals]] = pair[(equals + 1)..].Trim('"');
                }
            }

            var value = line[((open < 0 ? name.Length : close + 1) + 1)..].Split(' ')[0];
            samples.Add((name, labels, value == "+Inf" ? double.PositiveInfinity : double.Parse(value, CultureInfo.InvariantCulture)));
        }

        return new Exposition(text, samples);
    }

    /// <summary>The samples of <paramref name="name"/> whose labels include all of <paramref name="labels"/> (name=value pairs).</summary>
    public IEnumerable<(IReadOnlyDictionary<string, string> Labels, double Value)> Find(string name, params (string Name, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Select(s => (s.Labels, s.Value));

    /// <summary>The one sample of <paramref name="name"/> with these labels; fails when there is none or several.</summary>
    public double Value(string name, params (string Name, string Value)[] labels)
    {
        var found = Find(name, labels).ToList();
        return found.Count == 1
            ? found[0].Value
            : throw new InvalidOperationException($"{found.Count} samples of {name} with {string.Join(",", labels)}:\n{Text}");
    }

    /// <summary>The sum of <paramref name="name"/>'s samples with these labels (0 when none).</summary>
    public double Sum(string name, params (string Name, string Value)[] labels) => Find(name, labels).Sum(s => s.Value);
}
