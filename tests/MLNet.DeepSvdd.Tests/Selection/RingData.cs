namespace MLNet.DeepSvdd.Tests.Selection;

/// <summary>A 2-D point with an anomaly label (1 = anomaly).</summary>
public sealed class PointRow
{
    [VectorType(2)]
    public float[] Features { get; set; } = [];

    public float Label { get; set; }
}

/// <summary>
/// Normal points lie on the unit circle (radius noise 0.05); anomalies sit in its empty middle (N(0, 0.1²) per coordinate). The best
/// detector is known by construction: an RBF one-class SVM with a local kernel (γ = 4 × scale = 4, width ≈ 0.35) sees no training point near
/// the middle and flags it (AUC ≈ 1), while a nearly global kernel (γ = scale / 64) behaves like a distance to the mean and calls the middle
/// the most normal place of all (AUC ≈ 0).
/// </summary>
public static class RingData
{
    public static List<PointRow> Normal(int n, Random random) => Enumerable.Range(0, n).Select(_ =>
    {
        double angle = 2 * Math.PI * random.NextDouble(), radius = 1 + 0.05 * StandardNormal.Sample(random);
        return new PointRow { Features = [(float)(radius * Math.Cos(angle)), (float)(radius * Math.Sin(angle))], Label = 0 };
    }).ToList();

    public static List<PointRow> Middle(int n, Random random) => Enumerable.Range(0, n).Select(_ => new PointRow
    {
        Features = [(float)(0.1 * StandardNormal.Sample(random)), (float)(0.1 * StandardNormal.Sample(random))],
        Label = 1,
    }).ToList();

    /// <summary>Training rows (normal only), then labeled validation and test sets (half anomalies each).</summary>
    public static (IDataView Train, IDataView Validation, IDataView Test) Splits(MLContext ml, int seed = 0, int train = 300, int labeled = 100)
    {
        var random = new Random(seed);
        var trainRows = Normal(train, random);
        var validation = Normal(labeled, random).Concat(Middle(labeled, random)).ToList();
        var test = Normal(labeled, random).Concat(Middle(labeled, random)).ToList();
        return (ml.Data.LoadFromEnumerable(trainRows), ml.Data.LoadFromEnumerable(validation), ml.Data.LoadFromEnumerable(test));
    }
}
