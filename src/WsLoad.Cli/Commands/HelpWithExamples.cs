using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace WsLoad.Cli.Commands;

/// <summary>
/// The standard help, followed by an "Examples:" block for the command asked about. Examples live apart from the
/// descriptions because System.CommandLine also prints descriptions in the root's command list.
/// </summary>
internal sealed class HelpWithExamples : SynchronousCommandLineAction
{
    private readonly HelpAction _standard;
    private readonly IReadOnlyDictionary<Command, string> _examples;

    private HelpWithExamples(HelpAction standard, IReadOnlyDictionary<Command, string> examples)
    {
        _standard = standard;
        _examples = examples;
    }

    public override bool ClearsParseErrors => true;

    /// <summary>Replaces the help action of <paramref name="root"/>'s help option (which applies to every subcommand).</summary>
    public static void Install(RootCommand root, IReadOnlyDictionary<Command, string> examples)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExamples((HelpAction)help.Action!, examples);
    }

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var exitCode = _standard.Invoke(parseResult);
        if (_examples.TryGetValue(parseResult.CommandResult.Command, out var examples))
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var line in examples.Trim().Split('\n'))
            {
                output.WriteLine("  " + line.TrimEnd());
            }

            output.WriteLine();
        }

        return exitCode;
    }
}
