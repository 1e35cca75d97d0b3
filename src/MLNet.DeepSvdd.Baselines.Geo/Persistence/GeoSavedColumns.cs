using System.ComponentModel;

namespace MLNet.DeepSvdd.Baselines.Geo.Persistence;

/// <summary>Column names of the standard ML.NET transforms a GEO model is saved as (fixed: model files name them).</summary>
internal static class GeoSavedColumns
{
    public const string StateKey = "__GeoStateKey";
    public const string State = "__GeoState";
    public const string Features = "__GeoFeatures";

    public static readonly SavedColumnNames Names = new(StateKey, State, Features);
}

/// <summary>The constant key under which a saved GEO model's state is stored. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeoStateKeyRow : ISavedStateKeyRow
{
    /// <summary>Always "model".</summary>
    [ColumnName(GeoSavedColumns.StateKey)]
    public string Key { get; set; } = SavedColumnNames.ModelKey;
}

/// <summary>Input of the saved GEO scoring mapping: the image and the model state. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeoScoringInput : ISavedScoringRow
{
    /// <summary>The image pixels (a copy of the model's feature column).</summary>
    [ColumnName(GeoSavedColumns.Features)]
    public float[] Features { get; set; } = [];

    /// <summary>The serialized model (base64 of its state).</summary>
    [ColumnName(GeoSavedColumns.State)]
    public ReadOnlyMemory<char> State { get; set; }
}
