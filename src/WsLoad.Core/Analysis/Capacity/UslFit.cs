namespace WsLoad.Analysis.Capacity;

/// <summary>
/// The Universal Scalability Law fitted to throughput against concurrency: X(N) = λN / (1 + σ(N−1) + κN(N−1)).
/// λ is the throughput of one unit of concurrency, σ the contention (serialised share), κ the coherency cost
/// (crosstalk). Standard errors come from the Levenberg–Marquardt fit's covariance (residual variance × (JᵀJ)⁻¹).
/// </summary>
public sealed record UslFit
{
    public double Lambda { get; init; }

    public double Sigma { get; init; }

    public double Kappa { get; init; }

    public double LambdaStdError { get; init; }

    public double SigmaStdError { get; init; }

    public double KappaStdError { get; init; }

    /// <summary>
    /// Parameters held at zero because the free fit made them negative (physically meaningless): <c>kappa</c> (the
    /// data show no retrograde scaling: Amdahl's law) and/or <c>sigma</c>. Their standard errors are zero.
    /// </summary>
    public IReadOnlyList<string> FixedAtZero { get; init; } = [];

    /// <summary>The parameter covariance in the order λ, σ, κ (3 × 3, rows of 3).</summary>
    public IReadOnlyList<IReadOnlyList<double>> Covariance { get; init; } = [];

    public int Points { get; init; }

    /// <summary>Points − free parameters.</summary>
    public int DegreesOfFreedom { get; init; }

    /// <summary>1 − SSres/SStot of throughput.</summary>
    public double RSquared { get; init; }

    /// <summary>Root mean square residual / mean throughput.</summary>
    public double RelativeRmse { get; init; }

    public int Iterations { get; init; }

    /// <summary>Why the minimiser stopped (MathNet's <c>ExitCondition</c>).</summary>
    public string ExitCondition { get; init; } = "";

    /// <summary>The model's throughput at concurrency <paramref name="n"/>.</summary>
    public double Predict(double n) => UslModel.Throughput(Lambda, Sigma, Kappa, n);
}
