#region PipelineUsings
using Microsoft.ML;
using MLNet.DeepSvdd;
#endregion

namespace DocsSnippets;

/// <summary>A row of the pipeline example: a fixed-size feature vector.</summary>
public sealed class MyRow
{
    /// <summary>The features.</summary>
    [Microsoft.ML.Data.VectorType(10)]
    public float[] Features { get; set; } = [];
}

internal static class GettingStarted
{
    public static void Pipeline(IEnumerable<MyRow> trainingRows, IDataView labeledValidation, IDataView testData)
    {
        #region Pipeline
        var ml = new MLContext(seed: 1);
        IDataView normalOnly = ml.Data.LoadFromEnumerable(trainingRows);        // a "Features" column: float vector of known size
        var pipeline = ml.Transforms.NormalizeMeanVariance("Features")
            .Append(ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options
            {
                Regularizer = CollapseRegularizer.NoiseInjection,               // the paper's "w/ bias & noise reg." (the default)
                ValidationSet = labeledValidation,                                // optional: keep the epoch with the best validation AUC
            }));
        var model = pipeline.Fit(normalOnly);

        var metrics = ml.AnomalyDetection.Evaluate(model.Transform(testData));  // Label: Single, > 0 = anomaly
        Console.WriteLine($"AUC {metrics.AreaUnderRocCurve:F3}");

        ml.Model.Save(model, normalOnly.Schema, "model.zip");
        var reloaded = ml.Model.LoadDeepSvdd("model.zip", out _);              // batched scoring again (Model.Load alone scores row by row)
        var engine = ml.Model.CreatePredictionEngine<MyRow, DeepSvddPrediction>(reloaded);
        #endregion
    }

    public static void ImagePipeline(MLContext ml, string imageFolder)
    {
        #region ImagePipeline
        var pipeline = ml.Transforms.LoadImages("Image", imageFolder, "ImagePath")
            .Append(ml.Transforms.ResizeImages("Image", 32, 32))
            .Append(ml.Transforms.ExtractPixels("Features", "Image"))              // planar RGB, 0–255: the trainer normalises as the backbone expects
            .Append(ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options { InputResolution = 128 }));  // null = 224 px
        #endregion
    }
}
