using MLNet.DeepSvdd.Baselines.Onnx;
using Xunit.Abstractions;

namespace MLNet.DeepSvdd.Tests.Onnx;

/// <summary>
/// The Isolation Forest and one-class SVM exports (<c>ExportBaselineToOnnx</c>), run by ONNX Runtime, score like the transformers:
/// scores to 1e-4 relative, PredictedLabel identical, rows with NaN or ∞ +∞ and anomalous.
/// </summary>
public sealed class BaselineOnnxExportTests(ITestOutputHelper output)
{
    private const int Size = 6;

    public static TheoryData<string> Kinds => new() { "IsolationForest", "OneClassSvm" };

    private static IEstimator<ITransformer> Trainer(MLContext ml, string kind) => kind == "IsolationForest"
        ? ml.AnomalyDetection.Trainers.IsolationForest(numberOfTrees: 40, sampleSize: 64, seed: 1)
        : ml.AnomalyDetection.Trainers.OneClassSvm(nu: 0.2);

    /// <summary>Gaussian rows around (3, 3, …) (a mean the SVM's distance formula must cope with); every fifth one far out.</summary>
    private static List<float[]> Rows(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => Enumerable.Range(0, Size)
            .Select(_ => (float)(3 + (i % 5 == 4 ? 4 : 1) * StandardNormal.Sample(random))).ToArray()).ToList();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Onnx_runtime_scores_equal_the_transformer(string kind)
    {
        var ml = new MLContext(seed: 1);
        var detector = (AnomalyDetectorTransformer)Trainer(ml, kind).Fit(SmallDetectors.View(ml, Rows(150, 1), Size));
        var rows = Rows(40, 2);
        rows.Add([float.NaN, 0, 0, 0, 0, 0]);
        rows.Add([0, 0, 0, float.PositiveInfinity, 0, 0]);
        var data = SmallDetectors.View(ml, rows, Size);
        var expected = SmallDetectors.Scores(detector, data);
        var expectedLabels = SmallDetectors.Labels(detector, data);

        using var stream = new MemoryStream();
        ml.Model.ExportBaselineToOnnx(detector, stream);
        var (scores, labels) = OnnxCases.RunOnnx(stream.ToArray(), detector.FeatureColumnName, rows);

        double scale = detector is OneClassSvmTransformer svm ? svm.Rho : 0; // ρ − Σα·K can be near 0: relative to ρ then
        double error = OnnxCases.MaxRelativeError(scores, expected, scale);
        output.WriteLine($"{kind}: max relative error {error:E2} over {rows.Count} rows; ONNX file {stream.Length:N0} bytes; " +
            $"{labels.Count(l => l)} of {labels.Length} predicted anomalous");
        error.Should().BeLessThanOrEqualTo(1e-4);
        labels.Should().Equal(expectedLabels);
        labels.Should().Contain(false);
        labels.Take(rows.Count - 2).Should().Contain(true);
        scores[^1].Should().Be(float.PositiveInfinity);
    }

    [Fact]
    public void A_loaded_model_exports_the_same_graph_and_other_models_are_refused()
    {
        var ml = new MLContext(seed: 1);
        var train = SmallDetectors.View(ml, Rows(60, 1), Size);
        var detector = Trainer(ml, "IsolationForest").Fit(train);
        using var direct = new MemoryStream();
        ml.Model.ExportBaselineToOnnx(detector, direct);
        using var saved = new MemoryStream();
        ml.Model.Save(detector, train.Schema, saved);
        saved.Position = 0;
        using var fromLoaded = new MemoryStream();
        ml.Model.ExportBaselineToOnnx(ml.Model.Load(saved, out _), fromLoaded);
        fromLoaded.ToArray().Should().Equal(direct.ToArray());

        using var stream = new MemoryStream();
        var deep = () => ml.Model.ExportBaselineToOnnx(SmallDetectors.Get("DeepSvdd").Model, stream);
        deep.Should().Throw<ArgumentException>().WithMessage("*ExportDeepSvddToOnnx*");
        var withPrefix = () => ml.Model.ExportBaselineToOnnx(ml.Transforms.NormalizeMinMax("Features").Fit(train).Append(detector), stream);
        withPrefix.Should().Throw<ArgumentException>().WithMessage("*other transform(s) besides its IsolationForest detector*");
        using var readOnly = new MemoryStream(new byte[4], writable: false);
        var unwritable = () => ml.Model.ExportBaselineToOnnx(detector, readOnly);
        unwritable.Should().Throw<ArgumentException>().WithMessage("*not writable*");
        stream.Length.Should().Be(0);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(-2.7182818284590451)]
    [InlineData(1e-30)]
    [InlineData(3.0)]
    public void Split_values_round_to_the_largest_float_not_above_them(double value)
    {
        float t = IsolationForestEmitter.FloatAtMost(value);
        ((double)t).Should().BeLessThanOrEqualTo(value);
        ((double)MathF.BitIncrement(t)).Should().BeGreaterThan(value);
    }
}
