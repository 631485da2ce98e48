namespace WsLoad.Scenarios;

/// <summary>How many connections to open, how fast, how long to hold them and how to close them.</summary>
public sealed record ConnectionOptions
{
    /// <summary>The number of connections at the top of the ramp (closed model).</summary>
    public int Count { get; init; } = 1;

    public RampOptions Ramp { get; init; } = new();

    /// <summary>How long all connections are held open after the ramp-up.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long closing all connections takes (linear); zero closes them all at once.</summary>
    public TimeSpan RampDown { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Open model instead of a ramp: new connections arrive at a fixed rate until <see cref="ArrivalOptions.Max"/>
    /// are open. When set, <see cref="Ramp"/> is ignored.
    /// </summary>
    public ArrivalOptions? Arrival { get; init; }

    /// <summary>
    /// Local source addresses to bind outgoing connections to, round-robin (e.g. 127.0.0.2) so that one
    /// machine can pass the ephemeral-port limit of one address. Empty: the OS chooses.
    /// </summary>
    public IReadOnlyList<string> SourceAddresses { get; init; } = [];

    /// <summary>Upper bound on connection attempts in flight at once; protects the generator and the target.</summary>
    public int MaxConcurrentConnects { get; init; } = 500;

    /// <summary>How dropped connections come back; <see cref="ReconnectOptions.None"/> (the default) leaves them down.</summary>
    public ReconnectOptions Reconnect { get; init; } = ReconnectOptions.None;
}

/// <summary>The shape of the connection ramp-up.</summary>
public enum RampStrategy
{
    /// <summary>Connections open evenly over the ramp duration.</summary>
    Linear,

    /// <summary>Few connections at first, most at the end: the count grows exponentially over the duration.</summary>
    Exponential,

    /// <summary><see cref="RampOptions.Steps"/> equal steps, each held for <see cref="RampOptions.Plateau"/>.</summary>
    Stepped,

    /// <summary>All at once, or batches of <see cref="RampOptions.BatchSize"/> every <see cref="RampOptions.Interval"/>.</summary>
    Burst,
}

public sealed record RampOptions
{
    public RampStrategy Strategy { get; init; } = RampStrategy.Linear;

    /// <summary>Ramp duration for linear and exponential ramps.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Number of steps for a stepped ramp.</summary>
    public int Steps { get; init; } = 5;

    /// <summary>How long each step of a stepped ramp is held before the next step opens.</summary>
    public TimeSpan Plateau { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Batch size of a burst ramp; null or zero opens all connections at once.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Time between burst batches.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Growth factor of the exponential ramp (higher = more back-loaded).</summary>
    public double Growth { get; init; } = 5.0;
}

/// <summary>Open-model connection arrivals: <see cref="RatePerSecond"/> new connections a second, capped at <see cref="Max"/> open.</summary>
public sealed record ArrivalOptions
{
    public required double RatePerSecond { get; init; }

    public required int Max { get; init; }

    /// <summary>How long arrivals continue; the hold follows.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
}
