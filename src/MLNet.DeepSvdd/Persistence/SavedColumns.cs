using System.ComponentModel;
using Microsoft.ML.Data;

namespace MLNet.DeepSvdd.Persistence;

/// <summary>Column names and row types of the standard ML.NET transforms a Deep SVDD model is saved as.</summary>
internal static class SavedColumns
{
    public const string StateKey = "__DeepSvddStateKey";
    public const string State = "__DeepSvddState";
    public const string Features = "__DeepSvddFeatures";
    public const string StateKeyValue = "model";
}

/// <summary>A row with no columns (input of the state-key mapping). Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class NoColumns
{
}

/// <summary>The constant key under which a saved model's state is stored. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class StateKeyRow
{
    /// <summary>Always "model".</summary>
    [ColumnName(SavedColumns.StateKey)]
    public string Key { get; set; } = SavedColumns.StateKeyValue;
}

/// <summary>Input of the saved scoring mapping: the features and the model state. Infrastructure of model files; not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SavedScoringInput
{
    /// <summary>The feature vector (a copy of the trainer's feature column).</summary>
    [ColumnName(SavedColumns.Features)]
    public float[] Features { get; set; } = [];

    /// <summary>The serialized model (base64 of the model state).</summary>
    [ColumnName(SavedColumns.State)]
    public ReadOnlyMemory<char> State { get; set; }
}

