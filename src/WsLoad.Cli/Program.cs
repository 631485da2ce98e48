namespace WsLoad.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        SocketTuning.Apply(args);
        using var signals = new ShutdownSignals(System.Console.Error);
        return await WsLoadCli.InvokeAsync(args, CliConsole.FromSystemConsole(), new CliServices(), signals.Token);
    }
}
