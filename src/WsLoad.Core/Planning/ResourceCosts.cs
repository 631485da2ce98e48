namespace WsLoad.Planning;

/// <summary>
/// What one connection, one message and one connect cost, measured on the 2-core reference VM with the scripts in
/// bench/. <see cref="ResourcePlan"/> multiplies them out; <c>wsload plan</c> prints each figure with its source so a
/// reader can check it, and knows a faster machine needs less CPU.
/// </summary>
public static class ResourceCosts
{
    /// <summary>Files a process keeps besides its sockets: the runtime, its libraries, its own files.</summary>
    public const int ReservedFiles = 1_000;

    /// <summary>The share of one address's ephemeral ports a plan may use (the rest: TIME_WAIT, other programs).</summary>
    public const double UsablePortShare = 0.9;

    // Client and server memory: one process's peak RSS at 13,333 connections less its base
    // (bench/results/2026-12-05T1925Z-scale-40000: client workers 130-134 MB, server processes 292-296 MB; bases from
    // bench/results/demo-load.tsv of 2026-12-04: 70 and 60 MB). Higher than demo-load.tsv's hold figures (3.3 and
    // 19 KB) because a peak over a ramp is what has to fit.
    public const long ClientBaseBytes = 70L << 20;
    public const long ClientBytesPerConnection = 4_600;
    public const long ServerBaseBytes = 60L << 20;
    public const long ServerBytesPerConnection = 17_900;

    /// <summary>
    /// Slab and TCP buffer growth per loopback connection, both ends, 5,000 held at 1 msg/s: 9.7 KB, the median of
    /// three bench/kernel-memory.sh runs (8.6-9.7 KB, bench/results/kernel-memory.tsv). The scale runs' Slab alone
    /// agrees (scale.tsv: 9.9-10.0 KB); their busier TCP buffers add about 1 KB more.
    /// </summary>
    public const long KernelBytesPerConnection = 9_900;

    // CPU: the whole wsload process per message over a run, ramp included (node-echo-headline.tsv, 2026-12-05T1841Z:
    // 31.2 µs; the hold alone is ~20 µs, demo-load.tsv's client_us_per_msg) and per connect (connect-cost.tsv at
    // 76338e4: 0.35 ms ws://, 1.2 ms wss://).
    public const double ClientCpuSecondsPerMessage = 31.2e-6;
    public const double ClientCpuSecondsPerConnect = 0.35e-3;
    public const double ClientCpuSecondsPerTlsConnect = 1.2e-3;

    public const string ClientMemorySource = "bench/results/2026-12-05T1925Z-scale-40000";
    public const string ServerMemorySource = "bench/results/2026-12-05T1925Z-scale-40000";
    public const string KernelMemorySource = "bench/results/kernel-memory.tsv";
    public const string MessageCpuSource = "bench/results/node-echo-headline.tsv";
    public const string ConnectCpuSource = "bench/results/connect-cost.tsv";
}
