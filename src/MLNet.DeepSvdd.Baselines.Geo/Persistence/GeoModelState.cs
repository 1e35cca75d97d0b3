using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MLNet.DeepSvdd.Networks;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Baselines.Geo;

/// <summary>
/// A fitted GEO model as bytes: a header ("MLNETGEO", format version), a JSON document (classifier layout, image shape, shift, Dirichlet
/// parameters, threshold, feature column, training report) and the classifier's weights in TorchSharp's state-dict format.
/// </summary>
internal static class GeoModelState
{
    private const string Magic = "MLNETGEO";
    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public sealed record Metadata(NetworkSpec Network, int[] ImageShape, int Shift, double[] Alpha, float Threshold, string FeatureColumnName,
        GeoTrainingReportData Report, int ScoringBatchSize);

    public sealed record GeoTrainingReportData(List<GeoEpochReport> Epochs, int TrainingRows, string Device, string Network,
        int DirichletIterations, TimeSpan Duration)
    {
        public static GeoTrainingReportData From(GeoTrainingReport r) =>
            new([.. r.Epochs], r.TrainingRows, r.Device, r.Network, r.DirichletIterations, r.Duration);

        public GeoTrainingReport ToReport() => new(Epochs, TrainingRows, Device, Network, DirichletIterations, Duration);
    }

    public static byte[] Write(GeoTransformer detector)
    {
        var model = detector.Model;
        var metadata = new Metadata(model.Network.Spec, model.ImageShape, model.Transformations.Shift, model.Alpha, detector.Threshold,
            detector.FeatureColumnName, GeoTrainingReportData.From(detector.Report), detector.ScoringBatchSize);
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

    public static GeoTransformer Read(byte[] bytes, Device device)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (reader.ReadString() != Magic) throw new InvalidDataException("The data is not a saved GEO model (wrong header).");
            int version = reader.ReadInt32();
            if (version > FormatVersion)
            {
                throw new InvalidDataException($"The GEO model was saved in format version {version}; this MLNet.DeepSvdd.Baselines.Geo reads up " +
                    $"to version {FormatVersion}. Update MLNet.DeepSvdd.Baselines.Geo.");
            }
            var metadata = JsonSerializer.Deserialize<Metadata>(reader.ReadString(), Json)
                ?? throw new InvalidDataException("The saved GEO model's metadata is empty.");
            long length = reader.ReadInt64();
            var weights = reader.ReadBytes(checked((int)length));
            if (weights.Length != length) throw new EndOfStreamException();
            var network = metadata.Network.Build(new Generator(0));
            using (var weightStream = new MemoryStream(weights, writable: false)) network.load(weightStream);
            var transformations = new GeometricTransformations(metadata.ImageShape[1], metadata.Shift);
            var model = new GeoScoringModel(network, transformations, metadata.ImageShape, metadata.Alpha, device);
            return new GeoTransformer(model, metadata.Threshold, metadata.FeatureColumnName, metadata.Report.ToReport())
            {
                ScoringBatchSize = metadata.ScoringBatchSize,
            };
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException)
        {
            throw new InvalidDataException("The saved GEO model is truncated or damaged.", e);
        }
    }
}
