using MLNet.DeepSvdd.Runtime;

namespace MLNet.DeepSvdd.Baselines.Geo.Training;

/// <summary>
/// GEO's normality model: for every transformation t, a Dirichlet fitted by maximum likelihood to the classifier's softmax outputs on the
/// transformed training images T_t(x). Gathers the sufficient statistics (mean log y, and the first two moments for the start) in one
/// pass, fits the 72 Dirichlets, and returns the training scores with the same parameters.
/// </summary>
internal static class DirichletScoreFit
{
    public sealed record Result(double[] Alpha, float[] TrainingScores, int MaxIterations);

    public static Result Fit(Func<Tensor, Tensor> logProbabilities, Tensor images, Action checkCanceled)
    {
        const int T = GeometricTransformations.Count;
        long rows = images.shape[0];
        int perForward = GeoScoringModel.RowsPerForward((int)(images.numel() / Math.Max(rows, 1)), images.device);
        using var noGrad = no_grad();
        using var sumLog = zeros([T, T], ScalarType.Float64, images.device).DetachFromDisposeScope();
        using var sumP = zeros([T, T], ScalarType.Float64, images.device).DetachFromDisposeScope();
        using var sumP2 = zeros([T, T], ScalarType.Float64, images.device).DetachFromDisposeScope();
        var perImage = new float[rows * T * T]; // kept for the training scores, which need α first
        for (long start = 0; start < rows; start += perForward)
        {
            using var scope = NewDisposeScope();
            long count = Math.Min(perForward, rows - start);
            var logP = logProbabilities(images.narrow(0, start, count));
            var asDouble = logP.to(ScalarType.Float64);
            sumLog.AddInPlace(asDouble.sum(dim: 0));
            var p = asDouble.exp();
            sumP.AddInPlace(p.sum(dim: 0));
            sumP2.AddInPlace(p.Squared().sum(dim: 0));
            logP.cpu().data<float>().CopyTo(perImage.AsSpan((int)(start * T * T), (int)(count * T * T)));
            checkCanceled();
        }
        var meanLog = sumLog.DividedBy(rows).cpu().data<double>().ToArray();
        var meanP = sumP.DividedBy(rows).cpu().data<double>().ToArray();
        var meanP2 = sumP2.DividedBy(rows).cpu().data<double>().ToArray();

        var alpha = new double[T * T];
        int maxIterations = 0;
        for (int t = 0; t < T; t++)
        {
            var initial = DirichletMle.MomentMatching(meanP.AsSpan(t * T, T), meanP2.AsSpan(t * T, T));
            var fit = DirichletMle.FromMeanLog(meanLog.AsSpan(t * T, T), initial);
            fit.Alpha.CopyTo(alpha, t * T);
            maxIterations = Math.Max(maxIterations, fit.Iterations);
        }

        var scores = new float[rows];
        for (long i = 0; i < rows; i++)
        {
            double normality = 0;
            var row = perImage.AsSpan((int)(i * T * T), T * T);
            for (int j = 0; j < row.Length; j++) normality += (alpha[j] - 1) * row[j];
            scores[i] = (float)-normality;
        }
        return new Result(alpha, scores, maxIterations);
    }
}
