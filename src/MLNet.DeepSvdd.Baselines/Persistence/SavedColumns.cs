using System.ComponentModel;
using Microsoft.ML.Data;

namespace MLNet.DeepSvdd.Baselines.Persistence;

/// <summary>Column names of the standard ML.NET transforms a baseline detector is saved as.</summary>
internal static class SavedColumns
{
    public const string StateKey = "__BaselineStateKey";
    public const string State = "__BaselineState";
    public const string Features = "__BaselineFeatures";
    public const string StateKeyValue = "model";
}

/// <summary>A row with no columns (input of the state-key mapping). Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BaselineNoColumns
{
}

/// <summary>The constant key under which a saved detector's state is stored. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BaselineStateKeyRow
{
    /// <summary>Always "model".</summary>
    [ColumnName(SavedColumns.StateKey)]
    public string Key { get; set; } = SavedColumns.StateKeyValue;
}

/// <summary>Input of the saved scoring mapping: the features and the detector state. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BaselineScoringInput
{
    /// <summary>The feature vector (a copy of the detector's feature column).</summary>
    [ColumnName(SavedColumns.Features)]
    public float[] Features { get; set; } = [];

    /// <summary>The serialized detector (base64 of its state).</summary>
    [ColumnName(SavedColumns.State)]
    public ReadOnlyMemory<char> State { get; set; }
}
