using MLNet.DeepSvdd.Baselines.Geo;
using MLNet.DeepSvdd.Baselines.Svm;
using MLNet.DeepSvdd.Networks;

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
        var options = DeepOptions(method, column, profile, seed, splits.Validation.Data);
        var trainer = ml.AnomalyDetection.Trainers.DeepSvdd(options);
        var used = trainer.TrainerOptions;
        var model = trainer.Fit(splits.Train.Data);
        var scored = model.Transform(splits.Test.Data);
        var result = Evaluate(ml, scored);
        if (model.HasAnomalyMap) Localize(ml, scored, seed, result);
        var report = model.Report;
        result.SelectedEpoch = report.SelectedEpoch;
        result.ValidationAuc = report.Epochs[report.SelectedEpoch].ValidationAuc ?? double.NaN;
        result.Collapsed = report.Collapse.IsCollapsed;
        result.DivergedEpoch = report.Divergence?.Epoch;
        if (report.Divergence is { } diverged) result.Details["divergence"] = diverged.Reason;
        result.Details["learningRate"] = Text(report.LearningRate!.Value, "G3");
        result.Details["inputResolution"] = Text(model.Model.Network.Spec.NetworkImageSize.Height);
        result.Details["freezeThrough"] = report.FreezeThrough!.Value.ToString();
        result.Details["headLearningRate"] = Text(used.HeadLearningRate, "G3");
        result.Details["trainImagesPerSecond"] = Text(report.RowsPerSecond, "F0");
        if (report.Branches is { } branches)
        {
            result.Details["validationAucBoth"] = Text(branches.BothAuc, "F4");
            result.Details["validationAucPooled"] = Text(branches.PooledAuc, "F4");
            result.Details["validationAucPatches"] = Text(branches.PatchesAuc, "F4");
            result.Details["scoredWith"] = branches.ScoredWith.ToString();
        }
        if (model.Representation == DeepSvddRepresentation.PooledAndPatches)
        {
            // What each choice of branches scores on the test split (the model's own choice is the run's AUC, not scored again): the cost
            // of choosing without labels.
            var own = model.Model.Calibrations.Select(c => c.Weight).ToArray();
            double TestAuc(params double[] weights) => weights.SequenceEqual(own) ? result.TestAuc
                : Evaluate(ml, model.WithBranchWeights(weights).Transform(splits.Test.Data)).TestAuc;
            result.Details["testAucBoth"] = Text(TestAuc(1, 1), "F4");
            result.Details["testAucPooled"] = Text(TestAuc(1, 0), "F4");
            result.Details["testAucPatches"] = Text(TestAuc(0, 1), "F4");
        }
        return result;
    }

    /// <summary>The trainer options of a run of <paramref name="method"/> in <paramref name="column"/>, with <paramref name="validation"/>.</summary>
    internal static DeepSvddTrainer.Options DeepOptions(DeepSvddMethod method, ColumnSpec column, ReproduceProfile profile, int seed,
        IDataView validation)
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
            ValidationSet = validation,
            ValidationLabelColumnName = ProtocolColumns.Label,
            Seed = seed,
            ThrowOnCollapse = false, // a collapse is a result to report, not a reason to stop the table
            ThrowOnDivergence = false, // as the paper (Table V): a diverged run reports its best validation epoch before the divergence
        };
        // The paper's rows leave Representation null: they are the paper's pooled model whatever the library's default for images.
        options.Representation = method.Representation ?? DeepSvddRepresentation.Pooled;
        if (method.TrainEveryLayer == true)
        {
            options.FreezeThrough = BackboneStage.None;
            options.FreezeBatchNorm = false;
        }
        if (column.HeadLearningRate is { } rate)
        {
            options.HeadLearningRate = rate;
            options.LearningRate = rate / 10;
        }
        return options;
    }

    /// <summary>
    /// A patch model's pixel ROC AUC and PRO against the test masks of an alteration column (none in one-vs-all columns), and, for seed 1,
    /// a few test anomalies with their maps for the map grid.
    /// </summary>
    private static void Localize(MLContext ml, IDataView scored, int seed, RunResult result)
    {
        if (scored.Schema.GetColumnOrNull(ProtocolColumns.Mask) is not null)
        {
            var metrics = ml.AnomalyDetection.EvaluateLocalization(scored, ProtocolColumns.Mask, DeepSvddTransformer.AnomalyMapColumnName);
            result.PixelAuc = metrics.PixelAreaUnderRocCurve;
            result.Pro = metrics.AreaUnderPro;
            result.Details["defectRegions"] = Text(metrics.RegionCount);
        }
        if (seed == 1) result.MapExamples = MapExamples.From(scored);
    }

    private static RunResult RunGeo(MLContext ml, ColumnSpec column, ProtocolSplits splits, ReproduceProfile profile, int seed)
    {
        var trainer = ml.AnomalyDetection.Trainers.Geo(new GeoTrainer.Options
        {
            FeatureColumnName = ProtocolColumns.Image,
            Network = profile.GeoNetwork,
            UseMaxPool = column.UseMaxPool,
            Epochs = profile.GeoEpochs,
            BatchSize = 35,        // the paper's GEO settings (section V-B)
            LearningRate = 1e-4,
            WeightDecay = 5e-4,
            Seed = seed,
        });
        var used = trainer.TrainerOptions;
        var train = profile.GeoTrainLimit is { } limit ? ml.Data.TakeRows(splits.Train.Data, limit) : splits.Train.Data;
        var model = trainer.Fit(train);
        var result = Evaluate(ml, model.Transform(splits.Test.Data));
        result.ValidationAuc = ml.AnomalyDetection.Evaluate(model.Transform(splits.Validation.Data), labelColumnName: ProtocolColumns.Label).AreaUnderRocCurve;
        result.SelectedEpoch = model.Report.Epochs.Count - 1;
        result.Details["epochs"] = Text(used.Epochs);
        result.Details["trainingImages"] = Text(model.Report.TrainingRows);
        result.Details["classifierAccuracy"] = Text(model.Report.Epochs[^1].Accuracy, "F3");
        result.Details["batchSize"] = Text(used.BatchSize);
        result.Details["learningRate"] = Text(used.LearningRate!.Value, "0.##e0");
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
                    double scale = RbfKernel.ScaleGamma(train, "Features");
                    var selection = OneClassSvmTrainer.SelectGamma(ml, train, validation, [.. GammaMultiples.Select(m => m * scale)],
                        new OneClassSvmTrainer.Options { Nu = 0.1 });
                    result = Evaluate(ml, selection.Model.Transform(test));
                    result.ValidationAuc = selection.BestAuc;
                    result.Details["gamma"] = Text(selection.Model.Gamma, "G4");
                    result.Details["nu"] = Text(selection.Model.Nu);
                    break;
                }
            default:
                {
                    var model = ml.AnomalyDetection.Trainers.IsolationForest(new IsolationForestTrainer.Options { Seed = seed }).Fit(train);
                    result = Evaluate(ml, model.Transform(test));
                    result.Details["trees"] = Text(model.NumberOfTrees);
                    result.Details["sampleSize"] = Text(model.SampleSize);
                    break;
                }
        }
        result.Details["features"] = method.Features == ShallowFeatures.Pca ? $"PCA rank {ShallowFeatureSets.PcaRank}" : "ResNet-18 pooled (512)";
        return result;
    }

    private static string Text<T>(T value, string? format = null) where T : IFormattable => value.ToString(format, CultureInfo.InvariantCulture);

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
