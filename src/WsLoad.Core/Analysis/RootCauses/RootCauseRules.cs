namespace WsLoad.Analysis.RootCauses;

/// <summary>
/// The documented rules that turn a run's figures into root-cause hypotheses, and their constants. Every hypothesis
/// starts from its rule's base confidence and moves by the adjustments below; each adjustment it received is quoted in
/// its evidence. Nothing is proposed for a run without trouble (no failures and no latency spike): causes are never invented.
/// </summary>
public static class RootCauseRules
{
    /// <summary>Two events line up when they are at most this far apart (seconds): a cause close in time gains confidence.</summary>
    public const double AlignmentSeconds = 2;

    /// <summary>Confidence bounds of any hypothesis.</summary>
    public const double MinConfidence = 0.05;

    public const double MaxConfidence = 0.95;

    /// <summary>
    /// Rule <c>server-cpu-saturated</c>: the target server's CPU reached this share of all cores (90%: a process cannot
    /// go much higher, the run queue is then longer than the cores). Base 0.5; +0.25 when it got there within
    /// <see cref="AlignmentSeconds"/> of the trouble's onset, +0.05 when earlier; −0.25 when only after the onset (an
    /// effect, not the cause); +0.1 when it stayed saturated over at least half of the failing seconds. On a machine the
    /// generator shares, a second in which the machine was busy (≥ 95%, the machine-cpu saturation rule) mostly with the
    /// server's process counts as saturated too, whatever the server's own share: it had all the CPU it could get.
    /// </summary>
    public const double ServerCpuSaturatedShare = 0.90;

    /// <summary>
    /// Rule <c>connection-limit</c>: connects failed with server-side kinds (refused, upgrade rejected, reset, timeout)
    /// once the open connections reached a count N and none was established beyond it while the plan wanted more.
    /// Base 0.5; +0.2 when no connect succeeded after the first refusal; +0.15 when every refusal had the same class;
    /// −0.3 when the generator's own descriptors or ports ran out (the limit is local).
    /// </summary>
    public const double ConnectionLimitBase = 0.5;

    /// <summary>The plan must have wanted at least this many more connections than the plateau for a limit to be named.</summary>
    public const int ConnectionLimitMinExcess = 1;

    /// <summary>
    /// Rule <c>generator-saturated</c>: the generator could not keep up while the trouble happened. Base 0.4; +0.2 when
    /// a saturated stretch began within <see cref="AlignmentSeconds"/> of the onset or before it. Server-side hypotheses
    /// are then lowered by <see cref="GeneratorSaturationPenalty"/> (the server may not be to blame). When it was saturated
    /// for less than <see cref="GeneratorSaturationMinShare"/> of the trouble's seconds (a second of a ramp's connect
    /// burst against minutes of failures), −0.2 and server-side hypotheses lose only half the penalty: so short a
    /// stretch cannot explain the rest. Seconds whose saturation was the server's CPU on the shared machine (only the
    /// machine-cpu rule fired, with lag or pool waits at most, and the server's process used most of the busy CPU) do not
    /// count: when all of them were, −<see cref="GeneratorSaturatedByServerPenalty"/> and server-side hypotheses keep their
    /// confidence. The statement says whose CPU made the machine busy (server, generator, other processes).
    /// </summary>
    public const double GeneratorSaturatedBase = 0.4;

    /// <summary>What the generator's hypothesis loses when its saturation was all the server's CPU on the shared machine.</summary>
    public const double GeneratorSaturatedByServerPenalty = 0.35;

    /// <summary>What a saturated generator takes off each server-side hypothesis.</summary>
    public const double GeneratorSaturationPenalty = 0.25;

    /// <summary>The share of the trouble's seconds the generator must have been saturated for to explain the trouble fully.</summary>
    public const double GeneratorSaturationMinShare = 0.25;

    /// <summary>What a too short saturation takes off the generator's own hypothesis.</summary>
    public const double GeneratorSaturationTooShortPenalty = 0.2;

    /// <summary>
    /// Rule <c>fault-injected</c>: a failure pattern's likely cause is a fault event (a network toxic, a server fault
    /// plan, a drop): the fault is the cause of what followed it. Base 0.6; +0.2 when the fault came within
    /// <see cref="AlignmentSeconds"/> of the pattern; +0.1 when the pattern's own confidence is at least 0.7.
    /// </summary>
    public const double FaultInjectedBase = 0.6;

    /// <summary>
    /// Rule <c>server-dropped</c>: a failure pattern's likely cause is a drop of connections the generator saw (closed
    /// abnormally, reset, or with a close code other than 1000/1001) and no fault was injected shortly before it: the
    /// server (or the path to it) dropped them, and the generator's reconnect storm after it is its answer, not a cause.
    /// The statement names the close codes of the drop's seconds. Base 0.6; +0.2 when the failures began within
    /// <see cref="AlignmentSeconds"/> of the drop; +0.1 when the pattern's own confidence is at least 0.7.
    /// </summary>
    public const double ServerDropBase = 0.6;

