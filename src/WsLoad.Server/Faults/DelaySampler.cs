using WsLoad.Scenarios;

namespace WsLoad.Server.Faults;

/// <summary>
/// Draws delays from a <see cref="DelaySpec"/> with a seeded generator, so a seed gives the same sequence of draws.
/// Threading: safe from any thread (a short lock around the generator); with several threads drawing, which reply gets
/// which draw varies, the set of draws does not.
/// </summary>
internal sealed class DelaySampler(DelaySpec spec, int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();

    public DelaySpec Spec => spec;

    public TimeSpan Next() => spec.Distribution switch
    {
        DelayDistribution.Uniform => spec.First + ((spec.Second - spec.First) * Uniform()),
        DelayDistribution.Normal => TimeSpan.FromTicks(Math.Max(0, (long)(spec.First.Ticks + (spec.Second.Ticks * StandardNormal())))),
        DelayDistribution.Exponential => spec.First * -Math.Log(1 - Uniform()),
        _ => spec.First,
    };

    private double Uniform()
    {
        lock (_lock)
        {
            return _random.NextDouble();
        }
    }

    /// <summary>Box–Muller: one standard normal draw from two uniforms (1 - u keeps the logarithm finite).</summary>
    private double StandardNormal()
    {
        double u1, u2;
        lock (_lock)
        {
            u1 = 1 - _random.NextDouble();
            u2 = _random.NextDouble();
        }

        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
