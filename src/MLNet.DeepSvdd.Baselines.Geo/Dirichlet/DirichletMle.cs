namespace MLNet.DeepSvdd.Baselines.Geo.Dirichlet;

/// <summary>
/// Maximum-likelihood Dirichlet parameters from observations p on the simplex, via their sufficient statistic, the mean log
/// probabilities log p̄_k = (1/N) Σ_i log p_ik (Minka 2000, "Estimating a Dirichlet distribution"). The likelihood is concave in α, and
/// its maximum satisfies ψ(α_k) − ψ(Σ_j α_j) = log p̄_k. The fit starts from Minka's moment-matching estimate and takes Newton steps
/// that use the Hessian's diagonal-plus-constant structure (O(K) per step); a step that would leave α &gt; 0 is replaced by Minka's
/// fixed-point update α_k ← ψ⁻¹(ψ(Σα) + log p̄_k), which always stays feasible and increases the likelihood.
/// </summary>
internal static class DirichletMle
{
    /// <summary>The result of a fit.</summary>
    /// <param name="Alpha">The estimated α (all &gt; 0).</param>
    /// <param name="Iterations">Steps taken.</param>
    /// <param name="Converged">Whether the largest relative change of α fell below the tolerance.</param>
    public sealed record Fit(double[] Alpha, int Iterations, bool Converged);

    /// <summary>Fits α from the mean log probabilities, starting at <paramref name="initial"/>.</summary>
    public static Fit FromMeanLog(ReadOnlySpan<double> meanLog, ReadOnlySpan<double> initial, double tolerance = 1e-10, int maxIterations = 1000)
    {
        int k = meanLog.Length;
        if (k < 2) throw new ArgumentException("A Dirichlet needs at least 2 components.", nameof(meanLog));
        if (initial.Length != k) throw new ArgumentException($"The initial α has {initial.Length} components; expected {k}.", nameof(initial));
        var alpha = initial.ToArray();
        var logP = meanLog.ToArray();
        for (int i = 0; i < k; i++)
        {
            if (!double.IsFinite(logP[i]) || logP[i] > 0) throw new ArgumentOutOfRangeException(nameof(meanLog), $"Mean log probability {i} is {logP[i]}; expected a finite value ≤ 0.");
            if (!(alpha[i] > 0) || !double.IsFinite(alpha[i])) alpha[i] = 1;
        }
        var next = new double[k];
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            double sum = alpha.Sum();
            double psiSum = SpecialFunctions.Digamma(sum);
            // Newton: gradient g_k = ψ(Σα) − ψ(α_k) + log p̄_k; Hessian = diag(q) + z·11ᵀ with q_k = −ψ′(α_k), z = ψ′(Σα).
            double z = SpecialFunctions.Trigamma(sum);
            double sumGOverQ = 0, sumInvQ = 0;
            var g = new double[k];
            var q = new double[k];
            for (int i = 0; i < k; i++)
            {
                g[i] = psiSum - SpecialFunctions.Digamma(alpha[i]) + logP[i];
                q[i] = -SpecialFunctions.Trigamma(alpha[i]);
                sumGOverQ += g[i] / q[i];
                sumInvQ += 1 / q[i];
            }
            double b = sumGOverQ / (1 / z + sumInvQ);
            bool feasible = true;
            for (int i = 0; i < k; i++)
            {
                next[i] = alpha[i] - (g[i] - b) / q[i];
                if (!(next[i] > 0) || !double.IsFinite(next[i])) feasible = false;
            }
            if (!feasible)
            {
                for (int i = 0; i < k; i++) next[i] = SpecialFunctions.InverseDigamma(psiSum + logP[i]);
            }
            double change = 0;
            for (int i = 0; i < k; i++) change = Math.Max(change, Math.Abs(next[i] - alpha[i]) / alpha[i]);
            (alpha, next) = (next, alpha);
            if (change < tolerance) return new Fit(alpha, iteration, true);
        }
        return new Fit(alpha, maxIterations, false);
    }

    /// <summary>
    /// Minka's moment-matching start (his eq. 21–23 in spirit): α_k = E[p_k] · s with the precision s = (E[p_1] − E[p_1²]) /
    /// (E[p_1²] − E[p_1]²) estimated from every component and combined by the median; s falls back to K when the moments are degenerate.
    /// </summary>
    public static double[] MomentMatching(ReadOnlySpan<double> meanP, ReadOnlySpan<double> meanPSquared)
    {
        int k = meanP.Length;
        var estimates = new List<double>(k);
        for (int i = 0; i < k; i++)
        {
            double variance = meanPSquared[i] - meanP[i] * meanP[i];
            double s = (meanP[i] - meanPSquared[i]) / variance;
            if (variance > 1e-300 && double.IsFinite(s) && s > 0) estimates.Add(s);
        }
        estimates.Sort();
        double precision = estimates.Count > 0 ? estimates[estimates.Count / 2] : k;
        var alpha = new double[k];
        for (int i = 0; i < k; i++) alpha[i] = Math.Max(meanP[i] * precision, 1e-6);
        return alpha;
    }
}
