using System.Globalization;
using Microsoft.Diagnostics.Tracing;

// Every pause of a traced process's managed threads: from the runtime's SuspendEE start to its RestartEE end, with why
// the runtime suspended (a GC, or e.g. the tiered JIT installing code) and, for a GC, its generation and reason. TSV on
// stdout: wall-clock start (UTC, ISO 8601), pause in ms, suspend reason, generation (-1: not a GC), GC reason, the GC's
// own time inside the pause (GCStart to GCEnd) and the bytes it promoted out of gen0 and gen1 (GCHeapStats), which is
// what an ephemeral collection's cost grows with.
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
DateTime? gcStarted = null;
var gcMs = double.NaN;
long promotedGen0 = -1, promotedGen1 = -1;
Console.WriteLine("at_utc\tpause_ms\tsuspend_reason\tgeneration\tgc_reason\tgc_ms\tpromoted_gen0_kb\tpromoted_gen1_kb");
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
    gcStarted = e.TimeStamp;
};
source.Clr.GCStop += e =>
{
    if (gcStarted is { } started)
    {
        gcMs = (e.TimeStamp - started).TotalMilliseconds;
    }
};
source.Clr.GCHeapStats += e =>
{
    promotedGen0 = e.TotalPromotedSize0;
    promotedGen1 = e.TotalPromotedSize1;
};
source.Clr.GCRestartEEStop += e =>
{
    if (suspended is { } start)
    {
        var ms = (e.TimeStamp - start).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{start.ToUniversalTime():yyyy-MM-ddTHH:mm:ss.fffZ}\t{ms:0.000}\t{suspendReason}\t{generation}\t{reason}\t" +
            $"{gcMs:0.000}\t{Kb(promotedGen0)}\t{Kb(promotedGen1)}"));
    }

    suspended = null;
    generation = -1;
    reason = "";
    gcStarted = null;
    gcMs = double.NaN;
    promotedGen0 = promotedGen1 = -1;
};
source.Process();
return 0;

// A pause that was not a GC has no heap statistics: "" rather than a made-up 0.
static string Kb(long bytes) => bytes < 0 ? "" : (bytes / 1024).ToString(CultureInfo.InvariantCulture);
