namespace MLNet.DeepSvdd.Baselines.Svm;

/// <summary>
/// The SMO-type decomposition solver of LIBSVM (Chang &amp; Lin 2011; Fan, Chen &amp; Lin 2005) for the ν one-class dual of Schölkopf et al.
/// (2001), in LIBSVM's scaling (the one scikit-learn's <c>OneClassSVM</c> uses):
/// <code>
/// min ½ αᵀQα   subject to   0 ≤ α_i ≤ 1,   Σ α_i = ν·n,        Q_ij = K(x_i, x_j)
/// </code>
/// (Schölkopf's box 0 ≤ α_i ≤ 1/(νn) with Σα = 1 is the same problem divided by νn.) Each iteration picks the working pair (i, j) by
/// the second-order rule of Fan, Chen &amp; Lin (i: the maximal violator, j: the largest guaranteed decrease of the objective), solves the
/// two-variable sub-problem analytically, clips it to the box, and updates the gradient G = Qα with two kernel rows. It stops when the
/// maximal violation m(α) − M(α) falls below the tolerance. With shrinking, variables stuck at a bound are set aside periodically (kernel
/// rows are then computed only over the active ones) and the full gradient is rebuilt before the final check. ρ is the mean gradient over
/// the free variables (0 &lt; α &lt; 1), so f(x) = Σ α_i K(x_i, x) − ρ vanishes on them. The code follows LIBSVM's <c>Solver</c> step
/// by step, including its initial point and tie-breaking, so the iterates match LIBSVM's up to the rounding of kernel values.
/// </summary>
internal sealed class SmoSolver
{
    private const double Tau = 1e-12;
    private const double UpperBound = 1.0;

    private readonly KernelMatrix q;
    private readonly int n;
    private readonly double tolerance;
    private readonly bool shrinking;
    private readonly double[] alpha;
    private readonly Status[] status;
    private readonly double[] gradient;
    private readonly double[] gradientAtBound;
    private readonly int[] activeSet;
    private int activeSize;
    private bool unshrunk;

    private enum Status : byte
    {
        Lower,
        Upper,
        Free,
    }

    public sealed record Result(double[] Alpha, double Rho, double Objective, int Iterations, bool Converged, long KernelRowsComputed);

    private SmoSolver(KernelMatrix q, int n, double nu, double tolerance, bool shrinking)
    {
        this.q = q;
        this.n = n;
        this.tolerance = tolerance;
        this.shrinking = shrinking;
        alpha = new double[n];
        status = new Status[n];
        gradient = new double[n];
        gradientAtBound = new double[n];
        activeSet = Enumerable.Range(0, n).ToArray();
        activeSize = n;

        // LIBSVM's feasible start: the first ⌊νn⌋ variables at the upper bound, the next one holding the remainder.
        double total = nu * n;
        int full = (int)total;
        for (int i = 0; i < full; i++) alpha[i] = UpperBound;
        if (full < n) alpha[full] = total - full;
        for (int i = 0; i < n; i++) UpdateStatus(i);
    }

    /// <summary>Solves the one-class dual over the points of <paramref name="q"/>; α is returned in the original order of the points.</summary>
    public static Result Solve(KernelMatrix q, int n, double nu, double tolerance, int maxIterations, bool shrinking, Action? checkCanceled = null) =>
        new SmoSolver(q, n, nu, tolerance, shrinking).Run(maxIterations, checkCanceled);

    private Result Run(int maxIterations, Action? checkCanceled)
    {
        InitializeGradient();
        int iterations = 0;
        int counter = Math.Min(n, 1000) + 1;
        bool converged = false;
        while (iterations < maxIterations)
        {
            if (--counter == 0)
            {
                counter = Math.Min(n, 1000);
                if (shrinking) Shrink();
                checkCanceled?.Invoke();
            }
            if (!SelectWorkingSet(out int i, out int j))
            {
                ReconstructGradient();
                activeSize = n;
                if (!SelectWorkingSet(out i, out j))
                {
                    converged = true;
                    break;
                }
                counter = 1;
            }
            iterations++;
            Update(i, j);
        }
        if (!converged && activeSize < n)
        {
            ReconstructGradient();
            activeSize = n;
        }

        double objective = 0;
        for (int i = 0; i < n; i++) objective += alpha[i] * gradient[i];
        var result = new double[n];
        for (int i = 0; i < n; i++) result[activeSet[i]] = alpha[i];
        return new Result(result, Rho(), objective / 2, iterations, converged, q.RowsComputed);
    }

