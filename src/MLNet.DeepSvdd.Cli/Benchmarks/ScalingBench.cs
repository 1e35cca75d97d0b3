using System.Runtime.InteropServices;

namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>
/// Measures how Deep SVDD scales on synthetic images: training time and memory against the number of images and against the image size,
/// Transform throughput against the scoring batch size, and (optionally) the working set epoch by epoch. Every fit gets fresh data and a
/// fresh model, which is released before the next measurement.
/// </summary>
public static class ScalingBench
{
    private const int TrainBatchSize = 50, WarmUpImages = 100;

    /// <summary>Runs every sweep of <paramref name="plan"/>; <paramref name="status"/> hears what is being measured.</summary>
    public static ScalingResult Run(ScalingPlan plan, Action<string>? status = null)
    {
        // A throw-away fit first, so that loading libtorch and its first-use allocations are not charged to the first measurement.
        status?.Invoke("warm-up");
        MeasureFit(plan.Network, WarmUpImages, plan.ImagesSize, epochs: 1);
        var byImages = new List<FitPoint>();
        foreach (int images in plan.Images)
        {
            status?.Invoke($"{images} images at {plan.ImagesSize} px");
            byImages.Add(MeasureFit(plan.Network, images, plan.ImagesSize, plan.Epochs));
        }
        var bySize = new List<FitPoint>();
        foreach (int size in plan.Sizes)
        {
            status?.Invoke($"{plan.SizeImages} images at {size} px");
            bySize.Add(MeasureFit(plan.Network, plan.SizeImages, size, plan.Epochs));
        }
        status?.Invoke($"scoring {plan.ScoreImages} images of {plan.ScoreSize} px at batch sizes {string.Join(", ", plan.BatchSizes)}");
        var byBatch = MeasureScoring(plan.Network, plan.ScoreImages, plan.ScoreSize, plan.BatchSizes);
        EpochMemoryRun? memory = null;
        if (plan.MemoryEpochs > 0)
        {
            status?.Invoke($"working set over {plan.MemoryEpochs} epochs");
            memory = MeasureEpochMemory(plan.Network, plan.Images.Min(), plan.ImagesSize, plan.MemoryEpochs);
        }
        return new ScalingResult(Machine(), plan.Network.ToString(), plan.Epochs, byImages, bySize, byBatch, memory);
    }

    /// <summary>Cores, OS and runtime, for the record.</summary>
    public static string Machine() => $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    /// <summary>One fit of <paramref name="images"/> random images of <paramref name="size"/> px: epoch time, Fit time, peak memory, phases.</summary>
    public static FitPoint MeasureFit(DeepSvddNetwork network, int images, int size, int epochs)
    {
        var ml = new MLContext(seed: 1);
        var data = SyntheticImages.Create(ml, images, size, seed: 1);
        long baseline = PeakMemorySampler.SettledWorkingSet();
        DeepSvddTransformer model;
        long peak;
        var phases = new PhaseClock();
        var options = Options(network, epochs, size);
        options.Progress = phases;
        var clock = Stopwatch.StartNew();
        using (var sampler = PeakMemorySampler.Start())
        {
            model = ml.AnomalyDetection.Trainers.DeepSvdd(options).Fit(data);
            clock.Stop();
            peak = sampler.Stop();
        }
        try
        {
            var report = model.Report;
            var trained = report.TrainedEpochs.ToList();
            var steady = trained.Count > 1 ? trained.Skip(1) : trained;
            double epochSeconds = steady.Average(e => e.Duration.TotalSeconds);
            double fitSeconds = clock.Elapsed.TotalSeconds;
            return new FitPoint(images, size, epochSeconds, fitSeconds, images / epochSeconds, (double)images * epochs / fitSeconds,
                Mb(peak), Mb(peak - baseline), phases.Breakdown(report));
        }
        finally
        {
            model.Model.Dispose();
        }
    }

    /// <summary>Trains one epoch on <paramref name="images"/> images, then times a full Transform pass per scoring batch size.</summary>
    public static List<ScoringPoint> MeasureScoring(DeepSvddNetwork network, int images, int size, IReadOnlyList<int> batchSizes)
    {
        var ml = new MLContext(seed: 1);
        var data = SyntheticImages.Create(ml, images, size, seed: 1);
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(Options(network, epochs: 1, size)).Fit(data);
        try
        {
            Score(model, data); // warm-up
            var points = new List<ScoringPoint>();
            foreach (int batch in batchSizes)
            {
                var batched = new DeepSvddTransformer(model.Model, model.Threshold, model.FeatureColumnName, model.Report) { ScoringBatchSize = batch };
                long baseline = PeakMemorySampler.SettledWorkingSet();
                double rate;
                long peak;
                using (var sampler = PeakMemorySampler.Start())
                {
                    var clock = Stopwatch.StartNew();
                    int scored = Score(batched, data);
                    rate = scored / clock.Elapsed.TotalSeconds;
                    peak = sampler.Stop();
                    if (scored != images) throw new InvalidOperationException($"Expected {images} scores, got {scored}.");
                }
                points.Add(new ScoringPoint(batch, images, rate, Mb(peak - baseline)));
            }
            return points;
        }
        finally
        {
            model.Model.Dispose();
        }
    }

    /// <summary>One fit of <paramref name="epochs"/> epochs with the working set recorded after each epoch.</summary>
    public static EpochMemoryRun MeasureEpochMemory(DeepSvddNetwork network, int images, int size, int epochs)
    {
        var ml = new MLContext(seed: 1);
        var data = SyntheticImages.Create(ml, images, size, seed: 1);
        var probe = new EpochMemoryProbe();
        var options = Options(network, epochs, size);
        options.Progress = probe;
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(options).Fit(data);
        model.Model.Dispose();
        if (probe.Epochs.Count != epochs)
            throw new InvalidOperationException($"Expected a working-set reading per epoch ({epochs}), got {probe.Epochs.Count}.");
        return new EpochMemoryRun(images, size, [.. probe.Epochs]);
    }

    private static int Score(DeepSvddTransformer model, IDataView data) => model.Transform(data).GetColumn<float>("Score").Count();

    /// <summary>The paper's full fine-tuning at the images' own size (what the bench measures and the PyTorch peer does).</summary>
    private static DeepSvddTrainer.Options Options(DeepSvddNetwork network, int epochs, int size) => new()
    {
        FeatureColumnName = "Image",
        InputResolution = size,
        FreezeThrough = BackboneStage.None,
        FreezeBatchNorm = false,
        LearningRate = DeepSvddTrainer.Defaults.LearningRate,
        Network = network,
        UseBias = true,
        Epochs = epochs,
        BatchSize = TrainBatchSize,
        Seed = 1,
        ThrowOnCollapse = false,
    };

    private static double Mb(long bytes) => bytes / 1_048_576.0;
}
