using System.Text.Json.Serialization;

namespace MLNet.DeepSvdd.Persistence;

/// <summary>
/// Everything a fitted detector is made of, as bytes: a header ("MLNETDSVDD", format version), a JSON document (network layout, centre,
/// radius, threshold, objective, feature column, training report) and the network's weights in TorchSharp's state-dict format.
/// The noise-injection head is not part of it: it is discarded after training, as in the paper.
/// </summary>
internal sealed class DeepSvddState
{
    private const string Magic = "MLNETDSVDD";
    private const int FormatVersion = 1;

    public sealed record Metadata(
        NetworkSpec Network,
        DeepSvddObjective Objective,
        float[] Center,
        double Radius,
        float Threshold,
        string FeatureColumnName,
        ReportData Report,
        int ScoringBatchSize = DeepSvddTrainer.Defaults.ScoringBatchSize,
        PatchModel? Patches = null);

    /// <summary>
    /// What a model with a patch branch adds (null in pooled models and in files saved before patches existed): every branch's centre,
    /// radius and calibration (pooled first; the first ones repeat <see cref="Metadata.Center"/> and <see cref="Metadata.Radius"/>) and the
    /// reduction of the patch map and the map threshold τ.
    /// </summary>
    public sealed record PatchModel(float[][] Centers, double[] Radii, BranchCalibration[] Calibrations, PatchScoreReduction Reduction,
        double TopFraction, double MapThreshold);

    /// <summary>The training report as saved; the resolved settings are absent (null) in files saved before they were recorded.</summary>
    public sealed record ReportData(List<EpochReport> Epochs, int SelectedEpoch, CollapseAssessment Collapse, int TrainingRows,
        string Device, string Network, TimeSpan Duration, double? LearningRate = null, BackboneStage? FreezeThrough = null,
        bool? FreezeBatchNorm = null, BranchValidation? Branches = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TrainingDivergence? Divergence = null)
    {
        public static ReportData From(TrainingReport r) =>
            new([.. r.Epochs], r.SelectedEpoch, r.Collapse, r.TrainingRows, r.Device, r.Network, r.Duration, r.LearningRate, r.FreezeThrough,
                r.FreezeBatchNorm, r.Branches, r.Divergence);

        public TrainingReport ToReport() => new(Epochs, SelectedEpoch, Collapse, TrainingRows, Device, Network, Duration)
        {
            LearningRate = LearningRate,
            FreezeThrough = FreezeThrough,
            FreezeBatchNorm = FreezeBatchNorm,
            Branches = Branches,
            Divergence = Divergence,
        };
    }

    public static byte[] Write(DeepSvddTransformer detector)
    {
        var (model, threshold, featureColumnName, report, scoringBatchSize) =
            (detector.Model, detector.Threshold, detector.FeatureColumnName, detector.Report, detector.ScoringBatchSize);
        var patches = model.Scoring.Layout.HasPatches
            ? new PatchModel([.. model.Spheres.Select((_, i) => model.CenterValues(i))], [.. model.Radii], [.. model.Calibrations],
                model.Scoring.Reduction, model.Scoring.TopFraction, model.MapThreshold)
            : null;
        var metadata = new Metadata(model.Network.Spec, model.Objective, model.CenterValues(), model.Radius, threshold,
            featureColumnName, ReportData.From(report), scoringBatchSize, patches);
        return StateEnvelope.Write(Magic, FormatVersion, metadata, model.Network);
    }

    /// <summary>The detector <paramref name="bytes"/> hold, on the default device, logging to <paramref name="environment"/>.</summary>
    public static DeepSvddTransformer Read(byte[] bytes, IHostEnvironment? environment)
    {
        var (model, metadata) = Read(bytes, Runtime.DeviceSelector.Default());
        return new DeepSvddTransformer(model, metadata.Threshold, metadata.FeatureColumnName, metadata.Report.ToReport())
        {
            ScoringBatchSize = metadata.ScoringBatchSize,
            Environment = environment,
        };
    }

    private static (ScoringModel Model, Metadata Metadata) Read(byte[] bytes, Device device)
    {
        var (metadata, weights) = StateEnvelope.Read<Metadata>(bytes, Magic, FormatVersion, "MLNet.DeepSvdd", "MLNet.DeepSvdd");
        var network = StateEnvelope.WithWeights(metadata.Network.Build(new Generator(0)), weights);
        if (metadata.Patches is { } p)
        {
            if (!metadata.Network.Layout.HasPatches || p.Centers.Length != metadata.Network.Layout.Branches.Count)
                throw new InvalidDataException("The saved model's patch data does not match its network.");
            var centers = p.Centers.Select(c => tensor(c)).ToList();
            try
            {
                var scoring = new PatchScoring(metadata.Network.Layout, p.Reduction, p.TopFraction);
                return (new ScoringModel(network, centers, p.Radii, p.Calibrations, metadata.Objective, scoring, device) { MapThreshold = p.MapThreshold },
                    metadata);
            }
            finally
            {
                foreach (var c in centers) c.Dispose();
            }
        }
        if (metadata.Network.Layout.HasPatches) throw new InvalidDataException("The saved model has a patch branch but no patch data.");
        using var center = tensor(metadata.Center);
        return (new ScoringModel(network, center, metadata.Radius, metadata.Objective, device), metadata);
    }
}
