using System.Text;
using Microsoft.ML.Runtime;

namespace MLNet.DeepSvdd.Baselines.Persistence;

/// <summary>
/// A fitted baseline detector as bytes: a header ("MLNETBASELINE", format version), the model kind, the feature column, the threshold,
/// then the model's own parameters (<see cref="Scoring.IAnomalyScorer.Write"/>). <see cref="Read"/> is the one place that maps a kind back
/// to its reader and transformer.
/// </summary>
internal static class BaselineState
{
    private const string Magic = "MLNETBASELINE";
    private const int FormatVersion = 1;

    public static byte[] Write(AnomalyDetectorTransformer detector)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(detector.Scorer.Kind);
            writer.Write(detector.FeatureColumnName);
            writer.Write(detector.Threshold);
            detector.Scorer.Write(writer);
        }
        return stream.ToArray();
    }

    /// <summary>The detector <paramref name="bytes"/> hold, logging to <paramref name="environment"/>.</summary>
    public static AnomalyDetectorTransformer Read(byte[] bytes, IHostEnvironment? environment)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (reader.ReadString() != Magic) throw new InvalidDataException("The data is not a saved MLNet.DeepSvdd.Baselines model (wrong header).");
            int version = reader.ReadInt32();
            if (version > FormatVersion)
            {
                throw new InvalidDataException($"The model was saved in format version {version}; this MLNet.DeepSvdd.Baselines reads up to " +
                    $"version {FormatVersion}. Update MLNet.DeepSvdd.Baselines.");
            }
            string kind = reader.ReadString();
            string featureColumnName = reader.ReadString();
            float threshold = reader.ReadSingle();
            return kind switch
            {
                IsolationForestModel.KindName =>
                    new IsolationForestTransformer(IsolationForestModel.Read(reader), featureColumnName, threshold) { Environment = environment },
                OneClassSvmModel.KindName =>
                    new OneClassSvmTransformer(OneClassSvmModel.Read(reader), featureColumnName, threshold) { Environment = environment },
                _ => throw new InvalidDataException($"The model file holds a baseline of kind '{kind}', which this version of MLNet.DeepSvdd.Baselines does not know."),
            };
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The saved MLNet.DeepSvdd.Baselines model is truncated.", e);
        }
    }
}
