using System.CommandLine;
using WsLoad.Workers;

namespace WsLoad.Cli.Commands;

/// <summary>
/// <c>wsload worker --controller SOCKET --name NAME</c>: one worker process of <c>run --workers N</c>, started by the
/// controller and never by hand (hidden from help). It takes its orders over the controller's Unix socket and stops
/// when the controller says so or goes away; a Ctrl+C meant for the controller (the terminal signals the whole process
/// group) does not stop it in the middle of the controller's graceful stop.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(CliContext context)
    {
        var controller = new Option<string>("--controller") { Description = "The controller's Unix socket.", Required = true };
        var name = new Option<string>("--name") { Description = "This worker's name in the run's figures.", Required = true };
        var command = new Command("worker", "A worker process of run --workers (started by the controller).") { controller, name };
        command.Hidden = true;
        command.SetAction((parseResult, cancellationToken) => ErrorReporting.GuardAsync(
            () => WorkerHost.RunAsync(parseResult.GetValue(controller)!, parseResult.GetValue(name)!, CancellationToken.None),
            context.Console,
            parseResult.GetValue(context.Verbose),
            cancellationToken));
        return command;
    }

    /// <summary>How the controller starts a worker: this same program, <c>worker --controller PATH --name NAME</c>.</summary>
    public static System.Diagnostics.ProcessStartInfo Launch(string controllerSocket, string workerName)
    {
        var (fileName, prefix) = DemoServerProcess.SelfCommand();
        var start = new System.Diagnostics.ProcessStartInfo(fileName) { UseShellExecute = false };
        foreach (var argument in prefix.Concat(["worker", "--controller", controllerSocket, "--name", workerName]))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
