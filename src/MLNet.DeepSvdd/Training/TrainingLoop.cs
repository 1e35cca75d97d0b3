using System.Diagnostics;
using Microsoft.ML.Runtime;
using MLNet.DeepSvdd.Data;
using MLNet.DeepSvdd.Networks;
using MLNet.DeepSvdd.Scoring;
using MLNet.DeepSvdd.Training.Objectives;
using MLNet.DeepSvdd.Training.Optimization;
using MLNet.DeepSvdd.Training.Regularizers;
using MLNet.DeepSvdd.Training.Weighting;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Training;

/// <summary>
/// The training procedure: build φ, fix the centre c from an initial forward pass, then for every epoch and minibatch compute
/// L = L_svdd + c_t·L_reg, take an Adam step (φ at the learning rate, the noise head at the head learning rate, weight decay λ on both),
/// update R (soft-boundary) and c_t, and keep the epoch with the best validation AUC — the untrained network (epoch 0) included, so a fit
/// never ends below where it started on the validation data. Frozen leading stages (<see cref="FrozenStages"/>) are left out of the
/// optimizer and, where memory allows, computed once (<see cref="StagedInputs"/>). Every step runs in its own dispose scope, the data
/// stays on the device, and the per-epoch figures are accumulated on the device and read once per epoch.
/// </summary>
internal sealed class TrainingLoop
{
    private readonly DeepSvddTrainer.Options options;
    private readonly NetworkSpec spec;
    private readonly NetworkResolver.Resolved resolved;
    private readonly InputNormalization normalization;
    private readonly Device device;
    private readonly IChannel channel;
    private readonly IProgressChannel? progress;
    private readonly Action checkCanceled;
    private readonly int seed;
    private int currentEpoch, currentBatch, batchesPerEpoch;

    public TrainingLoop(DeepSvddTrainer.Options options, NetworkResolver.Resolved network, Device device, int seed, IChannel channel,
        IProgressChannel? progress, Action checkCanceled)
    {
        this.options = options;
        resolved = network;
        spec = network.Spec;
        normalization = network.Normalization;
        this.device = device;
        this.seed = seed;
        this.channel = channel;
        this.progress = progress;
        this.checkCanceled = checkCanceled;
    }

    public sealed record Result(ScoringModel Model, float Threshold, TrainingReport Report);

    /// <summary>Rows per forward pass of the centre, validation and final scoring passes (see <see cref="Scoring.ScoringBatch"/>).</summary>
    private int ScoringRows => Scoring.ScoringBatch.Rows(options.ScoringBatchSize, spec.NetworkInputSize, device);

