namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>One part of a protocol (training, validation or test): the rows and how many of them are normal, anomalous or unlabeled.</summary>
public sealed class ProtocolSplit
{
    internal ProtocolSplit(IDataView data, IEnumerable<float> labels)
    {
        Data = data;
        foreach (float label in labels)
        {
            if (float.IsNaN(label)) Unlabeled++;
            else if (label > 0) Anomalous++;
            else Normal++;
        }
    }

    /// <summary>
    /// The rows, with a <see cref="ProtocolColumns.Label"/> column (Single: 0 normal, 1 anomaly, NaN unlabeled) and a
    /// <see cref="ProtocolColumns.Class"/> column (Int32), plus <see cref="ProtocolColumns.Image"/> (pixels) or
    /// <see cref="ProtocolColumns.ImagePath"/> and <see cref="ProtocolColumns.ClassName"/> (files), plus <see cref="ProtocolColumns.Mask"/>
    /// in the image alteration protocols. The view knows its row count and can be shuffled.
    /// </summary>
    public IDataView Data { get; }

    /// <summary>All rows.</summary>
    public int Count => Normal + Anomalous + Unlabeled;

    /// <summary>Rows labeled 0.</summary>
    public int Normal { get; }

    /// <summary>Rows labeled 1.</summary>
    public int Anomalous { get; }

    /// <summary>Rows labeled NaN (semi-supervised training only).</summary>
    public int Unlabeled { get; }

    /// <summary>"N rows: a normal, b anomalous[, c unlabeled]".</summary>
    /// <returns>The counts as text.</returns>
    public override string ToString() =>
        $"{Count} rows: {Normal} normal, {Anomalous} anomalous{(Unlabeled > 0 ? $", {Unlabeled} unlabeled" : "")}";
}
