namespace MLNet.DeepSvdd.Shared.Persistence;

/// <summary>
/// The internal column names of a <see cref="SavedModelFormat{TKeyInput, TKeyRow, TScoringInput, TPrediction}"/> run (each library has its
/// own, so a pipeline can hold models of both) and the constant key under which the state is stored.
/// </summary>
internal sealed record SavedColumnNames(string StateKey, string State, string Features)
{
    /// <summary>The constant key under which every detector's state is stored.</summary>
    public const string ModelKey = "model";

    /// <summary>The key value of this format: <see cref="ModelKey"/>.</summary>
    public static string StateKeyValue => ModelKey;
}
