using System.Globalization;
using System.Text.Json;

namespace MLNet.DeepSvdd.Tests.Baselines;

/// <summary>A row of the scikit-learn fixture: 8 features and an anomaly label (1 = anomaly, 0 = normal; 0 for the unlabeled training rows).</summary>
public sealed class FixtureRow
{
    public const int Size = 8;

    [VectorType(Size)]
    public float[] Features { get; set; } = [];

    public float Label { get; set; }
}

/// <summary>
/// The committed scikit-learn reference (Fixtures/make_fixture.py): 300 training rows, 200 labeled test rows, scikit-learn's scores on the
/// test rows and its fitted parameters (sklearn_reference.json). Loaded once.
/// </summary>
public sealed class SklearnFixture
{
    private static readonly Lazy<SklearnFixture> Instance = new(() => new SklearnFixture());

    private SklearnFixture()
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "Baselines", "Fixtures");
        Train = ReadRows(Path.Combine(directory, "train.csv"), labeled: false);
        Test = ReadRows(Path.Combine(directory, "test.csv"), labeled: true);
        var scores = File.ReadAllLines(Path.Combine(directory, "sklearn_scores.csv")).Skip(1)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        IsolationForestScores = scores.Select(s => s[0]).ToArray();
        SvmADecision = scores.Select(s => s[1]).ToArray();
        SvmBDecision = scores.Select(s => s[2]).ToArray();
        Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "sklearn_reference.json"))).RootElement;
    }

    public static SklearnFixture Data => Instance.Value;

    public IReadOnlyList<FixtureRow> Train { get; }

    public IReadOnlyList<FixtureRow> Test { get; }

    public bool[] TestIsAnomaly => Test.Select(r => r.Label > 0).ToArray();

    /// <summary>-score_samples of IsolationForest(n_estimators=100, random_state=0).</summary>
    public double[] IsolationForestScores { get; }

    /// <summary>decision_function of OneClassSVM(nu=0.1, gamma="scale").</summary>
    public double[] SvmADecision { get; }

    /// <summary>decision_function of OneClassSVM(nu=0.5, gamma=0.05).</summary>
    public double[] SvmBDecision { get; }

    public JsonElement Reference { get; }

    public double Number(string section, string name) => Reference.GetProperty(section).GetProperty(name).GetDouble();

    public IDataView TrainView(MLContext ml) => ml.Data.LoadFromEnumerable(Train);

    public IDataView TestView(MLContext ml) => ml.Data.LoadFromEnumerable(Test);

    private static List<FixtureRow> ReadRows(string path, bool labeled)
    {
        var rows = new List<FixtureRow>();
        foreach (string line in File.ReadAllLines(path).Skip(1))
        {
            var values = line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            rows.Add(labeled
                ? new FixtureRow { Label = values[0], Features = values[1..] }
                : new FixtureRow { Features = values });
        }
        return rows;
    }
}
