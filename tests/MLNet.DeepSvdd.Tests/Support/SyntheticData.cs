namespace MLNet.DeepSvdd.Tests.Support;

/// <summary>A row of the synthetic problem: 10 features and an anomaly label (1 = anomaly, 0 = normal, NaN = unlabeled).</summary>
public sealed class VectorRow
{
    public const int Size = 10;

    [VectorType(Size)]
    public float[] Features { get; set; } = [];

    public float Label { get; set; }
}

/// <summary>
/// Normal rows lie near a random 3-dimensional subspace of R^10 (x = A·z + 0.05·noise, z ~ N(0, I)); anomalies are isotropic Gaussian
/// vectors of comparable norm, i.e. off the subspace. A detector that learns the normal structure separates them almost perfectly.
/// </summary>
public sealed class SyntheticData
{
    private readonly float[,] basis = new float[3, VectorRow.Size];
    private readonly Random random;

    public SyntheticData(int seed = 0)
    {
        random = new Random(seed);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < VectorRow.Size; j++)
                basis[i, j] = (float)(random.NextDouble() * 2 - 1);
    }

    public VectorRow Normal()
    {
        double z0 = Gauss(), z1 = Gauss(), z2 = Gauss();
        var x = new float[VectorRow.Size];
        for (int j = 0; j < x.Length; j++) x[j] = (float)(z0 * basis[0, j] + z1 * basis[1, j] + z2 * basis[2, j] + 0.05 * Gauss());
        return new VectorRow { Features = x, Label = 0 };
    }

    public VectorRow Anomaly()
    {
        var x = new float[VectorRow.Size];
        for (int j = 0; j < x.Length; j++) x[j] = (float)Gauss();
        return new VectorRow { Features = x, Label = 1 };
    }

    public List<VectorRow> NormalRows(int n) => Enumerable.Range(0, n).Select(_ => Normal()).ToList();

    /// <summary>Alternating normal and anomalous rows.</summary>
    public List<VectorRow> MixedRows(int n) => Enumerable.Range(0, n).Select(i => i % 2 == 0 ? Normal() : Anomaly()).ToList();

    private double Gauss() => StandardNormal.Sample(random);

    public static IDataView Load(MLContext ml, IEnumerable<VectorRow> rows) => ml.Data.LoadFromEnumerable(rows);
}
