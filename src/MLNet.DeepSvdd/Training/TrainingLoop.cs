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
    private FeatureMap trainedNetwork = null!;
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
        trainedNetwork = network;
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
        var layout = spec.Layout;
        if (layout.HasPatches) PatchWhitening.Apply(network, trainInputs, frozen.Count, ScoringRows, checkCanceled);
        var starts = HypersphereCenter.Compute(trainInputs.Features, trainInputs.Rows, ScoringRows, (float)options.CenterEpsilon, layout);
        double initialDistance = starts.Sum(b => b.MeanSquaredDistance), initialVariance = starts.Min(b => b.FeatureVariance);
        var branches = new List<BranchTerms>();
        using var disposeBranches = new DisposeAll(branches);
        for (int b = 0; b < starts.Length; b++)
        {
            var regularizer = CreateRegularizer(generator, layout.Dimension(layout.Branches[b]));
            regularizer?.To(device);
            branches.Add(new BranchTerms(layout.Branches[b], starts[b].Center.DetachFromDisposeScope(), CreateObjective(semiSupervised: train.Labels is not null),
                regularizer, CreateWeight(regularizer)));
        }
        observer?.PhaseEnded(FitPhase.Center);

        var divergence = DivergenceGuard.FromInitialLoss(initialDistance, resolved.LearningRate);
        using var optimizer = new FlatAdam(
            [(frozen.TrainableParameters, resolved.LearningRate), ([.. branches.SelectMany(b => b.Regularizer?.Parameters ?? [])], (float)options.HeadLearningRate)],
            (float)options.WeightDecay);
        using var steps = new EpochSteps(frozen, trainInputs, train.Rows, train.Labels, layout, branches, optimizer, options.BatchSize,
            shuffle, device, checkCanceled);
        ShowBatchProgress(steps);
        var scoring = new PatchScoring(layout, options.PatchScoreReduction, options.PatchTopFraction);
        using var best = validationInputs is null ? null
            : new BestValidationEpoch(network, validationInputs, validation!, scoring, ScoringRows, observer);

        var epochs = new List<EpochReport> { BeforeTraining(initialDistance, initialVariance, branches, scoring, trainInputs, best) };
        TrainingDivergence? diverged = null;
        for (int epoch = 1; epoch <= options.Epochs && diverged is null; epoch++)
        {
            epochs.Add(TrainEpoch(epoch, steps, branches, scoring, trainInputs, best, divergence, out diverged));
        }

        observer?.PhaseStarted(FitPhase.Final);
        var (model, selected, branchValidation) = KeptModel(network, branches, scoring, trainInputs, best, epochs[^1].Epoch, diverged is not null);
        var (scores, collapse) = Assess(model.Spheres, scoring, trainInputs);
        divergence.CheckScores(scores, model);
        float threshold = Threshold(scores);
        if (model.HasMaps) model.MapThreshold = MapThreshold(model, validation is null ? trainInputs : validationInputs!, validation);
        observer?.PhaseEnded(FitPhase.Final);
        total.Stop();
        var report = new TrainingReport(epochs, selected, collapse, train.Rows, device.ToString(), spec.ToString(), total.Elapsed)
        {
            LearningRate = resolved.LearningRate,
            FreezeThrough = (BackboneStage)resolved.FrozenStages,
            FreezeBatchNorm = resolved.FreezeBatchNorm,
            Branches = branchValidation,
            Divergence = diverged,
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

    /// <summary>Disposes every branch's terms when the loop ends.</summary>
    private sealed class DisposeAll(List<BranchTerms> branches) : IDisposable
    {
        public void Dispose()
        {
            foreach (var branch in branches) branch.Dispose();
        }
    }

    /// <summary>
    /// The branches' hyperspheres as they are now: centres, offsets from the current radii and, with two branches, each branch's term
    /// standardised by its mean and standard deviation over the training rows (one scoring pass), so validation scores the way the final
    /// model will.
    /// </summary>
    private List<BranchSphere> CurrentSpheres(IReadOnlyList<BranchTerms> branches, PatchScoring scoring, StagedInputs trainInputs,
        IReadOnlyList<double>? radii = null)
    {
        var spheres = branches.Select((b, i) => new BranchSphere(b.Branch, b.Center, Offset(radii?[i] ?? b.Radius))).ToList();
        if (spheres.Count == 1) return spheres;
        trainedNetwork.eval();
        var pass = ScoringModel.ScoreAll(trainInputs.Features, trainInputs.Rows, scoring, spheres, ScoringRows);
        return [.. spheres.Select((s, i) => s with { Shift = pass.MeanDistances[i], Scale = Math.Max(pass.DistanceDeviations[i], 1e-12) })];
    }

    /// <summary>
    /// With two branches and a validation set: the branches that take part in the score, chosen with the kept epoch (<see cref="BestValidationEpoch"/>:
    /// by validation AUC among both, the default, kept on a tie, the pooled branch alone and the patch branch alone); the anomaly map stays the
    /// patch branch's. Also returns the kept epoch's three validation AUCs and the choice (null when there was no choice to make).
    /// </summary>
    private (List<BranchSphere> Spheres, BranchValidation? Validation) SelectBranches(List<BranchSphere> spheres, BestValidationEpoch? best)
    {
        if (spheres.Count == 1 || best?.Branches is not { } kept) return (spheres, null);
        var (chosen, name) = kept.ScoredWith switch
        {
            DeepSvddRepresentation.Pooled => ((List<BranchSphere>)[spheres[0], spheres[1] with { Weight = 0 }], "the pooled branch alone"),
            DeepSvddRepresentation.Patches => ([spheres[0] with { Weight = 0 }, spheres[1]], "the patch branch alone"),
            _ => (spheres, "both branches"),
        };
        channel.Info(MessageSensitivity.None, $"Branches by validation AUC at the kept epoch {best.Epoch}: both {kept.BothAuc:F4}, pooled {kept.PooledAuc:F4}, " +
            $"patches {kept.PatchesAuc:F4}; scoring with {name}.");
        return (chosen, kept);
    }

    /// <summary>The regularizer of a branch whose points have <paramref name="dimension"/> values.</summary>
    private ICollapseRegularizerLoss? CreateRegularizer(Generator generator, int dimension) => options.Regularizer switch
    {
        CollapseRegularizer.NoiseInjection => new NoiseInjection(dimension, options.NoiseHeads, generator),
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
    private EpochReport BeforeTraining(double initialDistance, double initialVariance, IReadOnlyList<BranchTerms> branches, PatchScoring scoring,
        StagedInputs trainInputs, BestValidationEpoch? best)
    {
        double? auc = null;
        var radii = branches.Select(b => b.Radius).ToList();
        BranchValidation? choices = null;
        if (best is not null)
        {
            (auc, choices) = best.Validate(CurrentSpheres(branches, scoring, trainInputs));
            best.Keep(0, auc.Value, radii, choices);
        }
        var report = new EpochReport(0, initialDistance, 0, 0, initialVariance, radii[0], 0, auc, TimeSpan.Zero);
        channel.Info(MessageSensitivity.None, $"Epoch 0/{options.Epochs} (before training): mean squared distance {initialDistance:G4}, " +
            $"feature variance {initialVariance:G3}{(auc is double a0 ? $", validation AUC {a0:F4}{Choices(choices)}" : "")}");
        Announce(report);
        return report;
    }

    /// <summary>
    /// Epoch <paramref name="epoch"/>: its optimizer steps (timed: <see cref="EpochReport.Duration"/>), the validation AUC, the divergence
    /// check and the best-epoch copy. Whatever the epoch creates outside its steps is freed with it. A diverged epoch throws, or with
    /// <see cref="DeepSvddTrainer.Options.ThrowOnDivergence"/> = false is returned in <paramref name="diverged"/> (and is never kept).
    /// </summary>
    private EpochReport TrainEpoch(int epoch, EpochSteps steps, IReadOnlyList<BranchTerms> branches, PatchScoring scoring, StagedInputs trainInputs,
        BestValidationEpoch? best, DivergenceGuard divergence, out TrainingDivergence? diverged)
    {
        diverged = null;
        using var epochScope = NewDisposeScope();
        var clock = Stopwatch.StartNew();
        currentEpoch = epoch - 1;
        steps.Run(epoch);
        clock.Stop();
        trainSeconds += clock.Elapsed.TotalSeconds;
        checkCanceled();

        double? auc = null;
        BranchValidation? choices = null;
        if (best is not null) (auc, choices) = best.Validate(CurrentSpheres(branches, scoring, trainInputs));
        var report = steps.Report(epoch, auc, clock.Elapsed);
        if (options.ThrowOnDivergence || best is null) divergence.Check(report);
        else if (divergence.Reason(report) is { } what)
        {
            diverged = new TrainingDivergence(epoch, what);
            channel.Warning(MessageSensitivity.None, $"Deep SVDD training diverged: {what}. Stopped after epoch {epoch}/{options.Epochs}; " +
                $"keeping the best validation epoch before it (epoch {best.Epoch}, validation AUC {best.Auc:F4}). " +
                $"Lower LearningRate (now {resolved.LearningRate:G3}) to train further.");
            Announce(report);
            return report;
        }
        if (auc is double value) best!.KeepIfBetter(epoch, value, [.. branches.Select(b => b.Radius)], choices);
        double eta = trainSeconds / epoch * (options.Epochs - epoch);
        channel.Info(MessageSensitivity.None,
            $"Epoch {epoch}/{options.Epochs}: svdd {report.SvddLoss:G4}, reg {report.RegularizerLoss:G4}, c_t {report.RegularizerWeight:G3}, " +
            $"feature variance {report.FeatureVariance:G3}{(auc is double a ? $", validation AUC {a:F4}{Choices(choices)}" : "")} — {clock.Elapsed.TotalSeconds:F1} s, ETA {eta:F0} s");
        Announce(report);
        return report;
    }

    private static string Choices(BranchValidation? choices) => choices is null ? ""
        : $" (both {choices.BothAuc:F4}, pooled {choices.PooledAuc:F4}, patches {choices.PatchesAuc:F4})";

    private void Announce(EpochReport report) => epochProgress?.Report(new EpochProgress(report, options.Epochs));

    /// <summary>
    /// The model of the kept epoch: the best validation epoch when a validation set was given and the last epoch is not it (its weights
    /// restored, with a warning when the last epoch had collapsed), else the last epoch; with two branches, each scaled by its mean
    /// distance on the training rows, and the branch choice (<see cref="SelectBranches"/>). After a divergence (<paramref name="diverged"/>,
    /// at <paramref name="lastEpoch"/>) the best epoch before it is always restored.
    /// </summary>
    private (ScoringModel Model, int Selected, BranchValidation? Branches) KeptModel(FeatureMap network, IReadOnlyList<BranchTerms> branches, PatchScoring scoring,
        StagedInputs trainInputs, BestValidationEpoch? best, int lastEpoch, bool diverged)
    {
        int selected = lastEpoch;
        IReadOnlyList<double> radii = [.. branches.Select(b => b.Radius)];
        network.eval();
        if (best is not null && best.Epoch != selected)
        {
            var lastCollapse = diverged ? null : Assess(CurrentSpheres(branches, scoring, trainInputs), scoring, trainInputs).Collapse;
            if (lastCollapse is { IsCollapsed: true })
            {
                channel.Warning(MessageSensitivity.None, $"The model collapsed after the best validation epoch ({lastCollapse.Reason}); keeping epoch {best.Epoch} " +
                    $"(validation AUC {best.Auc:F4}).");
            }
            best.Restore();
            selected = best.Epoch;
            radii = best.Radii;
            if (best.Epoch == 0)
            {
                channel.Info(MessageSensitivity.None, $"No epoch improved on the untrained network's validation AUC {best.Auc:F4}: keeping its weights (epoch 0).");
            }
        }
        var (spheres, branchValidation) = SelectBranches(CurrentSpheres(branches, scoring, trainInputs, radii), best);
        return (new ScoringModel(network, [.. branches.Select(b => b.Center)], radii, [.. spheres.Select(s => new BranchCalibration(s.Shift, s.Scale, s.Weight))],
            options.Objective, scoring, device), selected, branchValidation);
    }

    /// <summary>The decision threshold: 0 for the soft boundary (score = d − R²), else the (1 − ν) quantile of the training scores.</summary>
    private float Threshold(float[] scores) =>
        options.Objective == DeepSvddObjective.SoftBoundary ? 0f : (float)Quantile.Of(scores, 1 - (float)options.Nu);

    /// <summary>
    /// τ of the anomaly maps (<see cref="AnomalyMap.Threshold"/>): from the normal rows of the validation set when there is one (its labeled
    /// normal rows), else from the training rows.
    /// </summary>
    private double MapThreshold(ScoringModel model, StagedInputs inputs, ValidationData? validation)
    {
        using var noGrad = no_grad();
        trainedNetwork.eval();
        var maxima = new float[inputs.Rows];
        for (long start = 0; start < inputs.Rows; start += ScoringRows)
        {
            using var scope = NewDisposeScope();
            long count = Math.Min(ScoringRows, inputs.Rows - start);
            model.RenderMaps(inputs.Features(start, count)).amax([1, 2]).cpu().data<float>().CopyTo(maxima.AsSpan((int)start, (int)count));
        }
        var normal = validation is null ? maxima
            : [.. validation.LabeledRows.Where((_, i) => !validation.IsAnomaly[i]).Select(r => maxima[r])];
        if (normal.Length == 0) normal = maxima;
        return AnomalyMap.Threshold(normal, options.Nu);
    }

    /// <summary>The training scores and the collapse verdict: a model with two branches is collapsed when either branch is.</summary>
    private (float[] Scores, CollapseAssessment Collapse) Assess(IReadOnlyList<BranchSphere> spheres, PatchScoring scoring, StagedInputs inputs)
    {
        trainedNetwork.eval();
        var pass = ScoringModel.ScoreAll(inputs.Features, inputs.Rows, scoring, spheres, ScoringRows);
        var verdicts = spheres.Select((s, i) => CollapseDetector.Assess(pass.Variances[i], ScoringModel.MeanSquare(s.Center), pass.Scores,
            options.CollapseTolerance)).ToList();
        var collapsed = verdicts.FirstOrDefault(v => v.IsCollapsed);
        if (collapsed is not null && spheres.Count > 1)
            collapsed = collapsed with { Reason = $"{spheres[verdicts.IndexOf(collapsed)].Branch.ToString().ToLowerInvariant()} branch: {collapsed.Reason}" };
        return (pass.Scores, collapsed ?? verdicts[0]);
    }

    private double Offset(double radius) => options.Objective == DeepSvddObjective.SoftBoundary ? radius * radius : 0;
}
