using System.ComponentModel;
using Microsoft.ML.Transforms;

namespace MLNet.DeepSvdd.Baselines.Geo.Persistence;

/// <summary>
/// How a <see cref="GeoTransformer"/> goes into an ML.NET model file: the run of standard transforms of
/// <see cref="SavedModelFormat{TKeyInput, TKeyRow, TScoringInput, TPrediction}"/> with GEO's own factories and row types (so no other
/// detector's loader mistakes it for its own), holding base64 of <see cref="GeoModelState"/> behind its SHA-256 (<see cref="StateChecksum"/>).
/// </summary>
internal static class GeoSavedModel
{
    public static readonly SavedModelFormat<NoColumns, GeoStateKeyRow, GeoScoringInput, GeoPrediction> Format = new(
        GeoSavedColumns.Names,
        new GeoStateKeyFactory(), GeoStateKeyFactory.ContractName,
        new GeoScoringFactory(), GeoScoringFactory.ContractName);

    private static readonly SavedStateCache<GeoTransformer> Cache = new("GEO", bytes => GeoModelState.Read(bytes, DeviceSelector.Default()));

    public static TransformerChain<ITransformer> Build(GeoTransformer detector) =>
        Format.Build(GeoModelState.Write(detector), detector.FeatureColumnName, detector.InputSize);

    public static GeoTransformer FromState(ReadOnlyMemory<char> state) => Cache.Get(state);
}

/// <summary>Recreates, when ML.NET loads a model file, the mapping that emits GEO's constant state key. Infrastructure of model files; not for direct use.</summary>
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
/// Recreates, when ML.NET loads a model file, GEO's row-by-row scoring mapping; the model state arrives as a column and is deserialized
/// once per distinct state. Infrastructure of model files; not for direct use: call <c>mlContext.Model.LoadGeo</c> for batched scoring.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(ContractName)]
public sealed class GeoScoringFactory : CustomMappingFactory<GeoScoringInput, GeoPrediction>
{
    /// <summary>The contract name recorded in model files.</summary>
    public const string ContractName = "MLNet.DeepSvdd.Baselines.Geo.Score.v1";

    /// <inheritdoc />
    public override Action<GeoScoringInput, GeoPrediction> GetMapping() => (input, output) => SavedMapping.Score(GeoSavedModel.FromState(input.State), input, output);
}
