using System.Globalization;
using Microsoft.Diagnostics.Tracing;

// Every pause of a traced process's managed threads: from the runtime's SuspendEE start to its RestartEE end, with why
// the runtime suspended (a GC, or e.g. the tiered JIT installing code) and, for a GC, its generation and reason. TSV on
// stdout: wall-clock start (UTC, ISO 8601), pause in ms, suspend reason, generation (-1: not a GC), GC reason.
// Usage: gc-pauses TRACE.nettrace
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: gc-pauses TRACE.nettrace");
    return 2;
}

using var source = new EventPipeEventSource(args[0]);
DateTime? suspended = null;
var suspendReason = "";
var generation = -1;
var reason = "";
Console.WriteLine("at_utc\tpause_ms\tsuspend_reason\tgeneration\tgc_reason");
source.Clr.GCSuspendEEStart += e =>
{
    if (suspended is null)
    {
        suspended = e.TimeStamp;
        suspendReason = e.Reason.ToString();
    }
};
source.Clr.GCStart += e =>
{
    generation = e.Depth;
    reason = e.Reason.ToString();
};
source.Clr.GCRestartEEStop += e =>
{
    if (suspended is { } start)
    {
        var ms = (e.TimeStamp - start).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{start.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fffZ}\t{ms:0.000}\t{suspendReason}\t{generation}\t{reason}"));
    }

    suspended = null;
    generation = -1;
    reason = "";
};
source.Process();
return 0;