    private void InitializeGradient()
    {
        for (int i = 0; i < n; i++)
        {
            if (status[i] == Status.Lower) continue;
            var row = q.Row(i, n);
            double a = alpha[i];
            for (int j = 0; j < n; j++) gradient[j] += a * row[j];
            if (status[i] == Status.Upper)
            {
                for (int j = 0; j < n; j++) gradientAtBound[j] += UpperBound * row[j];
            }
        }
    }

    /// <summary>
    /// LIBSVM's second-order working-set selection (all labels +1): i maximises −G_i over α_i &lt; 1; j, among α_j &gt; 0 with
    /// b = −G_i + G_j &gt; 0, minimises −b² / (Q_ii + Q_jj − 2Q_ij). False when the maximal violation is below the tolerance.
    /// </summary>
    private bool SelectWorkingSet(out int outI, out int outJ)
    {
        double gMax = double.NegativeInfinity, gMax2 = double.NegativeInfinity;
        int gMaxIndex = -1, gMinIndex = -1;
        double objectiveDecreaseMin = double.PositiveInfinity;
        for (int t = 0; t < activeSize; t++)
        {
            if (status[t] != Status.Upper && -gradient[t] >= gMax)
            {
                gMax = -gradient[t];
                gMaxIndex = t;
            }
        }
        int i = gMaxIndex;
        float[]? rowI = i >= 0 ? q.Row(i, activeSize) : null;
        for (int j = 0; j < activeSize; j++)
        {
            if (status[j] == Status.Lower) continue;
            double gradientDifference = gMax + gradient[j];
            if (gradient[j] >= gMax2) gMax2 = gradient[j];
            if (gradientDifference > 0)
            {
                double quadratic = q.Diagonal(i) + q.Diagonal(j) - 2.0 * rowI![j];
                double decrease = -(gradientDifference * gradientDifference) / (quadratic > 0 ? quadratic : Tau);
                if (decrease <= objectiveDecreaseMin)
                {
                    gMinIndex = j;
                    objectiveDecreaseMin = decrease;
                }
            }
        }
        outI = gMaxIndex;
        outJ = gMinIndex;
        return !(gMax + gMax2 < tolerance || gMinIndex == -1);
    }

    /// <summary>Solves the sub-problem in (α_i, α_j) with α_i + α_j fixed, clips it to the box, and updates G and Ḡ.</summary>
    private void Update(int i, int j)
    {
        var rowI = q.Row(i, activeSize);
        var rowJ = q.Row(j, activeSize);
        double oldI = alpha[i], oldJ = alpha[j];
        double quadratic = q.Diagonal(i) + q.Diagonal(j) - 2 * rowI[j];
        if (quadratic <= 0) quadratic = Tau;
        double delta = (gradient[i] - gradient[j]) / quadratic;
        double sum = alpha[i] + alpha[j];
        alpha[i] -= delta;
        alpha[j] += delta;
        ClipToBox(alpha, i, j, sum);
        ClipToBox(alpha, j, i, sum);

        double deltaI = alpha[i] - oldI, deltaJ = alpha[j] - oldJ;
        for (int k = 0; k < activeSize; k++) gradient[k] += rowI[k] * deltaI + rowJ[k] * deltaJ;

        bool wasUpperI = status[i] == Status.Upper, wasUpperJ = status[j] == Status.Upper;
        UpdateStatus(i);
        UpdateStatus(j);
        if (wasUpperI != (status[i] == Status.Upper)) UpdateGradientAtBound(i, wasUpperI ? -UpperBound : UpperBound);
        if (wasUpperJ != (status[j] == Status.Upper)) UpdateGradientAtBound(j, wasUpperJ ? -UpperBound : UpperBound);
    }

    /// <summary>
    /// One half of clipping (α_first, α_second) with α_first + α_second = <paramref name="sum"/> back into the box [0, C]²: when the sum
    /// exceeds C, α_first is capped at C; otherwise α_second is raised to 0 (LIBSVM's order: called for (i, j), then for (j, i)).
    /// </summary>
    private static void ClipToBox(double[] alpha, int first, int second, double sum)
    {
        if (sum > UpperBound)
        {
            if (alpha[first] > UpperBound)
            {
                alpha[first] = UpperBound;
                alpha[second] = sum - UpperBound;
            }
        }
        else if (alpha[second] < 0)
        {
            alpha[second] = 0;
            alpha[first] = sum;
        }
    }

