using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.DeepSvdd.Baselines;
using MLNet.DeepSvdd.Datasets.Protocols;

namespace MLNet.DeepSvdd.Cli.Reproduce;

/// <summary>Trains one method on one protocol split and measures its test AUC with <c>mlContext.AnomalyDetection.Evaluate</c>.</summary>
internal static class MethodRunner
{
    /// <summary>The γ grid of the OC-SVM, as multiples of scikit-learn's "scale" value 1 / (d · Var[X]) of the training features.</summary>
    public static readonly double[] GammaMultiples = [1.0 / 16, 1.0 / 4, 1, 4, 16];

    public static RunResult Run(MLContext ml, MethodSpec method, ColumnSpec column, ProtocolSplits splits, ReproduceProfile profile, int seed,
        Func<ShallowFeatureSets> features)
    {
        var watch = Stopwatch.StartNew();
        var result = method switch
        {
            DeepSvddMethod deep => RunDeep(ml, deep, column, splits, profile, seed),
            ShallowMethod shallow => RunShallow(ml, shallow, features(), seed),
            GeoMethod => RunGeo(ml, column, splits, profile, seed),
            _ => throw new NotSupportedException(method.GetType().Name),
        };
        result.Seconds = watch.Elapsed.TotalSeconds;
        result.Rows = [splits.Train.Count, splits.Validation.Count, splits.Test.Count];
        return result;
    }

    private static RunResult RunDeep(MLContext ml, DeepSvddMethod method, ColumnSpec column, ProtocolSplits splits, ReproduceProfile profile, int seed)
    {
        var options = new DeepSvddTrainer.Options
        {
            FeatureColumnName = ProtocolColumns.Image,
            LabelColumnName = column.SemiSupervised ? ProtocolColumns.Label : null,
            Network = DeepSvddNetwork.ResNet18Pretrained,
            UseMaxPool = column.UseMaxPool,
            UseBias = method.UseBias,
            Regularizer = method.Regularizer,
            Objective = method.Objective,
            Weighting = method.Weighting,
            Epochs = profile.Epochs,
            InputResolution = profile.InputResolution,
            ValidationSet = splits.Validation.Data,
            ValidationLabelColumnName = ProtocolColumns.Label,
            Seed = seed,
            ThrowOnCollapse = false, // a collapse is a result to report, not a reason to stop the table
        };
        if (column.HeadLearningRate is { } rate)
        {
            options.HeadLearningRate = rate;
            options.LearningRate = rate / 10;
        }
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(options).Fit(splits.Train.Data);
        var scored = model.Transform(splits.Test.Data);
        var result = Evaluate(ml, scored);
        var report = model.Report;
        result.SelectedEpoch = report.SelectedEpoch;
        result.ValidationAuc = report.Epochs[report.SelectedEpoch].ValidationAuc ?? double.NaN;
        result.Collapsed = report.Collapse.IsCollapsed;
        result.Details["learningRate"] = (options.LearningRate ?? DeepSvddTrainer.Options.DefaultFineTuningLearningRate).ToString("G3");
        result.Details["inputResolution"] = (profile.InputResolution ?? DeepSvddTrainer.Options.DefaultPretrainedResolution).ToString();
        result.Details["freezeThrough"] = (options.FreezeThrough ?? DeepSvddTrainer.Options.DefaultPretrainedFreezeThrough).ToString();
        result.Details["headLearningRate"] = options.HeadLearningRate.ToString("G3");
        result.Details["trainImagesPerSecond"] = report.RowsPerSecond.ToString("F0");
        return result;
    }

    private static RunResult RunGeo(MLContext ml, ColumnSpec column, ProtocolSplits splits, ReproduceProfile profile, int seed)
    {
        var options = new GeoTrainer.Options
        {
            FeatureColumnName = ProtocolColumns.Image,
            Network = profile.GeoNetwork,
            UseMaxPool = column.UseMaxPool,
            Epochs = profile.GeoEpochs,
            BatchSize = 35,        // the paper's GEO settings (section V-B)
            LearningRate = 1e-4,
            WeightDecay = 5e-4,
            Seed = seed,
        };
        var train = profile.GeoTrainLimit is { } limit ? ml.Data.TakeRows(splits.Train.Data, limit) : splits.Train.Data;
        var model = ml.AnomalyDetection.Trainers.Geo(options).Fit(train);
        var result = Evaluate(ml, model.Transform(splits.Test.Data));
        result.ValidationAuc = ml.AnomalyDetection.Evaluate(model.Transform(splits.Validation.Data), labelColumnName: ProtocolColumns.Label).AreaUnderRocCurve;
        result.SelectedEpoch = model.Report.Epochs.Count - 1;
        result.Details["epochs"] = options.Epochs.ToString();
        result.Details["trainingImages"] = model.Report.TrainingRows.ToString();
        result.Details["classifierAccuracy"] = model.Report.Epochs[^1].Accuracy.ToString("F3");
        result.Details["batchSize"] = "35";
        result.Details["learningRate"] = "1e-4";
        return result;
    }

    private static RunResult RunShallow(MLContext ml, ShallowMethod method, ShallowFeatureSets features, int seed)
    {
        var (train, validation, test) = features.Get(method.Features);
        RunResult result;
        switch (method.Detector)
        {
            case ShallowDetector.OneClassSvm:
                {
                    double scale = GammaScale(train);
                    var selection = OneClassSvmTrainer.SelectGamma(ml, train, validation, [.. GammaMultiples.Select(m => m * scale)],
                        new OneClassSvmTrainer.Options { Nu = 0.1 });
                    result = Evaluate(ml, selection.Model.Transform(test));
                    result.ValidationAuc = selection.BestAuc;
                    result.Details["gamma"] = selection.BestGamma.ToString("G4");
                    result.Details["nu"] = "0.1";
                    break;
                }
            default:
                {
                    var model = ml.AnomalyDetection.Trainers.IsolationForest(new IsolationForestTrainer.Options { Seed = seed }).Fit(train);
                    result = Evaluate(ml, model.Transform(test));
                    result.Details["trees"] = "100";
                    result.Details["sampleSize"] = "256";
                    break;
                }
        }
        result.Details["features"] = method.Features == ShallowFeatures.Pca ? $"PCA rank {ShallowFeatureSets.PcaRank}" : "ResNet-18 pooled (512)";
        return result;
    }

    /// <summary>1 / (d · Var[X]) over all training feature values (scikit-learn's gamma = "scale").</summary>
    private static double GammaScale(IDataView train)
    {
        double sum = 0, squares = 0;
        long count = 0;
        int d = 0;
        foreach (var row in train.GetColumn<float[]>("Features"))
        {
            d = row.Length;
            foreach (float v in row) { sum += v; squares += (double)v * v; count++; }
        }
        double mean = sum / count, variance = squares / count - mean * mean;
        return variance > 0 ? 1.0 / (d * variance) : 1.0 / Math.Max(d, 1);
    }

    private static RunResult Evaluate(MLContext ml, IDataView scored)
    {
        var metrics = ml.AnomalyDetection.Evaluate(scored, labelColumnName: ProtocolColumns.Label);
        return new RunResult
        {
            TestAuc = metrics.AreaUnderRocCurve,
            Scores = scored.GetColumn<float>("Score").ToArray(),
            Labels = scored.GetColumn<float>(ProtocolColumns.Label).Select(l => l > 0).ToArray(),
        };
    }
}
