using Microsoft.ML;
using MLNet.DeepSvdd;
#region ShallowBaselinesUsings
using MLNet.DeepSvdd.Baselines;
#endregion
#region GeoUsings
using MLNet.DeepSvdd.Baselines.Geo;
#endregion

namespace DocsSnippets;

internal static class Baselines
{
    public static void Shallow(MLContext ml, IDataView train, IDataView validation)
    {
        #region ShallowBaselines
        var forest = ml.AnomalyDetection.Trainers.IsolationForest(seed: 1).Fit(train);           // Score = 2^(−E[h(x)]/c(ψ)) = scikit-learn's −score_samples
        var svm = ml.AnomalyDetection.Trainers.OneClassSvm(nu: 0.1).Fit(train);                   // RBF, γ "scale"; Score = −decision_function
        var best = OneClassSvmTrainer.SelectGamma(ml, train, validation, [1e-3, 1e-2, 1e-1]);     // γ by validation AUC
        #endregion
    }

    public static void Geo(MLContext ml, IDataView normalImages, IDataView test)
    {
        #region Geo
        var geo = ml.AnomalyDetection.Trainers.Geo(new GeoTrainer.Options
        {
            FeatureColumnName = "Image",            // square [3, H, H] pixels from ExtractPixels
            Epochs = 3,                             // passes over all (image, transformation) pairs: ⌈200/72⌉ as in GEO
        }).Fit(normalImages);
        var auc = ml.AnomalyDetection.Evaluate(geo.Transform(test)).AreaUnderRocCurve;
        ml.Model.Save(geo, normalImages.Schema, "geo.zip");
        var batched = ml.Model.LoadGeo("geo.zip", out _);   // Model.Load alone scores row by row; GetGeo(loaded) gives α and the report
        #endregion
    }

    public static void FeaturePipelines(MLContext ml)
    {
        #region FeaturePipelines
        var cnnForest = ml.Transforms.ResNet18Features("Cnn", "Image", useMaxPool: false)     // batched TorchSharp forward passes
            .Append(ml.AnomalyDetection.Trainers.IsolationForest(featureColumnName: "Cnn"));
        var pcaSvm = ml.Transforms.PixelPca("Pca", "Image", rank: 64)                           // ML.NET's ProjectToPrincipalComponents
            .Append(ml.AnomalyDetection.Trainers.OneClassSvm(featureColumnName: "Pca"));
        #endregion
    }
}
