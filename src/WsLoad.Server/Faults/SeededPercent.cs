namespace WsLoad.Server.Faults;

/// <summary>
/// Picks a percentage of a stream of decisions (replies, upgrades, connections), exactly and at seeded-random places:
/// the stream is cut into strata of 100/percent decisions and one decision, drawn from the seed, is hit in each. So
/// after any whole number of strata exactly that percentage was hit (after N decisions, within one of N × percent / 100),
/// the same seed always hits the same decisions, and no hits bunch up. Precision 0.01 %. Threading: safe from any
/// thread (one interlocked increment per decision; the pick itself is a pure function of the seed and the stratum).
/// </summary>
internal sealed class SeededPercent
{
    /// <summary>Decisions per 100 %, in basis points.</summary>
    private const long Scale = 10_000;

    private readonly long _basisPoints;
    private readonly ulong _seed;
    private long _decisions;

    public SeededPercent(double percent, ulong seed)
    {
        _basisPoints = Math.Clamp((long)Math.Round(percent * 100), 0, Scale);
        _seed = seed;
    }

    /// <summary>Whether the next decision is hit.</summary>
    public bool Next() => Hits(Interlocked.Increment(ref _decisions) - 1);

    /// <summary>Whether decision <paramref name="index"/> (0-based) is hit.</summary>
    internal bool Hits(long index)
    {
        if (_basisPoints == 0)
        {
            return false;
        }

        if (_basisPoints == Scale)
        {
            return true;
        }

        // Stratum j holds the decisions i with j <= i * bp / Scale < j + 1, that is [ceil(j*Scale/bp), ceil((j+1)*Scale/bp)).
        var stratum = index * _basisPoints / Scale;
        var first = CeilDiv(stratum * Scale, _basisPoints);
        var end = CeilDiv((stratum + 1) * Scale, _basisPoints);
        var pick = first + (long)(Mix(_seed ^ (ulong)stratum) % (ulong)(end - first));
        return index == pick;
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;

    /// <summary>SplitMix64's finaliser: a well-spread 64-bit hash of the seed and stratum.</summary>
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
