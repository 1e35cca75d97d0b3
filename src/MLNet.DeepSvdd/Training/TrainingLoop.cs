using System.Diagnostics;
using MLNet.DeepSvdd.Training.Objectives;
using MLNet.DeepSvdd.Training.Optimization;
using MLNet.DeepSvdd.Training.Regularizers;
using MLNet.DeepSvdd.Training.Weighting;

namespace MLNet.DeepSvdd.Training;

/// <summary>
/// The training procedure: build φ, fix the centre c from an initial forward pass, then for every epoch and minibatch compute
/// L = L_svdd + c_t·L_reg, take an Adam step (φ at the learning rate, the noise head at the head learning rate, weight decay λ on both),
/// update R (soft-boundary) and c_t, and keep the epoch with the best validation AUC — the untrained network (epoch 0) included, so a fit
/// never ends below where it started on the validation data. Frozen leading stages (<see cref="FrozenStages"/>) are left out of the
/// optimizer and, where memory allows, computed once (<see cref="StagedInputs"/>). Every step runs in its own dispose scope, the data
/// stays on the device, and the per-epoch figures are accumulated on the device and read once per epoch.
/// <see cref="Run"/> reads in the order of these phases; an epoch's steps are <see cref="EpochSteps"/>, the validation and the kept
/// epoch <see cref="BestValidationEpoch"/>. Each epoch is logged and reported to <see cref="DeepSvddTrainer.Options.Progress"/>, which,
/// when it is also an <see cref="ITrainingObserver"/>, hears the phase boundaries too.
/// </summary>
internal sealed class TrainingLoop
{
    private readonly DeepSvddTrainer.Options options;
    private readonly NetworkSpec spec;
    private readonly NetworkResolver.Resolved resolved;
    private readonly InputNormalization normalization;
    private readonly Device device;
    private readonly IChannel channel;
    private readonly IProgressChannel? progressChannel;
    private readonly IProgress<EpochProgress>? epochProgress;
    private readonly ITrainingObserver? observer;
    private readonly Action checkCanceled;
    private readonly int seed;
    private int currentEpoch;
    private double trainSeconds;

    public TrainingLoop(DeepSvddTrainer.Options options, NetworkResolver.Resolved network, Device device, int seed, IChannel channel,
        IProgressChannel? progressChannel, Action checkCanceled)
    {
        this.options = options;
        resolved = network;
        spec = network.Spec;
        normalization = network.Normalization;
        this.device = device;
        this.seed = seed;
        this.channel = channel;
        this.progressChannel = progressChannel;
        epochProgress = options.Progress;
        observer = options.Progress as ITrainingObserver;
        this.checkCanceled = checkCanceled;
    }

    public sealed record Result(ScoringModel Model, float Threshold, TrainingReport Report);

    /// <summary>Rows per forward pass of the centre, validation and final scoring passes (see <see cref="Scoring.ScoringBatch"/>).</summary>
    private int ScoringRows => Scoring.ScoringBatch.Rows(options.ScoringBatchSize, spec.NetworkInputSize, device);

    /// <summary>Trains; <paramref name="total"/> runs since the fit began and is stopped when the model is ready.</summary>
    public Result Run(DataViewLoader.Loaded train, ValidationData? validation, Stopwatch total)
    {
        trainSeconds = 0;
        var generator = new Generator((ulong)seed);
        var shuffle = new Random(seed);
        var network = BuildNetwork(generator);
        StandardiseInput(network, train.Features);
        network.to(device);
        network.eval();
        var frozen = new FrozenStages(network, resolved.FrozenStages, resolved.FreezeBatchNorm);

        observer?.PhaseStarted(FitPhase.Center);
        var staging = Stopwatch.StartNew();
        long budget = (long)options.FrozenActivationCacheMegabytes << 20;
        using var trainInputs = StagedInputs.Create(train.Features, frozen, ScoringRows, budget, checkCanceled);
        using var validationInputs = validation is null ? null
            : StagedInputs.Create(validation.Features, frozen, ScoringRows, trainInputs.IsCached ? budget - trainInputs.CachedBytes : 0, checkCanceled);
        LogFrozenStages(frozen, trainInputs, validationInputs, staging.Elapsed);
        var (centerTensor, initialDistance, initialVariance) = InitialiseCenter(trainInputs);
        using var center = centerTensor;
        observer?.PhaseEnded(FitPhase.Center);

        var divergence = DivergenceGuard.FromInitialLoss(initialDistance, resolved.LearningRate);
        var objective = CreateObjective(semiSupervised: train.Labels is not null);
        using var regularizer = CreateRegularizer(generator);
        regularizer?.To(device);
        using var weight = CreateWeight(regularizer);
        using var optimizer = new FlatAdam(
            [(frozen.TrainableParameters, resolved.LearningRate), (regularizer?.Parameters ?? [], (float)options.HeadLearningRate)],
            (float)options.WeightDecay);
        using var steps = new EpochSteps(frozen, trainInputs, train.Rows, train.Labels, center, objective, regularizer, weight, optimizer, options.BatchSize,
            shuffle, device, checkCanceled);
        ShowBatchProgress(steps);
        using var best = validationInputs is null ? null
            : new BestValidationEpoch(network, center, validationInputs, validation!, Offset, ScoringRows, observer);

        var epochs = new List<EpochReport> { BeforeTraining(initialDistance, initialVariance, steps.Radius, best) };
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            epochs.Add(TrainEpoch(epoch, steps, best, divergence));
        }

