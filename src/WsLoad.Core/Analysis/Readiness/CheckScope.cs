namespace WsLoad.Analysis.Readiness;

/// <summary>Whose doing a failed check can be, which decides whether it stands against an inconclusive run.</summary>
internal enum CheckScope
{
    /// <summary>Latency and throughput: a saturated generator can cause these.</summary>
    Performance,

    /// <summary>Failure counts and rates: the server's doing when the server signalled most of them.</summary>
    Failures,

    /// <summary>The server's own resources.</summary>
    Server,

    /// <summary>The generator's own health: never NO-GO, INCONCLUSIVE instead.</summary>
    Generator,

    /// <summary>The machine shared by generator and server.</summary>
    Machine,
}

/// <summary>A check with its scope (internal bookkeeping; the verdict shows the check).</summary>
internal sealed record ScopedCheck(ReadinessCheck Check, CheckScope Scope);
