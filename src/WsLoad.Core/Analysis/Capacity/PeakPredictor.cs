namespace WsLoad.Analysis.Capacity;

/// <summary>Turns a <see cref="UslFit"/> into a <see cref="CapacityPeak"/> (delta-method uncertainties).</summary>
internal static class PeakPredictor
{
    public const double Z95 = 1.96;

    public static CapacityPeak Predict(UslFit fit, double smallestMeasured, double largestMeasured, int inFlightPerConnection)
    {
        var (lambda, sigma, kappa) = (fit.Lambda, fit.Sigma, fit.Kappa);
        var atLargest = fit.Predict(largestMeasured);
        var atLargestError = Propagate(fit, UslModel.Gradient(lambda, sigma, kappa, largestMeasured));
        var peak = new CapacityPeak
        {
            Location = PeakLocation.Unbounded,
            LargestMeasuredConcurrency = largestMeasured,
            ThroughputAtLargestMeasured = atLargest,
            ThroughputAtLargestMeasuredStdError = atLargestError,
        };

        if (kappa <= 0)
        {
            if (sigma <= 0)
                return peak;
            var asymptote = lambda / sigma;
            var error = Propagate(fit, [1 / sigma, -lambda / (sigma * sigma), 0]);
            return WithMax(peak, asymptote, error);
        }

        // σ ≥ 1 means throughput falls from the first unit on: the peak is at N = 1.
        var nStar = sigma < 1 ? Math.Sqrt((1 - sigma) / kappa) : 1;
        var nStarError = sigma < 1 ? Propagate(fit, [0, -1 / (2 * kappa * nStar), -nStar / (2 * kappa)]) : 0;
        var max = fit.Predict(nStar);
        var maxError = Propagate(fit, UslModel.Gradient(lambda, sigma, kappa, nStar));
        return WithMax(peak, max, maxError) with
        {
            Location = nStar > largestMeasured ? PeakLocation.BeyondMeasuredRange
                : nStar < smallestMeasured ? PeakLocation.BelowMeasuredRange
                : PeakLocation.WithinMeasuredRange,
            PeakConcurrency = nStar,
            PeakConcurrencyStdError = nStarError,
            PeakConnections = nStar / inFlightPerConnection,
            PeakConnectionsStdError = nStarError / inFlightPerConnection,
        };
    }

    private static CapacityPeak WithMax(CapacityPeak peak, double max, double error) => peak with
    {
        MaxThroughput = max,
        MaxThroughputStdError = error,
        MaxThroughputLow95 = max - (Z95 * error),
        MaxThroughputHigh95 = max + (Z95 * error),
    };

    /// <summary>√(gᵀ C g): the standard error of a function of (λ, σ, κ) with gradient g.</summary>
    private static double Propagate(UslFit fit, double[] gradient)
    {
        var variance = 0.0;
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
                variance += gradient[i] * fit.Covariance[i][j] * gradient[j];
        }

        return Math.Sqrt(Math.Max(0, variance));
    }
}
