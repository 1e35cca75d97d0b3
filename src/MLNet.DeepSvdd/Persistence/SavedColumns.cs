using System.ComponentModel;

namespace MLNet.DeepSvdd.Persistence;

/// <summary>Column names of the standard ML.NET transforms a Deep SVDD model is saved as (fixed: model files name them).</summary>
internal static class SavedColumns
{
    public const string StateKey = "__DeepSvddStateKey";
    public const string State = "__DeepSvddState";
    public const string Features = "__DeepSvddFeatures";

    public static readonly SavedColumnNames Names = new(StateKey, State, Features);
}

/// <summary>The constant key under which a saved model's state is stored. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class StateKeyRow : ISavedStateKeyRow
{
    /// <summary>Always "model".</summary>
    [ColumnName(SavedColumns.StateKey)]
    public string Key { get; set; } = SavedColumnNames.ModelKey;
}

/// <summary>Input of the saved scoring mapping: the features and the model state. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SavedScoringInput : ISavedScoringRow
{
    /// <summary>The feature vector (a copy of the trainer's feature column).</summary>
    [ColumnName(SavedColumns.Features)]
    public float[] Features { get; set; } = [];

    /// <summary>The serialized model (base64 of the model state).</summary>
    [ColumnName(SavedColumns.State)]
    public ReadOnlyMemory<char> State { get; set; }
}
