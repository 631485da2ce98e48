namespace WsLoad.Analysis.Capacity;

/// <summary>The USL function and its partial derivatives in the real parameters (λ, σ, κ).</summary>
internal static class UslModel
{
    public static double Throughput(double lambda, double sigma, double kappa, double n) =>
        lambda * n / Denominator(sigma, kappa, n);

    /// <summary>∂X/∂(λ, σ, κ) at concurrency <paramref name="n"/>.</summary>
    public static double[] Gradient(double lambda, double sigma, double kappa, double n)
    {
        var d = Denominator(sigma, kappa, n);
        var spread = lambda * n * (n - 1) / (d * d);
        return [n / d, -spread, -spread * n];
    }

    private static double Denominator(double sigma, double kappa, double n) => 1 + (sigma * (n - 1)) + (kappa * n * (n - 1));
}
