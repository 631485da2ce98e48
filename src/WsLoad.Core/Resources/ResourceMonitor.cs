using WsLoad.Metrics;
using WsLoad.Results;

namespace WsLoad.Resources;

/// <summary>
/// Samples the generator, the target server (when its process id is known: it and every process under it, see
/// <see cref="ProcessTree"/>) and the machine once an interval, as differences from the previous sample. Threading: called from one sampling thread at a time.
/// </summary>
internal sealed class ResourceMonitor : IDisposable
{
    private readonly int _ownPid = Environment.ProcessId;
    private readonly int? _serverPid;
    private readonly SchedulingLag _lag;
    private readonly TimeProvider _time;
    private readonly ThreadPoolDelayProbe? _poolDelay;
    private readonly ServerGcPoller? _serverGc;
    private readonly PrometheusServerPoller? _serverMetrics;
    private ProcessReading? _ownPrevious;
    private ProcessTree? _server;
    private MachineReading? _machinePrevious;
    private TcpLossCounters? _tcpPrevious;
    private TimeSpan _gcPausePrevious;
    private double? _serverGcPrevious;
    private long _previousTimestamp;

    /// <param name="serverPid">The target server's process, when it runs on this machine.</param>
    /// <param name="lag">The send loops' lateness, taken once a sample.</param>
    /// <param name="time">The clock.</param>
    /// <param name="serverStatsUrl">A WsLoad server's /stats, read for its GC pauses (with <paramref name="serverPid"/>); null for any other server.</param>
    /// <param name="serverMetrics">
    /// A Prometheus that watches the server (<c>serverMetrics</c>), read when <paramref name="serverPid"/> is not given:
    /// a process on this machine is measured, not asked about.
    /// </param>
    /// <param name="notice">Hears what a user should know (a query that fails), once each.</param>
    public ResourceMonitor(int? serverPid, SchedulingLag lag, TimeProvider time, Uri? serverStatsUrl = null, Scenarios.ServerMetricsOptions? serverMetrics = null, Action<string>? notice = null)
    {
        _serverPid = serverPid;
        _serverGc = serverStatsUrl is null || serverPid is null ? null : ServerGcPoller.Start(serverStatsUrl, time);
        _serverMetrics = serverPid is null && serverMetrics is not null ? PrometheusServerPoller.Start(serverMetrics, time, notice) : null;
        _lag = lag;
        _time = time;
        _poolDelay = ThreadPoolDelayProbe.StartFor(time);
        Prime();
    }

    /// <summary>Takes the first readings, so the first interval's figures are differences too.</summary>
    private void Prime()
    {
        _previousTimestamp = _time.GetTimestamp();
        _ownPrevious = ProcStat.ReadProcess(_ownPid);
        _server = _serverPid is { } pid ? new ProcessTree(pid) : null;
        _machinePrevious = ProcStat.ReadMachine();
        _tcpPrevious = TcpLossCounters.Read();
        _gcPausePrevious = GC.GetTotalPauseDuration();
    }

    public (GeneratorSample Generator, ProcessSample? Server, MachineSample? Machine) Sample()
    {
        var now = _time.GetTimestamp();
        var seconds = Math.Max(_time.GetElapsedTime(_previousTimestamp, now).TotalSeconds, 0.001);
        _previousTimestamp = now;

        var machine = SampleMachine();
        var own = ProcStat.ReadProcess(_ownPid);
        var cpu = CpuPercent(_ownPrevious, own, seconds);
        _ownPrevious = own;
        var pause = GC.GetTotalPauseDuration();
        var lagMs = _lag.TakeMax() * 1000.0 / _time.TimestampFrequency;
        var queue = ThreadPool.PendingWorkItemCount;
        var poolDelayMs = _poolDelay?.TakeMaxMs() ?? 0;
        var reasons = SaturationRules.Check(cpu, machine?.CpuPercent, lagMs, queue, poolDelayMs, Environment.ProcessorCount);
        var generator = new GeneratorSample
        {
            CpuPercent = Math.Round(cpu, 1),
            RssBytes = own?.RssBytes ?? Environment.WorkingSet,
            GcHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
            GcPauseMs = Math.Round((pause - _gcPausePrevious).TotalMilliseconds, 3),
            Threads = own?.Threads ?? 0,
            ThreadPoolThreads = ThreadPool.ThreadCount,
            ThreadPoolQueue = queue,
            ThreadPoolDelayMs = Math.Round(poolDelayMs, 3),
            SchedulingLagMs = Math.Round(lagMs, 3),
            OpenFiles = own?.OpenFiles ?? -1,
            Saturated = reasons.Count > 0,
            SaturationReasons = reasons.Count > 0 ? reasons : null,
        };
        _gcPausePrevious = pause;
        return (generator, SampleServer(seconds), machine);
    }

    public void Dispose()
    {
        _poolDelay?.Dispose();
        _serverGc?.Dispose();
        _serverMetrics?.Dispose();
    }

    private ProcessSample? SampleServer(double seconds)
    {
        if (_serverPid is null && _serverMetrics is not null)
        {
            return _serverMetrics.Sample();
        }

        if (_serverPid is not { } pid || _server?.Sample(seconds) is not { } reading)
        {
            return null;
        }

        var gcTotal = _serverGc?.TotalPauseMs;
        double? gcPause = gcTotal is { } total && _serverGcPrevious is { } before ? Math.Round(Math.Max(0, total - before), 3) : null;
        _serverGcPrevious = gcTotal ?? _serverGcPrevious;
        return new ProcessSample
        {
            ProcessId = pid,
            CpuPercent = Math.Round(reading.CpuPercent, 1),
            RssBytes = reading.RssBytes,
            Threads = reading.Threads,
            OpenFiles = reading.OpenFiles,
            Processes = reading.Processes,
            GcPauseMs = gcPause,
        };
    }

    private MachineSample? SampleMachine()
    {
        if (ProcStat.ReadMachine() is not { } reading)
        {
            return null;
        }

        double busy = 0;
        if (_machinePrevious is { } previous && reading.CpuSeconds > previous.CpuSeconds)
        {
            var total = reading.CpuSeconds - previous.CpuSeconds;
            busy = 100.0 * (total - (reading.IdleSeconds - previous.IdleSeconds)) / total;
        }

        _machinePrevious = reading;
        var tcp = TcpLossCounters.Read();
        var tcpLoss = tcp is not null && _tcpPrevious is not null ? tcp.Since(_tcpPrevious) : null;
        _tcpPrevious = tcp;
        return new MachineSample
        {
            CpuPercent = Math.Round(Math.Clamp(busy, 0, 100), 1),
            MemoryUsedBytes = reading.MemoryUsedBytes,
            MemoryTotalBytes = reading.MemoryTotalBytes,
            TcpRetransmits = tcpLoss?.Retransmits,
            TcpTimeouts = tcpLoss?.Timeouts,
            PacketDrops = tcpLoss?.BacklogDrops,
        };
    }

    private static double CpuPercent(ProcessReading? previous, ProcessReading? current, double seconds) =>
        previous is { } before && current is { } after ? Math.Max(0, 100.0 * (after.CpuSeconds - before.CpuSeconds) / seconds) : 0;
}
