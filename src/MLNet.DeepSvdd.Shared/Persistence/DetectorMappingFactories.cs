using System.ComponentModel;

namespace MLNet.DeepSvdd.Shared.Persistence;

/// <summary>A row with no columns: the input of the state-key mapping of every saved detector. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class NoColumns
{
}

/// <summary>The row that carries a saved detector's constant state key. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISavedStateKeyRow
{
    /// <summary>The key under which the state is stored: always <see cref="DetectorFileNames.ModelKey"/>.</summary>
    string Key { get; set; }
}

/// <summary>The input row of a saved detector's scoring mapping: the features and the state. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISavedScoringRow
{
    /// <summary>The feature vector (a copy of the detector's feature column).</summary>
    float[] Features { get; }

    /// <summary>The serialized detector (base64 of its state behind a checksum).</summary>
    ReadOnlyMemory<char> State { get; }
}

/// <summary>The output row of a saved detector's scoring mapping. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISavedPredictionRow
{
    /// <summary>Anomaly score, higher = more anomalous.</summary>
    float Score { get; set; }

    /// <summary>Score above the detector's threshold.</summary>
    bool PredictedLabel { get; set; }
}

/// <summary>
/// What the two mapping factories of every saved detector do when ML.NET loads a model file. Each detector declares its own sealed
/// factories (with its <c>[CustomMappingFactoryAttribute]</c> contract names and row types) whose <c>GetMapping</c> lambdas call these:
/// ML.NET records the assembly that declares the mapping lambda and registers it on load, so the lambdas must live in the detector's
/// assembly, not here.
/// </summary>
internal static class SavedMapping
{
    /// <summary>The state-key mapping: emits the constant key.</summary>
    public static void EmitKey(ISavedStateKeyRow row) => row.Key = DetectorFileNames.ModelKey;

    /// <summary>
    /// The scoring mapping: the row scored by <paramref name="detector"/> (rebuilt once per distinct state) by the rule of every scoring
    /// path: the row's length is checked, and a NaN or infinite feature scores +∞ and is an anomaly.
    /// </summary>
    public static void Score(DetectorTransformer detector, ISavedScoringRow input, ISavedPredictionRow output) =>
        (output.Score, output.PredictedLabel) = detector.ScoreSavedRow(input.Features);
}
