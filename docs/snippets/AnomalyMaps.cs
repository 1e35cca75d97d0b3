using Microsoft.ML;
using MLNet.DeepSvdd;
using MLNet.DeepSvdd.Datasets.Visualization;

namespace DocsSnippets;

internal static class AnomalyMaps
{
    public static void Maps(MLContext ml, IDataView train, IDataView validation, IDataView test, IReadOnlyList<float[]> images,
        IReadOnlyList<float[]> maps)
    {
        #region AnomalyMaps
        var detector = ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options
        {
            FeatureColumnName = "Image",                          // the defaults: pooled and patch branches, 224 px inside the model
            ValidationSet = validation,                           // optional: kept epoch, map threshold and branch choice from it
        }).Fit(train);
        var scored = detector.Transform(test);                    // Score, PredictedLabel, AnomalyMap, PredictedMask
        var pixels = ml.AnomalyDetection.EvaluateLocalization(scored, maskColumnName: "Mask");   // pixel ROC AUC and PRO
        AnomalyMapOverlay.Save("maps.png", images, maps, channels: 3, height: 32, width: 32);    // image | heat map | mask, one row per image
        #endregion
    }
}
