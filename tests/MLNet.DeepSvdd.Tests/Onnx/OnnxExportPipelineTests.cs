using Xunit.Abstractions;

namespace MLNet.DeepSvdd.Tests.Onnx;

/// <summary>
/// The exported file in ML.NET (<c>ApplyOnnxModel</c>), ML.NET's own <c>ConvertToOnnx</c> refusing our detectors instead of writing a
/// pass-through graph, and the export's errors for what it cannot export.
/// </summary>
public sealed class OnnxExportPipelineTests(ITestOutputHelper output)
{
    private static readonly OnnxCase Mlp = OnnxCases.Get("Mlp, bias");

    [Fact]
    public void The_exported_file_scores_the_same_through_ApplyOnnxModel_in_an_MLNet_pipeline()
    {
        var ml = new MLContext(seed: 1);
        var detector = OnnxCases.Fit(ml, Mlp);
        var data = SmallDetectors.View(ml, OnnxCases.Rows(Mlp, 40, seed: 3), Mlp.Size);
        string path = Path.Combine(Directory.CreateTempSubdirectory("onnx-export-").FullName, "detector.onnx");
        using (var file = File.Create(path)) ml.Model.ExportDeepSvddToOnnx(detector, file);

        var onnx = ml.Transforms.ApplyOnnxModel(["Score", "PredictedLabel"], [detector.FeatureColumnName], path).Fit(data);
        var scored = onnx.Transform(data);
        var scores = scored.GetColumn<VBuffer<float>>("Score").Select(v => v.GetValues().ToArray().Single()).ToArray();
        var labels = scored.GetColumn<VBuffer<bool>>("PredictedLabel").Select(v => v.GetValues().ToArray().Single()).ToArray();

        OnnxCases.MaxRelativeError(scores, SmallDetectors.Scores(detector, data), 0).Should().BeLessThanOrEqualTo(1e-4);
        labels.Should().Equal(SmallDetectors.Labels(detector, data));
        labels.Should().Contain(true).And.Contain(false);
    }

    [Fact]
    public void The_file_overload_writes_the_same_model_and_a_pipeline_of_the_detector_alone_exports()
    {
        var ml = new MLContext(seed: 1);
        var detector = OnnxCases.Fit(ml, Mlp);
        var chain = new TransformerChain<ITransformer>(detector);
        string path = Path.Combine(Directory.CreateTempSubdirectory("onnx-export-").FullName, "detector.onnx");
        ml.Model.ExportDeepSvddToOnnx(chain, path);
        File.ReadAllBytes(path).Should().Equal(OnnxCases.Export(ml, detector));
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().ContainSingle("no temporary file is left");
    }

    [Fact]
    public void A_saved_and_loaded_model_exports_the_same_graph()
    {
        var ml = new MLContext(seed: 1);
        var detector = OnnxCases.Fit(ml, Mlp);
        var data = SmallDetectors.View(ml, OnnxCases.Rows(Mlp, 4, seed: 3), Mlp.Size);
        using var saved = new MemoryStream();
        ml.Model.Save(detector, data.Schema, saved);
        saved.Position = 0;
        var loaded = ml.Model.Load(saved, out _);
        OnnxCases.Export(ml, loaded).Should().Equal(OnnxCases.Export(ml, detector));
    }

    [Fact]
    public void ConvertToOnnx_refuses_a_pipeline_with_a_Deep_SVDD_detector()
    {
        var ml = new MLContext(seed: 1);
        var train = SmallDetectors.View(ml, OnnxCases.Rows(Mlp, 24, seed: 1), Mlp.Size);
        var pipeline = ml.Transforms.NormalizeMeanVariance("Features")
            .Append(ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options
            {
                Network = DeepSvddNetwork.Mlp, Epochs = 1, HiddenLayers = [8], RepresentationDimension = 4, NoiseHeads = 4, Seed = 1,
                Device = DeepSvddDevice.Cpu, ThrowOnCollapse = false,
            }));
        var model = pipeline.Fit(train);

        using var stream = new MemoryStream();
        var convert = () => ml.Model.ConvertToOnnx(model, train, stream);
        convert.Should().Throw<NotSupportedException>().WithMessage("*ConvertToOnnx cannot convert a Deep SVDD model*ExportDeepSvddToOnnx*");
        var detectorAlone = () => ml.Model.ConvertToOnnx(model.LastTransformer, model.Transform(train), stream);
        detectorAlone.Should().Throw<NotSupportedException>();
        stream.Length.Should().Be(0, "no pass-through graph is written");

