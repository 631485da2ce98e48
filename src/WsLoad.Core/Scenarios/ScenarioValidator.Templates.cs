namespace WsLoad.Scenarios;

public static partial class ScenarioValidator
{
    /// <summary>The placeholders a message template may use, written <c>{{name}}</c>.</summary>
    internal static IReadOnlyList<string> TemplatePlaceholders { get; } = ["connectionId", "sequence", "timestamp", "random", "stamp"];

    private static void ValidateTemplate(List<ScenarioError> errors, string field, string template, ExpectMode expect)
    {
        var start = 0;
        var hasStamp = false;
        while ((start = template.IndexOf("{{", start, StringComparison.Ordinal)) >= 0)
        {
            var end = template.IndexOf("}}", start + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                Add(errors, field, $"'{{{{' at character {start + 1} is not closed with '}}}}'");
                return;
            }

            var name = template[(start + 2)..end];
            if (!TemplatePlaceholders.Contains(name, StringComparer.Ordinal))
                Add(errors, field, $"unknown placeholder '{{{{{name}}}}}'; allowed: {string.Join(", ", TemplatePlaceholders.Select(p => "{{" + p + "}}"))}");
            hasStamp |= name == "stamp";
            start = end + 2;
        }

        if (!hasStamp && expect is ExpectMode.Echo or ExpectMode.Reply or ExpectMode.Broadcast)
            Add(errors, field, $"a template must contain {{{{stamp}}}} when expect is {expect.ToString().ToLowerInvariant()}, so that answers can be matched to what was sent");
    }
}
