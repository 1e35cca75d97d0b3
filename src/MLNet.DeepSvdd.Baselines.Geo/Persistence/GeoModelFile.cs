using System.ComponentModel;
using Microsoft.ML.Transforms;

namespace MLNet.DeepSvdd.Baselines.Geo.Persistence;

/// <summary>
/// A <see cref="GeoTransformer"/>'s model file: the shared <see cref="DetectorModelFile{TDetector, TKeyRow, TScoringInput, TPrediction}"/>
/// with GEO's state (<see cref="GeoState"/>), column names, and the factories and row types ML.NET needs from this assembly (GEO's own,
/// so no other detector's loader mistakes its run for its own).
/// </summary>
internal static class GeoModelFile
{
    public const string StateKeyColumn = "__GeoStateKey", StateColumn = "__GeoState", FeaturesColumn = "__GeoFeatures";

    public static readonly DetectorModelFile<GeoTransformer, GeoStateKeyRow, GeoScoringInput, GeoPrediction> Instance = new(
        new DetectorFileNames("GEO", "GEO model", "a model with GEO", "MLNet.DeepSvdd.Baselines.Geo",
            StateKeyColumn, StateColumn, FeaturesColumn),
        (new GeoStateKeyFactory(), GeoStateKeyFactory.ContractName),
        (new GeoScoringFactory(), GeoScoringFactory.ContractName),
        GeoState.Write, GeoState.Read);
}

/// <summary>The constant key under which a saved GEO model's state is stored. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeoStateKeyRow : ISavedStateKeyRow
{
    /// <summary>Always "model".</summary>
    [ColumnName(GeoModelFile.StateKeyColumn)]
    public string Key { get; set; } = DetectorFileNames.ModelKey;
}

/// <summary>Input of the saved GEO scoring mapping: the image and the model state. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeoScoringInput : ISavedScoringRow
{
    /// <summary>The image pixels (a copy of the model's feature column).</summary>
    [ColumnName(GeoModelFile.FeaturesColumn)]
    public float[] Features { get; set; } = [];

    /// <summary>The serialized model (base64 of its state).</summary>
    [ColumnName(GeoModelFile.StateColumn)]
    public ReadOnlyMemory<char> State { get; set; }
}

/// <summary>
/// Recreates, when ML.NET loads a model file, the mapping that emits GEO's constant state key. Infrastructure of model files; not for direct use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class GeoStateKeyFactory : CustomMappingFactory<NoColumns, GeoStateKeyRow>
{
    /// <summary>The contract name recorded in model files.</summary>
    public const string ContractName = "MLNet.DeepSvdd.Baselines.Geo.StateKey.v1";

    /// <inheritdoc />
    public override Action<NoColumns, GeoStateKeyRow> GetMapping() => (_, row) => SavedMapping.EmitKey(row);
}

/// <summary>
/// Recreates, when ML.NET loads a model file, GEO's row-by-row scoring mapping; the model state arrives as a column and is parsed once per
/// distinct state. Infrastructure of model files; not for direct use: call <c>mlContext.Model.LoadGeo</c> for batched scoring.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class GeoScoringFactory : CustomMappingFactory<GeoScoringInput, GeoPrediction>
{
    /// <summary>The contract name recorded in model files.</summary>
    public const string ContractName = "MLNet.DeepSvdd.Baselines.Geo.Score.v1";

    /// <inheritdoc />
    public override Action<GeoScoringInput, GeoPrediction> GetMapping() =>
        (input, output) => SavedMapping.Score(GeoModelFile.Instance.Scorer(input.State), input, output);
}
