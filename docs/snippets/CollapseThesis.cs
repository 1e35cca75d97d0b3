using Microsoft.ML;
using MLNet.DeepSvdd;

namespace DocsSnippets;

internal static class CollapseThesis
{
    public static void Variant(IDataView train, IDataView test, CollapseRegularizer regularizer, RegularizerWeighting weighting, double lr,
        int k, int epochs, int seed)
    {
        #region CollapseThesis
        TorchSharp.torch.set_num_threads(1);
        var ml = new MLContext(seed: 1);
        var o = new DeepSvddTrainer.Options
        {
            UseBias = true, Network = DeepSvddNetwork.Mlp, HiddenLayers = [32], RepresentationDimension = 16,
            Regularizer = regularizer,                // None | NoiseInjection | VarianceHinge
            Weighting = weighting,                    // Adaptive | Fixed
            LearningRate = lr, HeadLearningRate = 1e-3f, NoiseHeads = k, Epochs = epochs,
            ThrowOnCollapse = false, Seed = seed,     // the rest: library defaults = the paper's
        };
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(o).Fit(train);
        double auc = ml.AnomalyDetection.Evaluate(model.Transform(test)).AreaUnderRocCurve;
        Console.WriteLine($"{model.Report.Collapse.RelativeFeatureVariance:G3} {model.Report.Collapse.IsCollapsed} {auc:F3}");
        Console.WriteLine(model.Report);              // per epoch: svdd loss, reg loss, c_t, feature variance
        #endregion
    }
}