    /// <summary>Ḡ = Σ over α at the upper bound of C·Q_i, kept for every point so shrunk gradients can be rebuilt.</summary>
    private void UpdateGradientAtBound(int i, double change)
    {
        var row = q.Row(i, n);
        for (int k = 0; k < n; k++) gradientAtBound[k] += change * row[k];
    }

    private void UpdateStatus(int i) =>
        status[i] = alpha[i] >= UpperBound ? Status.Upper : alpha[i] <= 0 ? Status.Lower : Status.Free;

    /// <summary>Rebuilds G of the inactive points from Ḡ and the free variables (LIBSVM's <c>reconstruct_gradient</c>).</summary>
    private void ReconstructGradient()
    {
        if (activeSize == n) return;
        for (int j = activeSize; j < n; j++) gradient[j] = gradientAtBound[j];
        int free = 0;
        for (int j = 0; j < activeSize; j++) if (status[j] == Status.Free) free++;
        if ((long)free * n > 2L * activeSize * (n - activeSize))
        {
            for (int i = activeSize; i < n; i++)
            {
                var row = q.Row(i, activeSize);
                for (int j = 0; j < activeSize; j++)
                {
                    if (status[j] == Status.Free) gradient[i] += alpha[j] * row[j];
                }
            }
        }
        else
        {
            for (int i = 0; i < activeSize; i++)
            {
                if (status[i] != Status.Free) continue;
                var row = q.Row(i, n);
                double a = alpha[i];
                for (int j = activeSize; j < n; j++) gradient[j] += a * row[j];
            }
        }
    }

    /// <summary>LIBSVM's <c>do_shrinking</c>: moves variables at a bound that cannot become violators to the end of the active set.</summary>
    private void Shrink()
    {
        double gMax1 = double.NegativeInfinity, gMax2 = double.NegativeInfinity;
        for (int i = 0; i < activeSize; i++)
        {
            if (status[i] != Status.Upper && -gradient[i] >= gMax1) gMax1 = -gradient[i];
            if (status[i] != Status.Lower && gradient[i] >= gMax2) gMax2 = gradient[i];
        }
        if (!unshrunk && gMax1 + gMax2 <= tolerance * 10)
        {
            unshrunk = true;
            ReconstructGradient();
            activeSize = n;
        }
        for (int i = 0; i < activeSize; i++)
        {
            if (!CanShrink(i, gMax1, gMax2)) continue;
            activeSize--;
            while (activeSize > i)
            {
                if (!CanShrink(activeSize, gMax1, gMax2))
                {
                    Swap(i, activeSize);
                    break;
                }
                activeSize--;
            }
        }
    }

    private bool CanShrink(int i, double gMax1, double gMax2) => status[i] switch
    {
        Status.Upper => -gradient[i] > gMax1,
        Status.Lower => gradient[i] > gMax2,
        _ => false,
    };

    private void Swap(int i, int j)
    {
        q.Swap(i, j);
        (gradient[i], gradient[j]) = (gradient[j], gradient[i]);
        (status[i], status[j]) = (status[j], status[i]);
        (alpha[i], alpha[j]) = (alpha[j], alpha[i]);
        (activeSet[i], activeSet[j]) = (activeSet[j], activeSet[i]);
        (gradientAtBound[i], gradientAtBound[j]) = (gradientAtBound[j], gradientAtBound[i]);
    }

    /// <summary>
    /// ρ: the mean of G over the free variables; without any, the midpoint of the interval [max G at the upper bound, min G at the
    /// lower bound] the KKT conditions leave. When one end is open (ν = 1: every α_i = 1) ρ is the finite end, where LIBSVM would return
    /// ∞ (scikit-learn then refuses to fit).
    /// </summary>
    private double Rho()
    {
        double upper = double.PositiveInfinity, lower = double.NegativeInfinity, sumFree = 0;
        int free = 0;
        for (int i = 0; i < activeSize; i++)
        {
            switch (status[i])
            {
                case Status.Upper: lower = Math.Max(lower, gradient[i]); break;
                case Status.Lower: upper = Math.Min(upper, gradient[i]); break;
                default: free++; sumFree += gradient[i]; break;
            }
        }
        if (free > 0) return sumFree / free;
        if (double.IsPositiveInfinity(upper)) return lower;
        if (double.IsNegativeInfinity(lower)) return upper;
        return (upper + lower) / 2;
    }
}
