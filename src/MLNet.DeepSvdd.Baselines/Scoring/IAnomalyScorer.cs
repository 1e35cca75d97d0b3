namespace MLNet.DeepSvdd.Baselines.Scoring;

/// <summary>
/// A fitted baseline model reduced to what scoring and saving need: the input size, a thread-safe score of one row (higher = more
/// anomalous), and its parameters as bytes. Implemented by the Isolation Forest and the one-class SVM models.
/// </summary>
internal interface IAnomalyScorer
{
    /// <summary>Number of input values per row.</summary>
    int InputSize { get; }

    /// <summary>The kind recorded in model files, which selects the reader (see <see cref="Persistence.BaselineState"/>).</summary>
    string Kind { get; }

    /// <summary>The anomaly score of one row of <see cref="InputSize"/> values; safe to call from several threads at once.</summary>
    double Score(ReadOnlySpan<float> features);

    /// <summary>Writes the model's parameters (the inverse of the kind's reader).</summary>
    void Write(BinaryWriter writer);
}
