namespace MLNet.DeepSvdd.Tests.Baselines;

/// <summary>A row with a 4-value feature vector, for the small hand-made data sets of the baseline tests.</summary>
public sealed class SmallRow
{
    public const int Size = 4;

    [VectorType(Size)]
    public float[] Features { get; set; } = [];
}

/// <summary>Small synthetic data sets for the baseline tests.</summary>
public static class BaselineData
{
    /// <summary>n rows of a standard Gaussian in <see cref="SmallRow.Size"/> dimensions, scaled by <paramref name="scale"/>.</summary>
    public static List<SmallRow> Gaussian(int n, int seed, double scale = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => new SmallRow
        {
            Features = Enumerable.Range(0, SmallRow.Size).Select(_ => (float)(scale * StandardNormal.Sample(random))).ToArray(),
        }).ToList();
    }

    public static IDataView View(MLContext ml, IEnumerable<SmallRow> rows) => ml.Data.LoadFromEnumerable(rows);

    public static float[] Scores(ITransformer model, IDataView data) => model.Transform(data).GetColumn<float>("Score").ToArray();
}
