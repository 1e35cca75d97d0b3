namespace MLNet.DeepSvdd.Data;

/// <summary>
/// The validation set as training uses it every epoch: the features on the device, and — read once — which rows carry a label
/// (NaN labels are skipped) and whether each of those is an anomaly. Both classes must be present for a ROC AUC.
/// </summary>
internal sealed class ValidationData : IDisposable
{
    private ValidationData(Tensor features, int[] labeledRows, bool[] isAnomaly)
    {
        Features = features;
        LabeledRows = labeledRows;
        IsAnomaly = isAnomaly;
    }

    public Tensor Features { get; }

    /// <summary>Indices of the rows with a label.</summary>
    public int[] LabeledRows { get; }

    /// <summary>For each of <see cref="LabeledRows"/>: label &gt; 0.</summary>
    public bool[] IsAnomaly { get; }

    /// <summary>Takes ownership of the loaded features; throws when the labels lack one of the two classes.</summary>
    public static ValidationData From(DataViewLoader.Loaded loaded, string labelColumnName)
    {
        float[] labels;
        using (var cpu = loaded.Labels!.cpu()) labels = cpu.data<float>().ToArray();
        loaded.Labels.Dispose();
        var labeled = Enumerable.Range(0, labels.Length).Where(i => !float.IsNaN(labels[i])).ToArray();
        var isAnomaly = labeled.Select(i => labels[i] > 0).ToArray();
        int anomalies = isAnomaly.Count(a => a), normals = isAnomaly.Length - anomalies;
        if (anomalies == 0 || normals == 0)
        {
            loaded.Features.Dispose();
            throw new ArgumentException($"ValidationSet needs both normal (label 0) and anomalous (label > 0) rows in column '{labelColumnName}' " +
                $"to compute a ROC AUC; it has {normals} normal and {anomalies} anomalous rows.", nameof(DeepSvddTrainer.Options.ValidationSet));
        }
        return new ValidationData(loaded.Features, labeled, isAnomaly);
    }

    public void Dispose() => Features.Dispose();
}
