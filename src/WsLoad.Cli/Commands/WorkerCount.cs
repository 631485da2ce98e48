using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace WsLoad.Cli.Commands;

/// <summary>
/// <c>--workers N|auto</c> for <c>run</c>, <c>demo</c> and <c>plan</c>: a number of processes, or <see cref="Auto"/>
/// for the fewest whose open-file limits hold the plan (see <see cref="Planning.RunShape"/>).
/// </summary>
internal readonly record struct WorkerCount(int? Count)
{
    /// <summary>More than this on one machine is a typo rather than a plan.</summary>
    public const int Most = 64;

    public static WorkerCount Auto => new(null);

    public static WorkerCount One => new(1);

    public override string ToString() => Count?.ToString(CultureInfo.InvariantCulture) ?? "auto";

    public static Option<WorkerCount> Option(string description, WorkerCount byDefault) => new("--workers")
    {
        Description = description,
        DefaultValueFactory = _ => byDefault,
        CustomParser = Parse,
        HelpName = "N|auto",
    };

    private static WorkerCount Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return Auto;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= Most)
        {
            return new(count);
        }

        result.AddError($"--workers '{text}': give a number of processes from 1 to {Most}, or auto");
        return One;
    }
}
