using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MLNet.DeepSvdd.Networks;
using MLNet.DeepSvdd.Scoring;
using static TorchSharp.torch;

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

    public sealed record ReportData(List<EpochReport> Epochs, int SelectedEpoch, CollapseAssessment Collapse, int TrainingRows,
        string Device, string Network, TimeSpan Duration)
    {
        public static ReportData From(TrainingReport r) =>
            new([.. r.Epochs], r.SelectedEpoch, r.Collapse, r.TrainingRows, r.Device, r.Network, r.Duration);

        public TrainingReport ToReport() => new(Epochs, SelectedEpoch, Collapse, TrainingRows, Device, Network, Duration);
    }

    public static byte[] Write(ScoringModel model, float threshold, string featureColumnName, TrainingReport report, int scoringBatchSize)
    {
        var metadata = new Metadata(model.Network.Spec, model.Objective, model.CenterValues(), model.Radius, threshold,
            featureColumnName, ReportData.From(report), scoringBatchSize);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(JsonSerializer.Serialize(metadata, Json));
            using var weights = new MemoryStream();
            using (var weightWriter = new BinaryWriter(weights, Encoding.UTF8, leaveOpen: true)) model.Network.save(weightWriter);
            writer.Write(weights.Length);
            writer.Write(weights.GetBuffer(), 0, (int)weights.Length);
        }
        return stream.ToArray();
    }

    public static (ScoringModel Model, Metadata Metadata) Read(byte[] bytes, Device device)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        string magic;
        try { magic = reader.ReadString(); }
        catch (Exception e) when (e is EndOfStreamException or IOException) { magic = ""; }
        if (magic != Magic) throw new InvalidDataException("The data is not a saved MLNet.DeepSvdd model (wrong header).");
        int version = reader.ReadInt32();
        if (version > FormatVersion)
            throw new InvalidDataException($"The model was saved in format version {version}; this MLNet.DeepSvdd reads up to version {FormatVersion}. Update MLNet.DeepSvdd.");
        var metadata = JsonSerializer.Deserialize<Metadata>(reader.ReadString(), Json)
            ?? throw new InvalidDataException("The saved model's metadata is empty.");
        long length = reader.ReadInt64();
        var weights = reader.ReadBytes(checked((int)length));
        var network = metadata.Network.Build(new Generator(0));
        using (var weightStream = new MemoryStream(weights, writable: false)) network.load(weightStream);
        using var center = tensor(metadata.Center);
        return (new ScoringModel(network, center, metadata.Radius, metadata.Objective, device), metadata);
    }
}
