using Spectre.Console;

namespace WsLoad.Cli;

/// <summary>
/// Where a command writes: plain writers for lines scripts read, a Spectre console for tables and the live view,
/// and whether a person is watching (a terminal) or a pipe/CI log is. Tests build one over string writers.
/// </summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, IAnsiConsole Ansi, bool IsTerminal)
{
    /// <summary>The process's real console.</summary>
    public static CliConsole FromSystemConsole()
    {
        var isTerminal = !System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        return new CliConsole(System.Console.Out, System.Console.Error, AnsiConsole.Console, isTerminal);
    }

    /// <summary>A console writing plain text (no colours, no cursor movement) to <paramref name="out"/>; for tests and pipes.</summary>
    public static CliConsole Plain(TextWriter @out, TextWriter error, int width = 120)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(@out),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        ansi.Profile.Width = width;
        return new CliConsole(@out, error, ansi, IsTerminal: false);
    }
}
