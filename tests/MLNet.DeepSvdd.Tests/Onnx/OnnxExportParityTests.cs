using Xunit.Abstractions;

namespace MLNet.DeepSvdd.Tests.Onnx;

/// <summary>
/// The exported ONNX graph, run by ONNX Runtime, scores like the transformer (TorchSharp) for every network kind and variant: scores to
/// 1e-4 relative, PredictedLabel identical, a row with NaN or ∞ scored +∞ and anomalous by both.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class OnnxExportParityTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(OnnxCases.Names), MemberType = typeof(OnnxCases))]
    public void Onnx_runtime_scores_equal_the_transformer(string name)
    {
        var c = OnnxCases.Get(name);
        var ml = new MLContext(seed: 1);
        var detector = OnnxCases.Fit(ml, c);
        var rows = OnnxCases.Rows(c, 30, seed: 7).ToList();
        var withNaN = (float[])rows[0].Clone();
        withNaN[c.Size / 2] = float.NaN;
        var withInfinity = (float[])rows[1].Clone();
        withInfinity[0] = float.NegativeInfinity;
        rows.Add(withNaN);
        rows.Add(withInfinity);

        var data = SmallDetectors.View(ml, rows, c.Size);
        var expected = SmallDetectors.Scores(detector, data);
        var expectedLabels = SmallDetectors.Labels(detector, data);

        var watch = Stopwatch.StartNew();
        byte[] onnx = OnnxCases.Export(ml, detector);
        watch.Stop();
        var (scores, labels) = OnnxCases.RunOnnx(onnx, detector.FeatureColumnName, rows);

        // The graph: one input [N, D] named after the feature column, opset 13, or 18 when the model resizes (Resize's antialias).
        var proto = global::Onnx.ModelProto.Parser.ParseFrom(onnx);
        proto.OpsetImport.Single().Version.Should().Be(detector.Model.Network.Spec.Resolution is null ? 13 : 18);
        var input = proto.Graph.Input.Single();
        input.Name.Should().Be(detector.FeatureColumnName);
        input.Type.TensorType.Shape.Dim.Select(d => d.DimParam == "" ? d.DimValue.ToString() : d.DimParam).Should().Equal("N", c.Size.ToString());
        proto.Graph.Output.Select(o => o.Name).Should().Equal("Score", "PredictedLabel");

        double offset = detector.Objective == DeepSvddObjective.SoftBoundary ? (double)detector.Radius * detector.Radius : 0;
        if (detector.Objective == DeepSvddObjective.SoftBoundary) detector.Radius.Should().BeGreaterThan(0, "the case must exercise the R² offset");
        double error = OnnxCases.MaxRelativeError(scores, expected, offset);
        output.WriteLine($"{name}: max relative error {error:E2} over {rows.Count} rows; ONNX file {onnx.Length:N0} bytes, exported in {watch.ElapsedMilliseconds} ms; " +
            $"{labels.Count(l => l)} of {labels.Length} predicted anomalous");
        error.Should().BeLessThanOrEqualTo(1e-4);
        labels.Should().Equal(expectedLabels);
        SmallDetectors.Scores(detector, data).Should().Equal(expected, "exporting must leave the model as it was");
        scores[^2].Should().Be(float.PositiveInfinity);
        scores[^1].Should().Be(float.PositiveInfinity);
        labels[^2].Should().BeTrue();
        expected.Take(rows.Count - 2).Distinct().Count().Should().BeGreaterThan(1, "the scores must not be all equal, or the comparison would say little");
    }

    [Fact]
    public void Exporting_leaves_no_tensor_alive()
    {
        var ml = new MLContext(seed: 1);
        var detector = OnnxCases.Fit(ml, OnnxCases.Get("LeNet, bias, 3x16x16"));
        OnnxCases.Export(ml, detector);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        OnnxCases.Export(ml, detector);
        OnnxCases.Export(ml, detector);
        (DisposeScopeManager.Statistics.ThreadTotalLiveCount - before).Should().Be(0);
    }
}
