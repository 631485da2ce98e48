using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace WsLoad.Scenarios.Loading;

/// <summary>Reads typed values from single YAML nodes, reporting a located error for anything it cannot read.</summary>
internal static class NodeReader
{
    public delegate bool TryParser<T>(string text, out T value);

    /// <summary>An empty plain scalar, <c>~</c> or <c>null</c>: the field is treated as not set.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode scalar => $"'{scalar.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    public static string? Text(LoadContext context, YamlNode node, string field, string expected)
    {
        if (node is YamlScalarNode scalar)
            return scalar.Value ?? "";
        context.Error(node, field, $"expected {expected}, got {Describe(node)}");
        return null;
    }

    public static T? Scalar<T>(LoadContext context, YamlNode node, string field, TryParser<T> parse, string expected)
        where T : struct
    {
        var text = Text(context, node, field, expected);
        if (text is null)
            return null;
        if (parse(text, out var value))
            return value;
        context.Error(node, field, $"expected {expected}, got '{text}'");
        return null;
    }

    public static int? Int(LoadContext context, YamlNode node, string field) =>
        Scalar<int>(context, node, field, (string t, out int v) => int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v), "a whole number");

    public static double? Number(LoadContext context, YamlNode node, string field) =>
        Scalar<double>(context, node, field, (string t, out double v) =>
            double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v), "a number");

    public static bool? Bool(LoadContext context, YamlNode node, string field) =>
        Scalar<bool>(context, node, field, (string t, out bool v) => bool.TryParse(t, out v), "true or false");

    public static TEnum? Enum<TEnum>(LoadContext context, YamlNode node, string field)
        where TEnum : struct, Enum
    {
        var names = EnumNames<TEnum>();
        var text = Text(context, node, field, "one of: " + string.Join(", ", names));
        if (text is null)
            return null;
        var index = names.FindIndex(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
            return System.Enum.GetValues<TEnum>()[index];
        context.Error(node, field, $"unknown value '{text}'; allowed: {string.Join(", ", names)}");
        return null;
    }

    /// <summary>Enum member names as they are written in a scenario: camelCase.</summary>
    public static List<string> EnumNames<TEnum>()
        where TEnum : struct, Enum =>
        [.. System.Enum.GetNames<TEnum>().Select(n => char.ToLowerInvariant(n[0]) + n[1..])];
}
