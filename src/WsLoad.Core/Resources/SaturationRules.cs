namespace WsLoad.Resources;

/// <summary>
/// When the generator counts as saturated, so its latency figures cannot be trusted. The rules are deliberately
/// simple and documented in the result: the generator process uses ≥ 90% of every core; the machine is ≥ 95% busy
/// (the generator competes for CPU, e.g. with a server on the same machine); a send loop woke ≥ 50 ms late; more
/// than 1,000 work items wait for the thread pool; or a work item waited ≥ 100 ms for it (replies are handled there).
/// </summary>
internal static class SaturationRules
{
    public const double GeneratorCpuShare = 0.90;
    public const double MachineCpuPercent = 95;
    public const double SchedulingLagMs = 50;
    public const long ThreadPoolQueue = 1000;
    public const double ThreadPoolDelayMs = 100;

    /// <summary>The kinds a reason starts with, before ': ' and its figures.</summary>
    public const string GeneratorCpu = "generator-cpu";
    public const string MachineCpu = "machine-cpu";
    public const string Lag = "scheduling-lag";
    public const string Queue = "thread-pool-queue";
    public const string PoolDelay = "thread-pool-delay";

    public static string KindOf(string reason) => reason.Split(':')[0];

    public static List<string> Check(double generatorCpuPercent, double? machineCpuPercent, double lagMs, long threadPoolQueue, double threadPoolDelayMs, int processorCount)
    {
        var reasons = new List<string>();
        var allCores = processorCount * 100.0;
        if (generatorCpuPercent >= allCores * GeneratorCpuShare)
        {
            reasons.Add($"{GeneratorCpu}: {generatorCpuPercent:0}% of {allCores:0}%");
        }

        if (machineCpuPercent >= MachineCpuPercent)
        {
            reasons.Add($"{MachineCpu}: {machineCpuPercent:0}% busy");
        }

        if (lagMs >= SchedulingLagMs)
        {
            reasons.Add($"{Lag}: a send loop woke {lagMs:0} ms late");
        }

        if (threadPoolQueue > ThreadPoolQueue)
        {
            reasons.Add($"{Queue}: {threadPoolQueue} work items waiting");
        }

        if (threadPoolDelayMs >= ThreadPoolDelayMs)
        {
            reasons.Add($"{PoolDelay}: work waited {threadPoolDelayMs:0} ms for a pool thread");
        }

        return reasons;
    }
}
