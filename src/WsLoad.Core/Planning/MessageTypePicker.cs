using WsLoad.Scenarios;

namespace WsLoad.Planning;

/// <summary>
/// Weighted choice of a message type: maps a uniform random number in [0, 1) to a type index with probability
/// proportional to the type's weight (cumulative weights, binary search). Taking the random number as an argument
/// keeps it deterministic under test. Immutable, so safe to share across threads.
/// </summary>
internal sealed class MessageTypePicker
{
    private readonly double[] cumulative; // cumulative[i] = sum of weights 0..i
    private readonly int lastPositive;

    public MessageTypePicker(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new ArgumentException("at least one message type is needed", nameof(weights));
        }

        cumulative = new double[weights.Count];
        var sum = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            var weight = weights[i];
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(weights), weight, $"weight {i} must be a finite number, zero or more");
            }

            sum += weight;
            cumulative[i] = sum;
            lastPositive = weight > 0 ? i : lastPositive;
        }

        if (!(sum > 0) || !double.IsFinite(sum))
        {
            throw new ArgumentException("the weights must add up to a positive finite number", nameof(weights));
        }
    }

    /// <summary>How many types the picker chooses from.</summary>
    public int Count => cumulative.Length;

    public static MessageTypePicker For(IReadOnlyList<MessageType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return new MessageTypePicker([.. types.Select(type => type.Weight)]);
    }

    /// <summary>
    /// The index of the type for <paramref name="uniform"/> in [0, 1): type i covers
    /// [cumulative(i−1), cumulative(i)) / total, so zero-weight types are never chosen.
    /// </summary>
    public int Pick(double uniform)
    {
        if (!(uniform >= 0 && uniform < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(uniform), uniform, "must be in [0, 1)");
        }

        var target = uniform * cumulative[^1];
        int low = 0, high = cumulative.Length; // first index with cumulative > target
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (cumulative[mid] > target)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        // Rounding can put target at the total itself; that belongs to the last type with any weight.
        return Math.Min(low, lastPositive);
    }
}