    /// <summary>
    /// Rule <c>server-closing</c>: the server closed connections with 1011 (error), 1001 (going away) or 1013 (try again
    /// later). Needs at least <see cref="MinFailures"/> such closes. Base 0.5; +0.2 when they are at least
    /// <see cref="DominantShare"/> of the failures; +0.1 when they form a burst or a sustained pattern.
    /// </summary>
    public const double ServerClosingBase = 0.5;

    /// <summary>
    /// Rule <c>server-stall</c>: a latency spike — a second whose rtt p99 is at least <see cref="StallLatencyRatio"/>
    /// times the run's median p99 and <see cref="StallMinRiseMs"/> above it — with no server CPU saturation. rtt is the
    /// service time (from the actual send), so a jump in it is the server (or the path) holding replies. Base 0.45;
    /// +0.15 when replies fell in the same seconds (<see cref="ThroughputDropShare"/>); +0.15 when the server's CPU was sampled and stayed below the
    /// saturation share; −0.3 when it was saturated, or the machine was busy mostly with the server's process. The
    /// generator times rtt, so when it was itself held up by at least <see cref="StallGeneratorHoldUpMs"/> in the peak second or the one before (its longest thread-pool wait or send-loop
    /// lag) −0.3 when that is at least half the rise, −0.15 when less; −0.2 when the spike's seconds opened at least
    /// <see cref="StallConnectChurnMin"/> connections and <see cref="StallConnectChurnShare"/> of those open in the
    /// ramp-up or the second just after it (a ramp's last step: handshakes compete with the replies; reconnects in the
    /// hold are an effect, not counted). When the server is a WsLoad server whose /stats was read, +0.15 when
    /// its garbage collector paused it at least <see cref="StallServerGcMs"/> in the spike's seconds or the one
    /// before, and the statement names the garbage collection when those pauses add up to the whole rise. Spikes in the
    /// ramp-down or the closing, when the generator closes its connections, are left out when any other second spiked;
    /// when all did, −<see cref="StallClosingPenalty"/>, the generator's GC total counts as a hold-up (its send loops have
    /// stopped, so their lag cannot show a pause), and replies falling in those seconds do not count (connections close).
    /// </summary>
    public const double StallLatencyRatio = 5;

    /// <summary>A WsLoad server's GC pauses (ms in a second) worth naming as a stall's cause.</summary>
    public const double StallServerGcMs = 10;

    public const double StallServerGcBonus = 0.15;

    /// <summary>A generator hold-up (ms) in the spike's seconds that is worth weighing against a server stall.</summary>
    public const double StallGeneratorHoldUpMs = 10;

    public const double StallGeneratorHoldUpPenalty = 0.3;

    /// <summary>What a spike only in the ramp-down or the closing takes off the stall.</summary>
    public const double StallClosingPenalty = 0.3;

    /// <summary>Connections opened in the spike's seconds, at least this many and this share of those open, make it a connect burst.</summary>
    public const long StallConnectChurnMin = 100;

    public const double StallConnectChurnShare = 0.1;

    public const double StallConnectChurnPenalty = 0.2;

    public const double StallMinRiseMs = 50;

    public const double ServerStallBase = 0.45;

    /// <summary>
    /// Replies "fell" in a second that received at most this share of its own sends, or of the run's median a second while
    /// at least the median number of connections was open (a ramp-up second with fewer connections has not fallen).
    /// </summary>
    public const double ThroughputDropShare = 0.5;

    /// <summary>
    /// Rule <c>network</c>: timeouts, resets and abnormal closures (1006) make at least <see cref="DominantShare"/> of the
    /// failures, with no server CPU saturation: the path between generator and server lost them. Base 0.35 (the server
    /// can cause these too); +0.15 when the server's CPU was sampled and stayed below the saturation share.
    /// </summary>
    public const double NetworkBase = 0.35;

    /// <summary>
    /// Rule <c>local-resource-exhaustion</c>: the generator ran out of file descriptors (EMFILE) or source ports
    /// (EADDRNOTAVAIL): its own limits, not the server's. Base 0.7; +0.15 when its open files reached 90% of the open-file
    /// limit. Lowers <c>connection-limit</c> by 0.3.
    /// </summary>
    public const double LocalExhaustionBase = 0.7;

    /// <summary>Open files at this share of the open-file limit count as the limit reached.</summary>
    public const double OpenFilesNearLimitShare = 0.9;

    /// <summary>A failure kind (or group of kinds) dominates when it is at least this share of the failures (lost messages left out: a drop loses what was in flight).</summary>
    public const double DominantShare = 0.5;

    /// <summary>The fewest failures a failure-count rule needs before it names a cause.</summary>
    public const long MinFailures = 1;
}
