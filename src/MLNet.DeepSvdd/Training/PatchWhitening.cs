using MLNet.DeepSvdd.Runtime;

namespace MLNet.DeepSvdd.Training;

/// <summary>
/// The patch projection's starting point: the whitening of the training patches. With μ and Σ the mean and covariance of the patch features
/// e (<see cref="PatchEmbedding.Embed"/>) over every position of every training image, and Σ shrunk towards a multiple of the identity,
/// Σ' = Σ + <see cref="Shrinkage"/>·(tr Σ / C)·I (C = the patch stage's channels, 64 for layer1; the shrinkage keeps directions in which the normal patches barely vary from
/// dominating), the projection is set to W = L⁻¹ with L Lᵀ = Σ' (Cholesky) and no bias. Then ‖W e − W μ‖² = (e − μ)ᵀ Σ'⁻¹ (e − μ): at epoch 0
/// every patch's squared distance to the centre (the mean projected patch, W μ) is its Mahalanobis distance, the Gaussian estimator of
/// PaDiM (Defard et al. 2021) with one covariance for all positions. Deep SVDD's training starts from there.
/// </summary>
internal static class PatchWhitening
{
    /// <summary>The shrinkage of the covariance towards (tr Σ / C)·I: 0.01.</summary>
    public const double Shrinkage = 0.01;

    /// <summary>Sets the patch projection of <paramref name="network"/> from the training rows staged in <paramref name="inputs"/>.</summary>
    public static void Apply(FeatureMap network, StagedInputs inputs, int stages, int batchRows, Action? checkCanceled = null)
    {
        var patch = (network.Backbone as ResNet)?.Patch ?? throw new InvalidOperationException("The network has no patch branch.");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        network.eval();
        Tensor? sum = null, outer = null;
        long n = 0;
        for (long start = 0; start < inputs.Rows; start += batchRows)
        {
            using var batchScope = NewDisposeScope();
            var features = network.PatchFeatures(inputs.Slice(start, Math.Min(batchRows, inputs.Rows - start)), stages);
            var e = features.permute(0, 2, 3, 1).reshape(-1, features.shape[1]).to(ScalarType.Float64);
            var s = e.sum(dim: 0);
            var o = e.T.matmul(e);
            if (sum is null) { sum = s.MoveToOuterDisposeScope(); outer = o.MoveToOuterDisposeScope(); }
            else { sum.AddInPlace(s); outer!.AddInPlace(o); }
            n += e.shape[0];
            checkCanceled?.Invoke();
        }
        if (sum is null || n < 2) throw new InvalidOperationException("The patch whitening needs at least two patches.");
        patch.SetWhitening(Matrix(sum, outer!, n).to(ScalarType.Float32));
    }

    /// <summary>W = L⁻¹ from the sums Σe and Σeeᵀ over <paramref name="n"/> patches (unbiased covariance, then the shrinkage).</summary>
    public static Tensor Matrix(Tensor sum, Tensor outer, long n)
    {
        using var scope = NewDisposeScope();
        var mean = sum.DividedBy(n);
        var covariance = outer.DividedBy(n).sub(mean.outer(mean)).Times(n / (n - 1.0));
        long c = covariance.shape[0];
        double ridge = Shrinkage * Math.Max(covariance.trace().item<double>() / c, 1e-12);
        var shrunk = covariance.Plus(eye(c, dtype: covariance.dtype, device: covariance.device).Times(ridge));
        var lower = linalg.cholesky(shrunk);
        var identity = eye(c, dtype: covariance.dtype, device: covariance.device);
        return linalg.solve_triangular(lower, identity, upper: false).MoveToOuterDisposeScope();
    }
}
