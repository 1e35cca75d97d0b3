namespace MLNet.DeepSvdd.Training;

/// <summary>
/// Decides whether a model is collapsed, from the per-dimension variance of its training features and the spread of its training scores.
/// Collapsed when the mean feature variance relative to the centre's scale (mean c_j², at least ε² by the centre rule) is below the
/// tolerance, or when the training scores are (almost) all equal: (max − min) ≤ tolerance·|median|.
/// </summary>
internal static class CollapseDetector
{
    public static CollapseAssessment Assess(double meanFeatureVariance, double meanSquaredCenter, IReadOnlyList<float> trainingScores, double tolerance)
    {
        double relative = meanFeatureVariance / Math.Max(meanSquaredCenter, 1e-12);
        double min = trainingScores.Min(), max = trainingScores.Max();
        double median = Quantile.Of(trainingScores, 0.5);
        double spread = (max - min) / Math.Max(Math.Abs(median), 1e-12);
        if (relative < tolerance)
        {
            return new(true, meanFeatureVariance, relative, spread, tolerance,
                $"the features of all {trainingScores.Count} training rows converged to one point: mean per-dimension variance " +
                $"{meanFeatureVariance:G3}, {relative:G3} relative to the centre's scale, below the tolerance {tolerance:G3}");
        }
        if (spread <= tolerance)
        {
            return new(true, meanFeatureVariance, relative, spread, tolerance,
                $"all {trainingScores.Count} training rows get the same score ({median:G6}; spread {spread:G3}, tolerance {tolerance:G3})");
        }
        return new(false, meanFeatureVariance, relative, spread, tolerance,
            $"not collapsed: relative feature variance {relative:G3} and score spread {spread:G3} are above the tolerance {tolerance:G3}");
    }
}
