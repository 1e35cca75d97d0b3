using System.Numerics;
using System.Runtime.InteropServices;

namespace MLNet.DeepSvdd.Baselines.Svm;

/// <summary>The Gaussian (RBF) kernel K(x, z) = exp(−γ‖x − z‖²), and scikit-learn's "scale" choice of γ.</summary>
internal static class RbfKernel
{
    /// <summary>K(a, b) = exp(−γ‖a − b‖²).</summary>
    public static double Value(ReadOnlySpan<float> a, ReadOnlySpan<float> b, double gamma) => Math.Exp(-gamma * SquaredDistance(a, b));

    /// <summary>
    /// ‖a − b‖², from the differences (not from ‖a‖² + ‖b‖² − 2a·b, which cancels catastrophically for close points), vectorised, with
    /// the lanes summed in double.
    /// </summary>
    public static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            var acc0 = Vector<float>.Zero;
            var acc1 = Vector<float>.Zero;
            int k = 0;
            for (; k + 1 < va.Length; k += 2)
            {
                var d0 = va[k] - vb[k];
                var d1 = va[k + 1] - vb[k + 1];
                acc0 += d0 * d0;
                acc1 += d1 * d1;
            }
            if (k < va.Length)
            {
                var d0 = va[k] - vb[k];
                acc0 += d0 * d0;
            }
            var acc = acc0 + acc1;
            for (int lane = 0; lane < Vector<float>.Count; lane++) sum += acc[lane];
            i = va.Length * Vector<float>.Count;
        }
        for (; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    /// <summary>
    /// scikit-learn's <c>gamma="scale"</c>: 1 / (d · Var(X)), Var over all values of the training matrix (population variance); 1 when
    /// every value is the same.
    /// </summary>
    public static double ScaleGamma(FeatureMatrix data)
    {
        var values = data.Values;
        double mean = 0;
        for (int i = 0; i < values.Length; i++) mean += values[i];
        mean /= values.Length;
        double variance = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double d = values[i] - mean;
            variance += d * d;
        }
        variance /= values.Length;
        return variance > 0 ? 1.0 / (data.Columns * variance) : 1.0;
    }

    /// <summary>
    /// <see cref="ScaleGamma(FeatureMatrix)"/> over the feature column <paramref name="featureColumnName"/> of <paramref name="data"/>: the γ
    /// that <see cref="OneClassSvmTrainer"/> uses with <see cref="OneClassSvmTrainer.Options.GammaScale"/> 1 on these training rows.
    /// </summary>
    public static double ScaleGamma(IDataView data, string featureColumnName)
    {
        var feature = FeatureColumn.Resolve(data.Schema, featureColumnName, null, "training data");
        return ScaleGamma(FeatureMatrix.Load(data, feature, "training data"));
    }
}
