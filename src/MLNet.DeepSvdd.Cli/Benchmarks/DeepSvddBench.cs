using MLNet.DeepSvdd.Data;

namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>Measures one <see cref="BenchCase"/> through the public API (plus the bare forward pass for reference).</summary>
public static class DeepSvddBench
{
    public static BenchResult Run(BenchCase c, int images, int epochs)
    {
        PeakMemorySampler.SettledWorkingSet(); // let the previous case's tensors go before this case's peak is sampled
        using var sampler = PeakMemorySampler.Start();
        var ml = new MLContext(seed: 1);
        var data = SyntheticImages.Create(ml, images, c.Size, seed: 1);
        var phases = new PhaseClock();
        var options = Options(c, epochs);
        options.Progress = phases;
        var fitClock = Stopwatch.StartNew();
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(options).Fit(data);
        fitClock.Stop();
        var trained = model.Report.TrainedEpochs.ToList();
        var steady = trained.Count > 1 ? trained.Skip(1) : trained;
        double trainSteps = images / steady.Average(e => e.Duration.TotalSeconds);
        double fitPath = (double)images * epochs / fitClock.Elapsed.TotalSeconds;

        double bareForward = BareForward(model, data);
        double transform = BestRate(images, () => model.Transform(data).GetColumn<float>("Score").Count());

        int single = Math.Min(images, c.Size >= 224 ? 20 : 200);
        var engine = ml.Model.CreatePredictionEngine<SyntheticImages.Row, DeepSvddPrediction>(model, inputSchemaDefinition: SyntheticImages.Schema(c.Size));
        var rows = ml.Data.CreateEnumerable<SyntheticImages.Row>(data, reuseRowObject: false).Take(single).ToList();
        engine.Predict(rows[0]);
        double predictionEngine = Rate(single, () => { foreach (var r in rows) engine.Predict(r); return single; });

        string path = Path.Combine(Path.GetTempPath(), $"deepsvdd-bench-{Environment.ProcessId}.zip");
        ml.Model.Save(model, data.Schema, path);
        var reloaded = ml.Model.LoadDeepSvdd(path, out _);
        double reloadedRate = Rate(images, () => reloaded.Transform(data).GetColumn<float>("Score").Count());
        File.Delete(path);

        double? withMaps = c.Network is DeepSvddNetwork.ResNet18 or DeepSvddNetwork.ResNet18Pretrained ? TransformWithMaps(ml, c, data, images) : null;

        double peak = sampler.Stop() / 1_048_576.0;
        return new BenchResult(c, trainSteps, fitPath, bareForward, transform, predictionEngine, reloadedRate, peak, phases.Breakdown(model.Report), withMaps);
    }

    /// <summary>
    /// Batched Transform of a two-branch model of the same network and resolution (one training epoch), reading every output column the maps
    /// add (after one warm-up pass, as the other rates are taken on a model already used).
    /// </summary>
    private static double TransformWithMaps(MLContext ml, BenchCase c, IDataView data, int images)
    {
        var mapOptions = Options(c, epochs: 1);
        mapOptions.Representation = DeepSvddRepresentation.PooledAndPatches;
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(mapOptions).Fit(data);
        int Pass()
        {
            var scored = model.Transform(data);
            int rows = 0;
            using var cursor = scored.GetRowCursor(scored.Schema.Where(c => c.Name is "Score" or DeepSvddTransformer.AnomalyMapColumnName
                or DeepSvddTransformer.PredictedMaskColumnName));
            var score = cursor.GetGetter<float>(scored.Schema["Score"]);
            var map = cursor.GetGetter<VBuffer<float>>(scored.Schema[DeepSvddTransformer.AnomalyMapColumnName]);
            var mask = cursor.GetGetter<VBuffer<bool>>(scored.Schema[DeepSvddTransformer.PredictedMaskColumnName]);
            float s = 0;
            VBuffer<float> m = default;
            VBuffer<bool> k = default;
            while (cursor.MoveNext())
            {
                score(ref s);
                map(ref m);
                mask(ref k);
                rows++;
            }
            return rows;
        }
        Pass();
        return BestRate(images, Pass);
    }

    /// <summary>The paper's full fine-tuning at the case's size, as the PyTorch peer trains.</summary>
    private static DeepSvddTrainer.Options Options(BenchCase c, int epochs) => new()
    {
        FeatureColumnName = "Image",
        Network = c.Network,
        InputResolution = c.Size,
        FreezeThrough = BackboneStage.None,
        FreezeBatchNorm = false,
        LearningRate = DeepSvddTrainer.Defaults.LearningRate,
        Regularizer = c.Regularizer,
        UseBias = true,
        Epochs = epochs,
        BatchSize = 50,
        Seed = 1,
        ThrowOnCollapse = false,
    };

    private static double BareForward(DeepSvddTransformer model, IDataView data)
    {
        var feature = FeatureColumn.Resolve(data.Schema, "Image", null);
        using var loaded = DataViewLoader.Load(data, feature, null, model.Model.Device);
        int rows = Scoring.ScoringBatch.Rows(model.ScoringBatchSize, model.Model.Network.Spec.NetworkInputSize, model.Model.Device); // the batches Transform uses
        model.Model.ScoreAll(loaded.Features, rows); // warm-up
        return Rate(loaded.Rows, () => model.Model.ScoreAll(loaded.Features, rows).Scores.Length);
    }

    /// <summary>The better of three timed passes: the Transform columns are compared with each other, and one pass of a few seconds moves by ±20 % on a shared machine.</summary>
    private static double BestRate(int count, Func<int> work) => Enumerable.Range(0, 3).Max(_ => Rate(count, work));

    private static double Rate(int count, Func<int> work)
    {
        var clock = Stopwatch.StartNew();
        int done = work();
        if (done != count) throw new InvalidOperationException($"Expected {count} rows, processed {done}.");
        return count / clock.Elapsed.TotalSeconds;
    }
}