        observer?.PhaseStarted(FitPhase.Final);
        var (model, selected) = KeptModel(network, center, trainInputs, steps.Radius, best);
        var (scores, collapse) = Assess(network, center, model.Offset, trainInputs);
        divergence.CheckScores(scores, model);
        float threshold = Threshold(scores);
        observer?.PhaseEnded(FitPhase.Final);
        total.Stop();
        var report = new TrainingReport(epochs, selected, collapse, train.Rows, device.ToString(), spec.ToString(), total.Elapsed)
        {
            LearningRate = resolved.LearningRate,
            FreezeThrough = (BackboneStage)resolved.FrozenStages,
            FreezeBatchNorm = resolved.FreezeBatchNorm,
        };
        return new Result(model, threshold, report);
    }

    /// <summary>φ with its initial weights: random from <paramref name="generator"/>, then pretrained ones where the options name them.</summary>
    private FeatureMap BuildNetwork(Generator generator)
    {
        var network = spec.Build(generator);
        string? weights = Networks.Pretrained.PretrainedWeights.Apply(network, options.PretrainedWeightsPath);
        if (weights is not null) channel.Info(MessageSensitivity.None, $"Loaded pretrained weights from {weights}.");
        return network;
    }

    /// <summary>Sets the network's input standardisation from the training data.</summary>
    private void StandardiseInput(FeatureMap network, Tensor features)
    {
        observer?.PhaseStarted(FitPhase.InputStatistics);
        using (var scope = NewDisposeScope())
        {
            var (mean, std) = InputStatistics.Compute(features, spec.InputShape, normalization);
            network.SetInputStatistics(mean, std);
        }
        observer?.PhaseEnded(FitPhase.InputStatistics);
    }

    /// <summary>The centre c from a forward pass over the training rows, with the mean squared distance and feature variance of that pass (epoch 0).</summary>
    private (Tensor Center, double Distance, double Variance) InitialiseCenter(StagedInputs trainInputs)
    {
        var (center, distance, variance) = HypersphereCenter.Compute(trainInputs.Features, trainInputs.Rows, ScoringRows, (float)options.CenterEpsilon);
        return (center.DetachFromDisposeScope(), distance, variance);
    }

    private void LogFrozenStages(FrozenStages frozen, StagedInputs trainInputs, StagedInputs? validationInputs, TimeSpan elapsed)
    {
        if (frozen.Count == 0) return;
        channel.Info(MessageSensitivity.None, $"Frozen: {(BackboneStage)frozen.Count} and the stages before it" +
            (trainInputs.IsCached ? $"; their outputs computed once ({(trainInputs.CachedBytes + (validationInputs?.CachedBytes ?? 0)) / 1048576.0:F0} MB" +
                $"{(validationInputs is { IsCached: false } ? ", validation recomputed" : "")}) in {elapsed.TotalSeconds:F1} s"
                : $"; recomputed for every batch (their outputs exceed FrozenActivationCacheMegabytes = {options.FrozenActivationCacheMegabytes})") + ".");
    }

    private ISvddObjective CreateObjective(bool semiSupervised) => options.Objective == DeepSvddObjective.SoftBoundary
        ? new SoftBoundaryObjective((float)options.Nu, options.RadiusWarmUpEpochs)
        : semiSupervised ? new SemiSupervisedObjective((float)options.Eta) : new OneClassObjective();

    private ICollapseRegularizerLoss? CreateRegularizer(Generator generator) => options.Regularizer switch
    {
        CollapseRegularizer.NoiseInjection => new NoiseInjection(spec.RepresentationDimension, options.NoiseHeads, generator),
        CollapseRegularizer.VarianceHinge => new VarianceHinge((float)options.VarianceThreshold, options.VarianceAnnealEpochs),
        _ => null,
    };

    private IRegularizerWeight? CreateWeight(ICollapseRegularizerLoss? regularizer) => regularizer is null ? null
        : options.Weighting == RegularizerWeighting.Adaptive ? new AdaptiveWeight((float)options.Alpha, (float)options.Beta, device) : new FixedWeight(device);

    /// <summary>ML.NET's progress channel shows the epoch and the minibatch within it.</summary>
    private void ShowBatchProgress(EpochSteps steps) =>
        progressChannel?.SetHeader(new ProgressHeader([], ["epochs", "batches"]), e =>
        {
            e.SetProgress(0, currentEpoch, options.Epochs);
            e.SetProgress(1, steps.CompletedBatches, steps.Batches);
        });

    /// <summary>
    /// Epoch 0: the network as it starts (a pretrained backbone's features), with the figures of the centre's forward pass; a candidate for
    /// the kept epoch like any other.
    /// </summary>
    private EpochReport BeforeTraining(double initialDistance, double initialVariance, double radius, BestValidationEpoch? best)
    {
        double? auc = null;
        if (best is not null)
        {
            auc = best.Score(radius);
            best.Keep(0, auc.Value, radius);
        }
        var report = new EpochReport(0, initialDistance, 0, 0, initialVariance, radius, 0, auc, TimeSpan.Zero);
        channel.Info(MessageSensitivity.None, $"Epoch 0/{options.Epochs} (before training): mean squared distance {initialDistance:G4}, " +
            $"feature variance {initialVariance:G3}{(auc is double a0 ? $", validation AUC {a0:F4}" : "")}");
        Announce(report);
        return report;
    }

    /// <summary>
    /// Epoch <paramref name="epoch"/>: its optimizer steps (timed: <see cref="EpochReport.Duration"/>), the validation AUC, the divergence
    /// check and the best-epoch copy. Whatever the epoch creates outside its steps is freed with it.
    /// </summary>
    private EpochReport TrainEpoch(int epoch, EpochSteps steps, BestValidationEpoch? best, DivergenceGuard divergence)
    {
        using var epochScope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        currentEpoch = epoch - 1;
        steps.Run(epoch);
        clock.Stop();
        trainSeconds += clock.Elapsed.TotalSeconds;
        checkCanceled();

        double? auc = best?.Score(steps.Radius);
        var report = steps.Report(epoch, auc, clock.Elapsed);
        divergence.Check(report);
        if (auc is double value) best!.KeepIfBetter(epoch, value, steps.Radius);
        double eta = trainSeconds / epoch * (options.Epochs - epoch);
        channel.Info(MessageSensitivity.None,
            $"Epoch {epoch}/{options.Epochs}: svdd {report.SvddLoss:G4}, reg {report.RegularizerLoss:G4}, c_t {report.RegularizerWeight:G3}, " +
            $"feature variance {report.FeatureVariance:G3}{(auc is double a ? $", validation AUC {a:F4}" : "")} — {clock.Elapsed.TotalSeconds:F1} s, ETA {eta:F0} s");
        Announce(report);
        return report;
    }

    private void Announce(EpochReport report) => epochProgress?.Report(new EpochProgress(report, options.Epochs));

    /// <summary>
    /// The model of the kept epoch: the best validation epoch when a validation set was given and the last epoch is not it (its weights
    /// restored, with a warning when the last epoch had collapsed), else the last epoch.
    /// </summary>
    private (ScoringModel Model, int Selected) KeptModel(FeatureMap network, Tensor center, StagedInputs trainInputs, double lastRadius,
        BestValidationEpoch? best)
    {
        int selected = options.Epochs;
        double radius = lastRadius;
        network.eval();
        if (best is not null && best.Epoch != selected)
        {
            var lastCollapse = Assess(network, center, Offset(lastRadius), trainInputs).Collapse;
            if (lastCollapse.IsCollapsed)
            {
                channel.Warning(MessageSensitivity.None, $"The model collapsed after the best validation epoch ({lastCollapse.Reason}); keeping epoch {best.Epoch} " +
                    $"(validation AUC {best.Auc:F4}).");
            }
            best.Restore();
            selected = best.Epoch;
            radius = best.Radius;
            if (best.Epoch == 0)
            {
                channel.Info(MessageSensitivity.None, $"No epoch improved on the untrained network's validation AUC {best.Auc:F4}: keeping its weights (epoch 0).");
            }
        }
        return (new ScoringModel(network, center, radius, options.Objective, device), selected);
    }

    /// <summary>The decision threshold: 0 for the soft boundary (score = d − R²), else the (1 − ν) quantile of the training scores.</summary>
    private float Threshold(float[] scores) =>
        options.Objective == DeepSvddObjective.SoftBoundary ? 0f : (float)Quantile.Of(scores, 1 - (float)options.Nu);

    private (float[] Scores, CollapseAssessment Collapse) Assess(FeatureMap network, Tensor center, double offset, StagedInputs inputs)
    {
        network.eval();
        var (scores, variance) = ScoringModel.ScoreAll(inputs.Features, inputs.Rows, center, offset, ScoringRows);
        return (scores, CollapseDetector.Assess(variance, ScoringModel.MeanSquare(center), scores, options.CollapseTolerance));
    }

    private double Offset(double radius) => options.Objective == DeepSvddObjective.SoftBoundary ? radius * radius : 0;
}
