using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace WsLoad.Analysis.Capacity;

/// <summary>
/// Fits <see cref="UslFit"/> to (concurrency, throughput) points with MathNet's Levenberg–Marquardt minimiser.
/// <para>
/// The parameters are fitted scaled to O(1) (a = λ·Nmax/Xmax, s = σ·Nmax, k = κ·Nmax²) so that the damping treats
/// them alike. The start comes from the USL's linear form: N/X = ((1−σ) + (σ−κ)N + κN²)/λ is a quadratic in N
/// (least squares by MathNet's <c>Fit.Polynomial</c>). When the free fit makes κ or σ negative, that parameter is held
/// at zero and the rest refitted (κ first: no retrograde scaling seen means Amdahl's law).
/// </para>
/// </summary>
internal static class UslFitter
{
    public const int MaxIterations = 2000;

    private static readonly string[] Names = ["lambda", "sigma", "kappa"];

    /// <summary>The fit, or null with a reason when it does not converge to finite values.</summary>
    public static UslFit? Fit(IReadOnlyList<(double N, double X)> points, out string? failure)
    {
        var nMax = points.Max(p => p.N);
        var xMax = points.Max(p => p.X);
        failure = null;
        if (nMax <= 0 || xMax <= 0)
        {
            failure = "no throughput measured";
            return null;
        }

        var unscale = new[] { xMax / nMax, 1 / nMax, 1 / (nMax * nMax) };
        var start = StartingPoint(points, nMax, xMax);
        var free = new[] { true, true, true };
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var result = Minimise(points, free, start, nMax, xMax);
            var full = Expand(result.MinimizingPoint, free);
            if (!full.All(double.IsFinite))
            {
                failure = $"the fit did not converge ({result.ReasonForExit})";
                return null;
            }

            // Hold a negative κ (then σ) at zero and refit the rest.
            var negative = free[2] && full[2] < 0 ? 2 : free[1] && full[1] < 0 ? 1 : -1;
            if (negative >= 0)
            {
                free[negative] = false;
                start = full.Select((v, i) => free[i] ? Math.Max(v, 1e-3) : 0).ToArray();
                continue;
            }

            return Describe(points, result, full, free, unscale);
        }

        failure = "the fit kept driving σ and κ negative";
        return null;
    }

    private static NonlinearMinimizationResult Minimise(IReadOnlyList<(double N, double X)> points, bool[] free, double[] start, double nMax, double xMax)
    {
        var x = Vector<double>.Build.DenseOfEnumerable(points.Select(p => p.N));
        var y = Vector<double>.Build.DenseOfEnumerable(points.Select(p => p.X / xMax));
        Vector<double> Function(Vector<double> p, Vector<double> n)
        {
            var (a, s, k) = Scaled(p, free);
            return n.Map(v => UslModel.Throughput(a / nMax, s / nMax, k / (nMax * nMax), v));
        }

        Matrix<double> Derivatives(Vector<double> p, Vector<double> n)
        {
            var (a, s, k) = Scaled(p, free);
            var scale = new[] { 1 / nMax, 1 / nMax, 1 / (nMax * nMax) };
            var columns = Enumerable.Range(0, 3).Where(i => free[i]).ToArray();
            return Matrix<double>.Build.Dense(n.Count, columns.Length, (row, column) =>
                UslModel.Gradient(a / nMax, s / nMax, k / (nMax * nMax), n[row])[columns[column]] * scale[columns[column]]);
        }

        var model = ObjectiveFunction.NonlinearModel(Function, Derivatives, x, y);
        var guess = Vector<double>.Build.DenseOfEnumerable(start.Where((_, i) => free[i]));
        var minimizer = new LevenbergMarquardtMinimizer(maximumIterations: MaxIterations);
        return minimizer.FindMinimum(model, guess);
    }

    private static (double A, double S, double K) Scaled(Vector<double> p, bool[] free)
    {
        var full = Expand(p, free);
        return (full[0], full[1], full[2]);
    }

    private static double[] Expand(Vector<double> p, bool[] free)
    {
        var full = new double[3];
        var j = 0;
        for (var i = 0; i < 3; i++)
            full[i] = free[i] ? p[j++] : 0;
        return full;
    }

    // From N/X = c0 + c1·N + c2·N²: λ = 1/(c0+c1+c2), κ = c2·λ, σ = c1·λ + κ; scaled, and kept positive.
    private static double[] StartingPoint(IReadOnlyList<(double N, double X)> points, double nMax, double xMax)
    {
        var perUnit = points.Max(p => p.X / p.N);
        double lambda = perUnit, sigma = 0, kappa = 0;
        if (points.Count >= 3)
        {
            var c = MathNet.Numerics.Fit.Polynomial([.. points.Select(p => p.N)], [.. points.Select(p => p.N / p.X)], 2);
            var sum = c[0] + c[1] + c[2];
            if (sum > 0 && c.All(double.IsFinite))
            {
                lambda = 1 / sum;
                kappa = c[2] * lambda;
                sigma = (c[1] * lambda) + kappa;
            }
        }

        return [lambda * nMax / xMax, Math.Max(sigma * nMax, 1e-2), Math.Max(kappa * nMax * nMax, 1e-2)];
    }

    private static UslFit Describe(IReadOnlyList<(double N, double X)> points, NonlinearMinimizationResult result, double[] scaled, bool[] free, double[] unscale)
    {
        var value = scaled.Select((v, i) => v * unscale[i]).ToArray();
        var freeIndex = Enumerable.Range(0, 3).Where(i => free[i]).ToArray();
        var covariance = new double[3][];
        for (var i = 0; i < 3; i++)
            covariance[i] = new double[3];
        for (var i = 0; i < freeIndex.Length; i++)
        {
            for (var j = 0; j < freeIndex.Length; j++)
            {
                var c = result.Covariance?[i, j] ?? double.NaN;
                covariance[freeIndex[i]][freeIndex[j]] = c * unscale[freeIndex[i]] * unscale[freeIndex[j]];
            }
        }

        var mean = points.Average(p => p.X);
        var ssRes = points.Sum(p => Math.Pow(p.X - UslModel.Throughput(value[0], value[1], value[2], p.N), 2));
        var ssTot = points.Sum(p => Math.Pow(p.X - mean, 2));
        return new UslFit
        {
            Lambda = value[0],
            Sigma = value[1],
            Kappa = value[2],
            LambdaStdError = Math.Sqrt(covariance[0][0]),
            SigmaStdError = Math.Sqrt(covariance[1][1]),
            KappaStdError = Math.Sqrt(covariance[2][2]),
            FixedAtZero = [.. Enumerable.Range(1, 2).Where(i => !free[i]).Select(i => Names[i])],
            Covariance = covariance,
            Points = points.Count,
            DegreesOfFreedom = points.Count - freeIndex.Length,
            RSquared = ssTot == 0 ? 1 : 1 - (ssRes / ssTot),
            RelativeRmse = mean == 0 ? 0 : Math.Sqrt(ssRes / points.Count) / mean,
            Iterations = result.Iterations,
            ExitCondition = result.ReasonForExit.ToString(),
        };
    }
}