    /// <summary>Trains; <paramref name="total"/> runs since the fit began and <paramref name="loading"/> is the time the data took to load.</summary>
    public Result Run(DataViewLoader.Loaded train, ValidationData? validation, Stopwatch total, TimeSpan loading)
    {
        var generator = new Generator((ulong)seed);
        var shuffle = new Random(seed);
        var network = spec.Build(generator);
        string? weights = Networks.Pretrained.PretrainedWeights.Apply(network, options.PretrainedWeightsPath);
        if (weights is not null) channel.Info(MessageSensitivity.None, $"Loaded pretrained weights from {weights}.");
        var phase = Stopwatch.StartNew();
        using (var scope = NewDisposeScope())
        {
            var (mean, std) = InputStatistics.Compute(train.Features, spec.InputShape, normalization);
            network.SetInputStatistics(mean, std);
        }
        var statisticsTime = phase.Elapsed;
        network.to(device);
        network.eval();
        var frozen = new FrozenStages(network, resolved.FrozenStages, resolved.FreezeBatchNorm);

        phase.Restart();
        long budget = (long)options.FrozenActivationCacheMegabytes << 20;
        using var trainInputs = StagedInputs.Create(train.Features, frozen, ScoringRows, budget, checkCanceled);
        using var validationInputs = validation is null ? null
            : StagedInputs.Create(validation.Features, frozen, ScoringRows, trainInputs.IsCached ? budget - trainInputs.CachedBytes : 0, checkCanceled);
        if (frozen.Count > 0)
        {
            channel.Info(MessageSensitivity.None, $"Frozen: {(BackboneStage)frozen.Count} and the stages before it" +
                (trainInputs.IsCached ? $"; their outputs computed once ({(trainInputs.CachedBytes + (validationInputs?.CachedBytes ?? 0)) / 1048576.0:F0} MB" +
                    $"{(validationInputs is { IsCached: false } ? ", validation recomputed" : "")}) in {phase.Elapsed.TotalSeconds:F1} s"
                    : $"; recomputed for every batch (their outputs exceed FrozenActivationCacheMegabytes = {options.FrozenActivationCacheMegabytes})") + ".");
        }
        var cacheTime = phase.Elapsed;

        phase.Restart();
        var (centerTensor, initialDistance, initialVariance) = HypersphereCenter.Compute(trainInputs.Features, trainInputs.Rows, ScoringRows, options.CenterEpsilon);
        var center = centerTensor.DetachFromDisposeScope();
        var centerTime = phase.Elapsed + cacheTime;
        var divergence = DivergenceGuard.FromInitialLoss(initialDistance, resolved.LearningRate);
        var validationTime = TimeSpan.Zero;

        ISvddObjective objective = options.Objective == DeepSvddObjective.SoftBoundary
            ? new SoftBoundaryObjective(options.Nu, options.RadiusWarmUpEpochs)
            : train.Labels is not null ? new SemiSupervisedObjective(options.Eta) : new OneClassObjective();
        using ICollapseRegularizerLoss? regularizer = options.Regularizer switch
        {
            CollapseRegularizer.NoiseInjection => new NoiseInjection(spec.RepresentationDimension, options.NoiseHeads, generator),
            CollapseRegularizer.VarianceHinge => new VarianceHinge(options.VarianceThreshold, options.VarianceAnnealEpochs),
            _ => null,
        };
        regularizer?.To(device);
        using IRegularizerWeight? weight = regularizer is null ? null
            : options.Weighting == RegularizerWeighting.Adaptive ? new AdaptiveWeight(options.Alpha, options.Beta, device) : new FixedWeight(device);

        using var optimizer = new FlatAdam(
            [(frozen.TrainableParameters, resolved.LearningRate), (regularizer?.Parameters ?? [], options.HeadLearningRate)],
            options.WeightDecay);

        int rows = train.Rows;
        int batches = rows / options.BatchSize + (rows % options.BatchSize >= 2 ? 1 : 0);
        batchesPerEpoch = batches;
        progress?.SetHeader(new ProgressHeader([], ["epochs", "batches"]), e =>
        {
            e.SetProgress(0, currentEpoch, options.Epochs);
            e.SetProgress(1, currentBatch, batchesPerEpoch);
        });
        var epochs = new List<EpochReport>();
        Dictionary<string, Tensor>? best = null;
        double bestAuc = double.NegativeInfinity, bestRadius = 0;
        int bestEpoch = -1;
        double trainSeconds = 0;

        using var sumSvdd = zeros([], ScalarType.Float32, device).DetachFromDisposeScope();
        using var sumReg = zeros([], ScalarType.Float32, device).DetachFromDisposeScope();
        using var sumVar = zeros([], ScalarType.Float32, device).DetachFromDisposeScope();
        try
        {
            // Epoch 0: the network as it starts (a pretrained backbone's features), a candidate for the kept epoch like any other.
            double? initialAuc = null;
            if (validationInputs is not null)
            {
                phase.Restart();
                initialAuc = ValidationAuc(network, center, objective.Radius, validationInputs, validation!);
                bestAuc = initialAuc.Value;
                bestEpoch = 0;
                bestRadius = objective.Radius;
                best = Snapshot(network);
                validationTime += phase.Elapsed;
            }
            epochs.Add(new EpochReport(0, initialDistance, 0, 0, initialVariance, objective.Radius, 0, initialAuc, TimeSpan.Zero));
            channel.Info(MessageSensitivity.None, $"Epoch 0/{options.Epochs} (before training): mean squared distance {initialDistance:G4}, " +
                $"feature variance {initialVariance:G3}{(initialAuc is double a0 ? $", validation AUC {a0:F4}" : "")}");

            for (int epoch = 1; epoch <= options.Epochs; epoch++)
            {
                using var epochScope = NewDisposeScope(); // whatever an epoch creates outside its steps is freed with it
                var clock = Stopwatch.StartNew();
                currentEpoch = epoch - 1;
                frozen.TrainMode();
                regularizer?.Train(true);
                sumSvdd.zero_(); sumReg.zero_(); sumVar.zero_();
                using var permutation = tensor(Permutation(shuffle, rows), ScalarType.Int64, device).DetachFromDisposeScope();
                for (int b = 0; b < batches; b++)
                {
                    using var scope = NewDisposeScope();
                    int start = b * options.BatchSize;
                    var index = permutation.narrow(0, start, Math.Min(options.BatchSize, rows - start));
                    var z = frozen.Trailing(trainInputs.Select(index));
                    var d = z.sub(center).square().sum(1);
                    var lsvdd = objective.Loss(d, train.Labels?.index_select(0, index));
                    var loss = lsvdd;
                    if (regularizer is not null)
                    {
                        var lreg = regularizer.Loss(z, epoch - 1);
                        loss = lsvdd + weight!.Next(lsvdd, lreg) * lreg;
                        sumReg.add_(lreg.detach());
                    }
                    optimizer.ZeroGrad();
                    loss.backward();
                    optimizer.Step();
                    objective.AfterStep(d.detach(), epoch - 1);
                    using (no_grad())
                    {
                        sumSvdd.add_(lsvdd.detach());
                        sumVar.add_(z.detach().var(dim: 0).mean());
                    }
                    currentBatch = b + 1;
                    checkCanceled();
                }
                clock.Stop();
                trainSeconds += clock.Elapsed.TotalSeconds;
                checkCanceled();

                double? auc = null;
                if (validationInputs is not null)
                {
                    phase.Restart();
                    auc = ValidationAuc(network, center, objective.Radius, validationInputs, validation!);
                    validationTime += phase.Elapsed;
                }
                var report = new EpochReport(epoch,
                    sumSvdd.item<float>() / batches, sumReg.item<float>() / batches, weight?.Current ?? 0, sumVar.item<float>() / batches,
                    objective.Radius, regularizer is VarianceHinge hinge ? hinge.ThresholdAt(epoch - 1) : 0, auc, clock.Elapsed);
                epochs.Add(report);
                divergence.Check(report);
                if (validationInputs is not null && auc > bestAuc)
                {
                    bestAuc = auc.Value;
                    bestEpoch = epoch;
                    bestRadius = objective.Radius;
                    phase.Restart();
                    DisposeAll(best);
                    best = Snapshot(network);
                    validationTime += phase.Elapsed;
                }
                double eta = trainSeconds / epoch * (options.Epochs - epoch);
                channel.Info(MessageSensitivity.None,
                    $"Epoch {epoch}/{options.Epochs}: svdd {report.SvddLoss:G4}, reg {report.RegularizerLoss:G4}, c_t {report.RegularizerWeight:G3}, " +
                    $"feature variance {report.FeatureVariance:G3}{(auc is double a ? $", validation AUC {a:F4}" : "")} — {clock.Elapsed.TotalSeconds:F1} s, ETA {eta:F0} s");
            }

            var final = Stopwatch.StartNew();
            int selected = options.Epochs;
            double radius = objective.Radius;
            network.eval();
            if (best is not null && bestEpoch != selected)
            {
                var lastCollapse = Assess(network, center, Offset(objective.Radius), trainInputs).Collapse;
                if (lastCollapse.IsCollapsed)
                {
                    channel.Warning(MessageSensitivity.None, $"The model collapsed after the best validation epoch ({lastCollapse.Reason}); keeping epoch {bestEpoch} " +
                        $"(validation AUC {bestAuc:F4}).");
                }
                network.load_state_dict(best);
                selected = bestEpoch;
                radius = bestRadius;
                if (bestEpoch == 0)
                {
                    channel.Info(MessageSensitivity.None, $"No epoch improved on the untrained network's validation AUC {bestAuc:F4}: keeping its weights (epoch 0).");
                }
            }
            var model = new ScoringModel(network, center, radius, options.Objective, device);
            var (scores, collapse) = Assess(network, center, model.Offset, trainInputs);
            divergence.CheckScores(scores, model);
            float threshold = options.Objective == DeepSvddObjective.SoftBoundary ? 0f : (float)Quantile.Of(scores, 1 - options.Nu);
            total.Stop();
            final.Stop();
            var phases = new FitPhases(loading, statisticsTime, centerTime, TimeSpan.FromTicks(epochs.Sum(e => e.Duration.Ticks)), validationTime,
                final.Elapsed, total.Elapsed);
            var trainingReport = new TrainingReport(epochs, selected, collapse, rows, device.ToString(), spec.ToString(), total.Elapsed)
            {
                Phases = phases,
            };
            return new Result(model, threshold, trainingReport);
        }
        finally
        {
            DisposeAll(best);
            center.Dispose();
        }
    }

