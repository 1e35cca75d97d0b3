namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>A row a protocol has decided on: an image of a source set, by index, and its label (0, 1 or NaN).</summary>
internal readonly record struct PlannedRow(int Source, float Label)
{
    public static PlannedRow Normal(int source) => new(source, 0f);

    public static PlannedRow Anomalous(int source) => new(source, 1f);

    public static PlannedRow Unlabeled(int source) => new(source, float.NaN);
}
