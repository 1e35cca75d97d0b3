using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MLNet.DeepSvdd.Datasets.Alterations;
using MLNet.DeepSvdd.Onnx;
using MLNet.DeepSvdd.Tests.Patches;
using OnnxScoring;
using Xunit.Abstractions;

namespace MLNet.DeepSvdd.Tests.Onnx;

/// <summary>
/// The ONNX export of patch-level models (<see cref="DeepSvddRepresentation.Patches"/> with <see cref="PatchScoreReduction.Max"/> and
/// <see cref="PatchScoreReduction.TopMean"/>, <see cref="DeepSvddRepresentation.PooledAndPatches"/> one-class and soft-boundary), run by ONNX Runtime, against the
/// transformer (TorchSharp): Score to 1e-4 relative and PredictedLabel identical, as for pooled models; AnomalyMap within
/// <see cref="MapTolerance"/> of the transformer's AnomalyMap column; PredictedMask the ONNX map above 0.5 and the transformer's mask wherever
/// the map is not within the tolerance of 0.5; a row with a NaN or ∞ scored +∞ with a map of +∞ by both. Small ResNet-18 (pretrained)
/// models at 64 px, trained one epoch on the smooth synthetic images of <see cref="AnomalyMapTests"/>.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class OnnxPatchExportParityTests(OnnxPatchExportParityTests.Models models, ITestOutputHelper output)
    : IClassFixture<OnnxPatchExportParityTests.Models>
{
    /// <summary>The largest difference allowed between the two maps, relative to max(1, |map value|).</summary>
    public const double MapTolerance = 1e-4;

    private const int Side = AnomalyMapTests.Side;

    /// <summary>The detectors, trained on first use (so one case can run alone).</summary>
    public sealed class Models : IDisposable
    {
        private readonly ConcurrentDictionary<string, DeepSvddTransformer> fitted = new();

        public MLContext Ml { get; } = new(seed: 1);

        /// <summary>The detector of case <paramref name="name"/>.</summary>
        public DeepSvddTransformer Get(string name) => fitted.GetOrAdd(name, n =>
        {
            var (representation, reduction, objective) = Cases[n];
            var random = new Random(11);
            var train = Enumerable.Range(0, 24).Select(_ => new AnomalyMapTests.Image { Pixels = AnomalyMapTests.Smooth(random) }).ToList();
            return Ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options
            {
                FeatureColumnName = nameof(AnomalyMapTests.Image.Pixels),
                Network = DeepSvddNetwork.ResNet18Pretrained,
                Representation = representation,
                PatchScoreReduction = reduction,
                Objective = objective,
                RadiusWarmUpEpochs = 0,
                InputResolution = 64,
                Epochs = 1,
                BatchSize = 8,
                Seed = 1,
                Device = DeepSvddDevice.Cpu,
                ThrowOnCollapse = false,
            }).Fit(Ml.Data.LoadFromEnumerable(train));
        });

        public void Dispose()
        {
            foreach (var model in fitted.Values) model.Model.Dispose();
        }
    }

    private static readonly Dictionary<string, (DeepSvddRepresentation, PatchScoreReduction, DeepSvddObjective)> Cases = new()
    {
        ["Patches, Max"] = (DeepSvddRepresentation.Patches, PatchScoreReduction.Max, DeepSvddObjective.OneClass),
        ["Patches, TopMean"] = (DeepSvddRepresentation.Patches, PatchScoreReduction.TopMean, DeepSvddObjective.OneClass),
        ["PooledAndPatches, TopMean"] = (DeepSvddRepresentation.PooledAndPatches, PatchScoreReduction.TopMean, DeepSvddObjective.OneClass),
        ["PooledAndPatches, Max, soft-boundary"] = (DeepSvddRepresentation.PooledAndPatches, PatchScoreReduction.Max, DeepSvddObjective.SoftBoundary),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Onnx_runtime_scores_and_maps_equal_the_transformer(string name)
    {
        var ml = models.Ml;
        var detector = models.Get(name);
        detector.HasAnomalyMap.Should().BeTrue();
        detector.Representation.Should().Be(Cases[name].Item1);

        var random = new Random(5);
        var rows = new List<float[]>();
        for (int i = 0; i < 8; i++) rows.Add(AnomalyMapTests.Smooth(random));
        for (int i = 0; i < 3; i++) rows.Add(AnomalyMapTests.WithDefect(random));
        var withNaN = (float[])rows[0].Clone();
        withNaN[withNaN.Length / 2] = float.NaN;
        var withInfinity = (float[])rows[1].Clone();
        withInfinity[0] = float.PositiveInfinity;
        rows.Add(withNaN);
        rows.Add(withInfinity);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new AnomalyMapTests.Image { Pixels = r }));
        var expected = ml.Data.CreateEnumerable<AnomalyMapTests.Scored>(detector.Transform(data), reuseRowObject: false).ToList();

        byte[] onnx = OnnxCases.Export(ml, detector);
        var proto = global::Onnx.ModelProto.Parser.ParseFrom(onnx);
        proto.OpsetImport.Single().Version.Should().Be(18);
        proto.Graph.Output.Select(o => o.Name).Should().Equal("Score", "PredictedLabel", "AnomalyMap", "PredictedMask");
        proto.Graph.Output[2].Type.TensorType.Shape.Dim.Select(d => d.DimParam == "" ? d.DimValue.ToString(CultureInfo.InvariantCulture) : d.DimParam)
            .Should().Equal("N", $"{Side}", $"{Side}");
        var metadata = proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        metadata["deepsvdd.map_threshold"].Should().Be(detector.Model.MapThreshold.ToString("R", CultureInfo.InvariantCulture));
        metadata["deepsvdd.map_shape"].Should().Be($"{Side},{Side}");
        proto.DocString.Should().Contain("AnomalyMap float [N, 32, 32]").And.Contain("PredictedMask bool [N, 32, 32] (AnomalyMap > 0.5)");

        var (scores, labels, maps, masks) = Run(onnx, detector.FeatureColumnName, rows);

        // Soft-boundary: every branch has an offset R_b², so a score can be near 0; with two branches the terms are standardised (about
        // N(0, 1) on normal rows). Errors are then relative to max(|score|, Σ R_b² / scale_b, 1 with two branches).
        var spheres = detector.Model.Spheres;
        if (Cases[name].Item3 == DeepSvddObjective.SoftBoundary) spheres.Should().OnlyContain(s => s.Offset > 0, "the case must exercise every offset");
        double offset = Math.Max(spheres.Sum(s => s.Offset / s.Scale), spheres.Count > 1 ? 1 : 0);
        double scoreError = OnnxCases.MaxRelativeError(scores, [.. expected.Select(e => e.Score)], offset);
        labels.Should().Equal(expected.Select(e => e.PredictedLabel));
        double mapError = 0;
        int borderline = 0;
        for (int r = 0; r < rows.Count - 2; r++)
        {
            var want = expected[r].AnomalyMap;
            want.Should().HaveCount(Side * Side);
            for (int p = 0; p < want.Length; p++)
            {
                float got = maps[r * Side * Side + p];
                mapError = Math.Max(mapError, Math.Abs(got - want[p]) / Math.Max(1, Math.Abs(want[p])));
                masks[r * Side * Side + p].Should().Be(got > 0.5f, $"row {r}, pixel {p}: the ONNX mask is the ONNX map above 0.5");
                if (Math.Abs(want[p] - 0.5f) > MapTolerance) masks[r * Side * Side + p].Should().Be(expected[r].PredictedMask[p], $"row {r}, pixel {p}");
                else borderline++;
            }
        }
        output.WriteLine($"{name}: max relative score error {scoreError:E2}, max map error {mapError:E2} over {rows.Count - 2} finite rows " +
            $"({borderline} pixels within the tolerance of 0.5); τ = {detector.MapThreshold:R}; " +
            $"{masks.Take((rows.Count - 2) * Side * Side).Count(m => m)} mask pixels; ONNX file {onnx.Length:N0} bytes");
        scoreError.Should().BeLessThanOrEqualTo(1e-4);
        mapError.Should().BeLessThanOrEqualTo(MapTolerance);
        expected.Take(rows.Count - 2).Select(e => e.Score).Distinct().Count().Should().BeGreaterThan(1, "the scores must differ, or the comparison says little");
        expected.Take(rows.Count - 2).SelectMany(e => e.AnomalyMap).Distinct().Count().Should().BeGreaterThan(100, "the maps must vary");

        for (int r = rows.Count - 2; r < rows.Count; r++)
        {
            scores[r].Should().Be(float.PositiveInfinity, $"row {r} has a non-finite value");
            labels[r].Should().BeTrue();
            expected[r].AnomalyMap.Should().OnlyContain(v => float.IsPositiveInfinity(v), "the transformer's rule for such a row");
            maps.Skip(r * Side * Side).Take(Side * Side).Should().OnlyContain(v => float.IsPositiveInfinity(v), $"row {r}: ONNX map");
            masks.Skip(r * Side * Side).Take(Side * Side).Should().OnlyContain(m => m, $"row {r}: ONNX mask");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_branch_of_weight_0_takes_no_part_in_the_exported_score(int left)
    {
        // The PooledAndPatches model with its calibrations, except that branch `left` (0 pooled, 1 patches) is chosen out of the score, as
        // training with a validation set may do; the network is shared, not copied (so the variant is not disposed).
        var ml = models.Ml;
        var fitted = models.Get("PooledAndPatches, TopMean").Model;
        var calibrations = fitted.Calibrations.Select((c, i) => i == left ? c with { Weight = 0 } : c).ToList();
        var variant = new MLNet.DeepSvdd.Scoring.ScoringModel(fitted.Network, [.. fitted.Spheres.Select(s => s.Center)], fitted.Radii, calibrations,
            fitted.Objective, fitted.Scoring, fitted.Device) { MapThreshold = fitted.MapThreshold };
        var original = models.Get("PooledAndPatches, TopMean");
        var detector = new DeepSvddTransformer(variant, original.Threshold, original.FeatureColumnName, original.Report);

        var random = new Random(9);
        var rows = Enumerable.Range(0, 6).Select(i => i < 4 ? AnomalyMapTests.Smooth(random) : AnomalyMapTests.WithDefect(random)).ToList();
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new AnomalyMapTests.Image { Pixels = r }));
        var expected = detector.Transform(data).GetColumn<float>("Score").ToArray();
        var both = original.Transform(data).GetColumn<float>("Score").ToArray();
        // On these rows the patch term is the larger one, so leaving the pooled branch out changes nothing (that case checks the graph
        // still runs and matches); leaving the patch branch out must change the scores, or the case would say nothing.
        if (left == 1) expected.Should().NotEqual(both, "leaving the patch branch out must change the scores");
        var (scores, _, _, _) = Run(OnnxCases.Export(ml, detector), detector.FeatureColumnName, rows);
        double error = OnnxCases.MaxRelativeError(scores, expected, 1);
        output.WriteLine($"branch {left} left out: max relative score error {error:E2}");
        error.Should().BeLessThanOrEqualTo(1e-4);
    }

    [Fact]
    public void A_non_square_image_without_a_resize_maps_like_the_transformer()
    {
        // ResNet18 (random weights, projection with a bias) on 3×24×40 images at their own size: layer1's 6×10 patch map resized to 24×40.
        var ml = new MLContext(seed: 1);
        var c = new OnnxCase("ResNet18, patches, 3x24x40", [3, 24, 40], o =>
        {
            o.Network = DeepSvddNetwork.ResNet18; o.Representation = DeepSvddRepresentation.Patches; o.PatchScoreReduction = PatchScoreReduction.Max;
            o.UseBias = true;
        });
        var detector = OnnxCases.Fit(ml, c);
        try
        {
            detector.Model.Network.Spec.Layout.PatchHeight.Should().Be(6);
            detector.Model.Network.Spec.Layout.PatchWidth.Should().Be(10);
            var rows = OnnxCases.Rows(c, 10, seed: 7).ToList();
            var withNaN = (float[])rows[0].Clone();
            withNaN[7] = float.NaN;
            rows.Add(withNaN);
            var scored = detector.Transform(SmallDetectors.View(ml, rows, c.Size));
            var expectedScores = scored.GetColumn<float>("Score").ToArray();
            var expectedMaps = scored.GetColumn<VBuffer<float>>("AnomalyMap").Select(m => m.DenseValues().ToArray()).ToList();

            int pixels = 24 * 40;
            byte[] onnx = OnnxCases.Export(ml, detector);
            using var session = new InferenceSession(onnx);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(detector.FeatureColumnName,
                new DenseTensor<float>(rows.SelectMany(r => r).ToArray(), [rows.Count, c.Size]))]);
            var maps = results.Single(r => r.Name == "AnomalyMap").AsTensor<float>();
            maps.Dimensions.ToArray().Should().Equal(rows.Count, 24, 40);
            var scores = results.Single(r => r.Name == "Score").AsTensor<float>().ToArray();
            var values = maps.ToArray();

            double scoreError = OnnxCases.MaxRelativeError(scores, expectedScores, 0), mapError = 0;
            for (int r = 0; r < rows.Count - 1; r++)
            {
                for (int p = 0; p < pixels; p++)
                    mapError = Math.Max(mapError, Math.Abs(values[r * pixels + p] - expectedMaps[r][p]) / Math.Max(1, Math.Abs(expectedMaps[r][p])));
            }
            output.WriteLine($"{c.Name}: max relative score error {scoreError:E2}, max map error {mapError:E2}; τ = {detector.MapThreshold:R}");
            scoreError.Should().BeLessThanOrEqualTo(1e-4);
            mapError.Should().BeLessThanOrEqualTo(MapTolerance);
            expectedMaps[0].Distinct().Count().Should().BeGreaterThan(15, "the upsampled map must vary");
            values.Skip((rows.Count - 1) * pixels).Should().OnlyContain(v => float.IsPositiveInfinity(v), "the NaN row's map");
        }
        finally
        {
            detector.Model.Dispose();
        }
    }

    [Fact]
    public void A_patches_only_graph_leaves_out_exactly_the_stages_after_layer1_and_fc()
    {
        var patches = models.Get("Patches, Max");
        var proto = global::Onnx.ModelProto.Parser.ParseFrom(OnnxCases.Export(models.Ml, patches));
        var initializers = proto.Graph.Initializer.Select(i => i.Name).ToList();
        initializers.Should().Contain("backbone.patch.projection.weight").And.Contain("backbone.layer1.1.conv2.weight");
        initializers.Should().NotContain(n => n.StartsWith("backbone.layer2", StringComparison.Ordinal) || n.StartsWith("backbone.layer3", StringComparison.Ordinal) ||
            n.StartsWith("backbone.layer4", StringComparison.Ordinal) || n.StartsWith("backbone.fc", StringComparison.Ordinal));
        var both = global::Onnx.ModelProto.Parser.ParseFrom(OnnxCases.Export(models.Ml, models.Get("PooledAndPatches, TopMean")));
        both.Graph.Initializer.Select(i => i.Name).Should().Contain("backbone.layer4.2.conv2.weight").And.Contain("backbone.fc.weight");

        // Skipping those modules accounts for them and nothing else: the check stays strict for every other weight.
        var weights = new NetworkWeights(patches.Model.Network);
        foreach (string module in new[] { "backbone.layer2", "backbone.layer3", "backbone.layer4", "backbone.fc" }) weights.Skip(module);
        var check = () => weights.CheckAllUsed();
        check.Should().Throw<InvalidOperationException>().WithMessage("*backbone.bn1.running_mean*");
        var unknown = () => weights.Skip("backbone.layer5");
        unknown.Should().Throw<InvalidOperationException>().WithMessage("*'backbone.layer5'*");
    }

    [Fact]
    public void Cli_export_check_compares_the_maps_and_masks_too()
    {
        var ml = models.Ml;
        var detector = models.Get("PooledAndPatches, TopMean");
        string root = Directory.CreateTempSubdirectory("deepsvdd-onnx-check-").FullName;
        try
        {
            string zip = Path.Combine(root, "m.zip"), onnx = Path.Combine(root, "m.onnx");
            var schema = ml.Data.LoadFromEnumerable(new[] { new AnomalyMapTests.Image { Pixels = new float[3 * Side * Side] } }).Schema;
            ml.Model.Save(detector, schema, zip);
            var log = new List<string>();

            MLNet.DeepSvdd.Cli.Commands.ExportCommand.Export(new MLNet.DeepSvdd.Cli.Commands.ExportCommand.Settings { Model = zip, Onnx = onnx, Check = 20 }, log.Add);

            var line = log.Single(l => l.StartsWith("Anomaly maps on the same rows", StringComparison.Ordinal));
            var match = System.Text.RegularExpressions.Regex.Match(line, @"difference ([0-9.E+-]+) .*differ: ([0-9,]+) of ([0-9,]+)\.");
            match.Success.Should().BeTrue(line);
            double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture).Should().BeLessThanOrEqualTo(MapTolerance, line);
            long.Parse(match.Groups[3].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture).Should().Be(20L * Side * Side, "every pixel of every row");
            long.Parse(match.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture).Should().BeLessThanOrEqualTo(2,
                "a mask pixel can differ only where the map is within float rounding of 0.5");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_OnnxScoring_sample_counts_the_mask_pixels_of_a_patch_model()
    {
        var ml = models.Ml;
        var detector = models.Get("Patches, Max");
        string root = Directory.CreateTempSubdirectory("deepsvdd-onnx-patch-").FullName;
        try
        {
            string onnx = Path.Combine(root, "model.onnx"), images = Path.Combine(root, "images");
            ml.Model.ExportDeepSvddToOnnx(detector, onnx);
            Directory.CreateDirectory(images);
            var random = new Random(3);
            for (int n = 0; n < 4; n++)
            {
                var planar = n < 2 ? AnomalyMapTests.Smooth(random) : AnomalyMapTests.WithDefect(random);
                var rgb = new byte[Side * Side * 3];
                for (int i = 0; i < Side * Side; i++)
                    for (int c = 0; c < 3; c++) rgb[i * 3 + c] = (byte)Math.Round(planar[c * Side * Side + i]);
                File.WriteAllBytes(Path.Combine(images, $"{n:D2}.png"), PngEncoder.Encode(rgb, Side, Side, 3));
            }
            var files = Directory.GetFiles(images).Order(StringComparer.Ordinal).ToList();
            var rows = files.Select(f => ImagePixels.Load(f, Side, Side)).ToList();
            var expected = ml.Data.CreateEnumerable<AnomalyMapTests.Scored>(
                detector.Transform(ml.Data.LoadFromEnumerable(rows.Select(r => new AnomalyMapTests.Image { Pixels = r }))), reuseRowObject: false).ToList();

            using var sample = new OnnxDetector(onnx);
            sample.HasMap.Should().BeTrue();
            var results = sample.Score(rows);
            for (int i = 0; i < rows.Count; i++)
            {
                int borderline = expected[i].AnomalyMap.Count(v => Math.Abs(v - 0.5f) <= MapTolerance);
                results[i].MaskPixels.Should().BeInRange(expected[i].PredictedMask.Count(m => m) - borderline,
                    expected[i].PredictedMask.Count(m => m) + borderline, $"image {i}: the transformer's mask");
                results[i].Anomaly.Should().Be(expected[i].PredictedLabel);
            }

            var printed = new StringWriter();
            ScoringApp.Run([onnx, images], printed, TextWriter.Null).Should().Be(0);
            var lines = printed.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            lines[0].Should().Contain($"anomaly map {Side}×{Side}");
            lines.Skip(1).Take(rows.Count).Select(l => l.Split('\t')[^1])
                .Should().Equal(results.Select(r => $"mask {r.MaskPixels} of {Side * Side} pixels"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Runs the exported model on <paramref name="rows"/> in one batch with ONNX Runtime alone.</summary>
    private static (float[] Scores, bool[] Labels, float[] Maps, bool[] Masks) Run(byte[] onnx, string inputName, IReadOnlyList<float[]> rows)
    {
        int size = rows[0].Length;
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        using var session = new InferenceSession(onnx, options);
        var input = new DenseTensor<float>(rows.SelectMany(r => r).ToArray(), [rows.Count, size]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, input)]);
        var maps = results.Single(r => r.Name == "AnomalyMap").AsTensor<float>();
        var masks = results.Single(r => r.Name == "PredictedMask").AsTensor<bool>();
        maps.Dimensions.ToArray().Should().Equal(rows.Count, Side, Side);
        masks.Dimensions.ToArray().Should().Equal(rows.Count, Side, Side);
        var scores = results.Single(r => r.Name == "Score").AsTensor<float>();
        scores.Dimensions.ToArray().Should().Equal(rows.Count, 1);
        return (scores.ToArray(), results.Single(r => r.Name == "PredictedLabel").AsTensor<bool>().ToArray(), maps.ToArray(), masks.ToArray());
    }
}
