using System.ComponentModel;

namespace MLNet.DeepSvdd.Baselines.Persistence;

/// <summary>Column names of the standard ML.NET transforms a baseline detector is saved as (fixed: model files name them).</summary>
internal static class SavedColumns
{
    public const string StateKey = "__BaselineStateKey";
    public const string State = "__BaselineState";
    public const string Features = "__BaselineFeatures";

    public static readonly SavedColumnNames Names = new(StateKey, State, Features);
}

/// <summary>The constant key under which a saved detector's state is stored. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BaselineStateKeyRow : ISavedStateKeyRow
{
    /// <summary>Always "model".</summary>
    [ColumnName(SavedColumns.StateKey)]
    public string Key { get; set; } = SavedColumnNames.ModelKey;
}

/// <summary>Input of the saved scoring mapping: the features and the detector state. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BaselineScoringInput : ISavedScoringRow
{
    /// <summary>The feature vector (a copy of the detector's feature column).</summary>
    [ColumnName(SavedColumns.Features)]
    public float[] Features { get; set; } = [];

    /// <summary>The serialized detector (base64 of its state).</summary>
    [ColumnName(SavedColumns.State)]
    public ReadOnlyMemory<char> State { get; set; }
}
