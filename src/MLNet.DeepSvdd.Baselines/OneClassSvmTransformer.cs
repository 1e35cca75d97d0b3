namespace MLNet.DeepSvdd.Baselines;

/// <summary>
/// A fitted one-class SVM. <c>Score</c> is −f(x), with f(x) = Σ α_i exp(−γ‖x_i − x‖²) − ρ the decision function (scikit-learn's
/// <c>decision_function</c>, LIBSVM's scaling), so higher = more anomalous; <c>PredictedLabel</c> is Score &gt;
/// <see cref="DetectorTransformer.Threshold"/>, which is 0 (f(x) &lt; 0: outside the learned region) unless changed with
/// <see cref="WithThreshold"/>. Only the support vectors are kept.
/// </summary>
public sealed class OneClassSvmTransformer : AnomalyDetectorTransformer
{
    internal OneClassSvmTransformer(OneClassSvmModel model, string featureColumnName, float threshold)
        : base(model, featureColumnName, threshold)
    {
        Model = model;
    }

    /// <summary>γ of the RBF kernel.</summary>
    public double Gamma => Model.Gamma;

    /// <summary>ν the model was trained with.</summary>
    public double Nu => Model.Nu;

    /// <summary>ρ, the offset of the decision function (scikit-learn's <c>offset_</c>, −<c>intercept_</c>).</summary>
    public double Rho => Model.Rho;

    /// <summary>The number of support vectors (training rows with α_i &gt; 0).</summary>
    public int SupportVectorCount => Model.SupportVectorCount;

    /// <summary>The α_i of the support vectors, in training order: each in (0, 1], summing to ν·n (scikit-learn's <c>dual_coef_</c>).</summary>
    public IReadOnlyList<double> DualCoefficients => Model.Coefficients;

    /// <summary>The number of training rows n.</summary>
    public int TrainingRows => Model.TrainingRows;

    /// <summary>Solver iterations used.</summary>
    public int Iterations => Model.Iterations;

    /// <summary>Whether the solver reached the tolerance (false: it stopped at MaxIterations).</summary>
    public bool Converged => Model.Converged;

    internal OneClassSvmModel Model { get; }

    /// <summary>Support vector <paramref name="index"/> (0 ≤ index &lt; <see cref="SupportVectorCount"/>), a copy.</summary>
    public float[] GetSupportVector(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SupportVectorCount);
        return Model.SupportVector(index).ToArray();
    }

    /// <summary>f(x) = Σ α_i K(x_i, x) − ρ of one row, in double precision: positive inside the learned region, negative outside.</summary>
    /// <exception cref="ArgumentException">The row does not have <see cref="AnomalyDetectorTransformer.InputSize"/> values.</exception>
    public double DecisionFunction(ReadOnlySpan<float> features)
    {
        if (features.Length != InputSize)
            throw new ArgumentException($"The row has {features.Length} values; the model expects {InputSize}.", nameof(features));
        return Model.Decision(features);
    }

    /// <summary>A copy of this model with another decision threshold on <c>Score</c> (the support vectors are shared, not copied).</summary>
    public OneClassSvmTransformer WithThreshold(float threshold) =>
        new(Model, FeatureColumnName, CheckThreshold(threshold)) { Environment = Environment };
}
