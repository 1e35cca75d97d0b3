using MLNet.DeepSvdd.Shared.Onnx;
using static MLNet.DeepSvdd.Shared.Onnx.OnnxGraphBuilder;

namespace MLNet.DeepSvdd.Baselines.Onnx;

/// <summary>
/// A one-class SVM as ONNX nodes: Score = ρ − Σ α_i exp(−γ‖x − x_i‖²). The squared distances to the support vectors come from one
/// matrix product, ‖x − m‖² + ‖x_i − m‖² − 2(x − m)·(x_i − m), with x and the support vectors shifted by the support vectors' mean m
/// (distances unchanged, less cancellation than without the shift) and clamped at 0.
/// </summary>
internal static class OneClassSvmEmitter
{
    public static string Emit(OnnxGraphBuilder graph, string input, OneClassSvmModel svm)
    {
        int count = svm.SupportVectorCount, size = svm.InputSize;
        var mean = new double[size];
        for (int k = 0; k < count; k++)
        {
            var vector = svm.SupportVector(k);
            for (int j = 0; j < size; j++) mean[j] += vector[j];
        }
        for (int j = 0; j < size; j++) mean[j] /= count;
        var shiftedTransposed = new float[size * count]; // [D, S]
        var squaredNorms = new float[count];
        for (int k = 0; k < count; k++)
        {
            var vector = svm.SupportVector(k);
            double norm = 0;
            for (int j = 0; j < size; j++)
            {
                double v = vector[j] - mean[j];
                shiftedTransposed[j * count + k] = (float)v;
                norm += v * v;
            }
            squaredNorms[k] = (float)norm;
        }

        var x = graph.Node("Sub", "svm.shifted", [input, graph.Floats("svm.mean", mean.Select(v => (float)v).ToArray(), 1, size)]);
        var dot = graph.Node("MatMul", "svm.dot", [x, graph.Floats("svm.support_vectors_t", shiftedTransposed, size, count)]);
        var xNorm = graph.Node("ReduceSum", "svm.x_norm", [graph.Node("Mul", "svm.x_squared", [x, x]), graph.Int64s("axes.svm", 1)], Int("keepdims", 1));
        var twice = graph.Node("Mul", "svm.two_dot", [dot, graph.Scalar("svm.two", 2f)]);
        var distance = graph.Node("Sub", "svm.distance_raw",
            [graph.Node("Add", "svm.norms", [xNorm, graph.Floats("svm.support_norms", squaredNorms, 1, count)]), twice]);
        distance = graph.Node("Relu", "svm.distance", [distance]);
        var kernel = graph.Node("Exp", "svm.kernel", [graph.Node("Mul", "svm.scaled", [distance, graph.Scalar("svm.minus_gamma", (float)-svm.Gamma)])]);
        var sum = graph.Node("MatMul", "svm.sum", [kernel, graph.Floats("svm.alpha", svm.Coefficients.Select(a => (float)a).ToArray(), count, 1)]);
        return graph.Node("Sub", "svm.score", [graph.Scalar("svm.rho", (float)svm.Rho), sum]);
    }
}