    private (float[] Scores, CollapseAssessment Collapse) Assess(FeatureMap network, Tensor center, double offset, StagedInputs inputs)
    {
        network.eval();
        var (scores, variance) = ScoringModel.ScoreAll(inputs.Features, inputs.Rows, center, offset, ScoringRows);
        return (scores, CollapseDetector.Assess(variance, ScoringModel.MeanSquare(center), scores, options.CollapseTolerance));
    }

    private double Offset(double radius) => options.Objective == DeepSvddObjective.SoftBoundary ? radius * radius : 0;

    private double ValidationAuc(FeatureMap network, Tensor center, double radius, StagedInputs inputs, ValidationData validation)
    {
        network.eval();
        var (scores, _) = ScoringModel.ScoreAll(inputs.Features, inputs.Rows, center, Offset(radius), ScoringRows);
        return RocAuc.Compute(validation.LabeledRows.Select(i => scores[i]).ToArray(), validation.IsAnomaly);
    }

    private static long[] Permutation(Random random, int n)
    {
        var p = new long[n];
        for (int i = 0; i < n; i++) p[i] = i;
        random.Shuffle(p);
        return p;
    }

    private static Dictionary<string, Tensor> Snapshot(FeatureMap network)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope(); // state_dict() and detach() hand out new tensor handles: free them with the scope
        return network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null) return;
        foreach (var t in tensors.Values) t.Dispose();
    }
}
