
namespace MLNet.DeepSvdd.Baselines.Geo.Persistence;

/// <summary>
/// A fitted GEO model as bytes: a header ("MLNETGEO", format version), a JSON document (classifier layout, image shape, shift, Dirichlet
/// parameters, threshold, feature column, training report) and the classifier's weights in TorchSharp's state-dict format.
/// </summary>
internal static class GeoState
{
    private const string Magic = "MLNETGEO";
    private const int FormatVersion = 1;

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
        return StateEnvelope.Write(Magic, FormatVersion, metadata, model.Network);
    }

    /// <summary>The model <paramref name="bytes"/> hold, on the default device, logging to <paramref name="environment"/>.</summary>
    public static GeoTransformer Read(byte[] bytes, IHostEnvironment? environment) => Read(bytes, DeviceSelector.Default(), environment);

    /// <summary>The model <paramref name="bytes"/> hold, on <paramref name="device"/>.</summary>
    public static GeoTransformer Read(byte[] bytes, Device device, IHostEnvironment? environment = null)
    {
        var (metadata, weights) = StateEnvelope.Read<Metadata>(bytes, Magic, FormatVersion, "GEO", "MLNet.DeepSvdd.Baselines.Geo");
        var network = StateEnvelope.WithWeights(metadata.Network.Build(new Generator(0)), weights);
        var transformations = new GeometricTransformations(metadata.ImageShape[1], metadata.Shift);
        var model = new GeoScoringModel(network, transformations, metadata.ImageShape, metadata.Alpha, device);
        return new GeoTransformer(model, metadata.Threshold, metadata.FeatureColumnName, metadata.Report.ToReport())
        {
            ScoringBatchSize = metadata.ScoringBatchSize,
            Environment = environment,
        };
    }
}
