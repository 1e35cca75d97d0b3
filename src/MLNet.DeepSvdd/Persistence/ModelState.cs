using System.Text.Json.Serialization;
using System.Text.Json;

namespace MLNet.DeepSvdd.Persistence;

/// <summary>
/// Everything a fitted detector is made of, as bytes: a header ("MLNETDSVDD", format version), a JSON document (network layout, centre,
/// radius, threshold, objective, feature column, training report) and the network's weights in TorchSharp's state-dict format.
/// The noise-injection head is not part of it: it is discarded after training, as in the paper.
/// </summary>
internal sealed class ModelState
{
    private const string Magic = "MLNETDSVDD";
    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public sealed record Metadata(
        NetworkSpec Network,
        DeepSvddObjective Objective,
        float[] Center,
        double Radius,
        float Threshold,
        string FeatureColumnName,
        ReportData Report,
        int ScoringBatchSize = 256);

    /// <summary>The training report as saved; the resolved settings are absent (null) in files saved before they were recorded.</summary>
    public sealed record ReportData(List<EpochReport> Epochs, int SelectedEpoch, CollapseAssessment Collapse, int TrainingRows,
        string Device, string Network, TimeSpan Duration, double? LearningRate = null, BackboneStage? FreezeThrough = null,
        bool? FreezeBatchNorm = null)
    {
        public static ReportData From(TrainingReport r) =>
            new([.. r.Epochs], r.SelectedEpoch, r.Collapse, r.TrainingRows, r.Device, r.Network, r.Duration, r.LearningRate, r.FreezeThrough,
                r.FreezeBatchNorm);

        public TrainingReport ToReport() => new(Epochs, SelectedEpoch, Collapse, TrainingRows, Device, Network, Duration)
        {
            LearningRate = LearningRate,
            FreezeThrough = FreezeThrough,
            FreezeBatchNorm = FreezeBatchNorm,
        };
    }

    public static byte[] Write(ScoringModel model, float threshold, string featureColumnName, TrainingReport report, int scoringBatchSize)
    {
        var metadata = new Metadata(model.Network.Spec, model.Objective, model.CenterValues(), model.Radius, threshold,
            featureColumnName, ReportData.From(report), scoringBatchSize);
        return StateEnvelope.Write(Magic, FormatVersion, JsonSerializer.Serialize(metadata, Json), model.Network);
    }

    public static (ScoringModel Model, Metadata Metadata) Read(byte[] bytes, Device device)
    {
        var (json, weights) = StateEnvelope.Read(bytes, Magic, FormatVersion, "MLNet.DeepSvdd", "MLNet.DeepSvdd");
        var metadata = JsonSerializer.Deserialize<Metadata>(json, Json) ?? throw new InvalidDataException("The saved model's metadata is empty.");
        var network = metadata.Network.Build(new Generator(0));
        using (var weightStream = new MemoryStream(weights, writable: false)) network.load(weightStream);
        using var center = tensor(metadata.Center);
        return (new ScoringModel(network, center, metadata.Radius, metadata.Objective, device), metadata);
    }
}