        // A model reloaded with plain Model.Load (standard transforms, row by row) is refused too, by ML.NET itself.
        using var saved = new MemoryStream();
        ml.Model.Save(model, train.Schema, saved);
        saved.Position = 0;
        var loaded = ml.Model.Load(saved, out _);
        var convertLoaded = () => ml.Model.ConvertToOnnx(loaded, train, stream);
        convertLoaded.Should().Throw<Exception>();
        stream.Length.Should().Be(0);

        // Transform outside ConvertToOnnx is unaffected.
        model.Transform(train).GetColumn<float>("Score").Should().HaveCount(24).And.OnlyContain(s => float.IsFinite(s));
    }

    [Fact]
    public void The_conversion_guard_is_quiet_outside_ConvertToOnnx_and_cheap()
    {
        OnnxConversionGuard.IsConverting().Should().BeFalse();
        OnnxConversionGuard.ThrowIfConverting("Deep SVDD", null); // no exception
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < 1000; i++) OnnxConversionGuard.IsConverting();
        double microseconds = watch.Elapsed.TotalMilliseconds;
        output.WriteLine($"One stack check: {microseconds:F1} µs (mean of 1 000, from a test method's stack)");
        microseconds.Should().BeLessThan(5000, "one check per Transform call must stay negligible");
    }

    [Theory]
    [InlineData("IsolationForest", "*cannot convert*ExportBaselineToOnnx*")]
    [InlineData("OneClassSvm", "*cannot convert*ExportBaselineToOnnx*")]
    [InlineData("Geo", "*cannot convert*has no ONNX export*")]
    public void ConvertToOnnx_refuses_the_other_detectors_too(string name, string message)
    {
        var ml = new MLContext(seed: 1);
        var detector = SmallDetectors.Get(name);
        var data = SmallDetectors.View(ml, detector.Rows(4, 1), detector.InputSize);
        using var stream = new MemoryStream();
        var convert = () => ml.Model.ConvertToOnnx(detector.Model, data, stream);
        convert.Should().Throw<NotSupportedException>().WithMessage(message);
    }

    [Fact]
    public void What_cannot_be_exported_gets_a_clear_error()
    {
        var ml = new MLContext(seed: 1);
        var detector = OnnxCases.Fit(ml, Mlp);
        using var stream = new MemoryStream();

        var geo = () => ml.Model.ExportDeepSvddToOnnx(SmallDetectors.Get("Geo").Model, stream);
        geo.Should().Throw<ArgumentException>().WithMessage("*GEO cannot be exported to ONNX*");
        var forest = () => ml.Model.ExportDeepSvddToOnnx(SmallDetectors.Get("IsolationForest").Model, stream);
        forest.Should().Throw<ArgumentException>().WithMessage("*exports Deep SVDD detectors*ExportBaselineToOnnx*");
        var normalizer = ml.Transforms.NormalizeMinMax("Features").Fit(SmallDetectors.View(ml, OnnxCases.Rows(Mlp, 8, 1), Mlp.Size));
        var notDetector = () => ml.Model.ExportDeepSvddToOnnx(normalizer, stream);
        notDetector.Should().Throw<ArgumentException>().WithMessage("*exports Deep SVDD detectors*");
        var withPrefix = () => ml.Model.ExportDeepSvddToOnnx(normalizer.Append(detector), stream);
        withPrefix.Should().Throw<ArgumentException>().WithMessage("*other transform(s) besides its Deep SVDD detector*GetDeepSvdd*");
        stream.Length.Should().Be(0, "nothing is written when the export is refused");

        using var readOnly = new MemoryStream(new byte[16], writable: false);
        var unwritable = () => ml.Model.ExportDeepSvddToOnnx(detector, readOnly);
        unwritable.Should().Throw<ArgumentException>().WithMessage("*not writable*").Which.ParamName.Should().Be("stream");
        var nullStream = () => ml.Model.ExportDeepSvddToOnnx(detector, (Stream)null!);
        nullStream.Should().Throw<ArgumentNullException>();
        string missingFolder = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "m.onnx");
        var noFolder = () => ml.Model.ExportDeepSvddToOnnx(detector, missingFolder);
        noFolder.Should().Throw<DirectoryNotFoundException>().WithMessage("*does not exist*");
    }
}
