using MLNet.DeepSvdd.Baselines.Geo;
using MLNet.DeepSvdd.Baselines.Persistence;
using MLNet.DeepSvdd.Shared.Persistence;
using MLNet.DeepSvdd.Shared.Runtime;

namespace MLNet.DeepSvdd.Tests.Reliability;

/// <summary>The library's load entry points name the file and say what is wrong with it.</summary>
public class ModelFileLoadingTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("model-loading-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    public static TheoryData<string> Detectors => SmallDetectors.Names;

    [Theory]
    [MemberData(nameof(Detectors))]
    public void A_truncated_or_foreign_file_is_reported_as_corrupt_with_its_path(string name)
    {
        var detector = SmallDetectors.Get(name);
        var bytes = File.ReadAllBytes(detector.Path);
        string truncated = Path.Combine(directory, "truncated.zip");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        string text = Path.Combine(directory, "notes.zip");
        File.WriteAllText(text, "not a model");

        foreach (string path in new[] { truncated, text })
        {
            var load = () => detector.LoadWithLibrary(new MLContext(), path);
            load.Should().Throw<InvalidDataException>().WithMessage($"Model file '{path}' is corrupt*");
        }
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void A_folder_or_a_missing_path_is_named(string name)
    {
        var detector = SmallDetectors.Get(name);
        var folder = () => detector.LoadWithLibrary(new MLContext(), directory);
        folder.Should().Throw<FileNotFoundException>().WithMessage($"Model file '{directory}' is a folder*");
        string missing = Path.Combine(directory, "missing.zip");
        var absent = () => detector.LoadWithLibrary(new MLContext(), missing);
        absent.Should().Throw<FileNotFoundException>().WithMessage($"Model file '{missing}' does not exist.");
    }

    public static TheoryData<string, string, string> OtherDetectors => new()
    {
        { "DeepSvdd", "Geo", "GEO model (no transforms saved by MLNet.DeepSvdd.Baselines.Geo were found in it)." },
        { "Geo", "IsolationForest", "baseline detector (no transforms saved by MLNet.DeepSvdd.Baselines were found in it)." },
        { "OneClassSvm", "DeepSvdd", "Deep SVDD model (no transforms saved by MLNet.DeepSvdd were found in it)." },
    };

    [Theory]
    [MemberData(nameof(OtherDetectors))]
    public void An_intact_file_of_another_detector_is_said_to_hold_none_and_not_called_corrupt(string saved, string loader, string expected)
    {
        string path = SmallDetectors.Get(saved).Path;
        var load = () => SmallDetectors.Get(loader).LoadWithLibrary(new MLContext(), path);
        load.Should().Throw<InvalidDataException>().WithMessage($"Model file '{path}' holds no {expected}")
            .Which.InnerException.Should().BeNull("it is not damage");
    }

    [Fact]
    public void The_entry_points_of_a_plainly_loaded_model_say_when_it_holds_no_detector_of_their_kind()
    {
        var ml = new MLContext();
        var plain = ml.Model.Load(SmallDetectors.Get("IsolationForest").Path, out _);
        var restore = () => ml.Model.RestoreDeepSvdd(plain);
        restore.Should().Throw<InvalidDataException>()
            .WithMessage("The model holds no Deep SVDD model (no transforms saved by MLNet.DeepSvdd were found in it).");
        var get = () => ml.Model.GetGeo(plain);
        get.Should().Throw<InvalidDataException>().WithMessage("The model holds no GEO model.");
        var wrongKind = () => ml.Model.GetBaselineDetector<OneClassSvmTransformer>(plain);
        wrongKind.Should().Throw<InvalidDataException>().WithMessage("The model holds no OneClassSvmTransformer.");
        ml.Model.GetBaselineDetector<IsolationForestTransformer>(plain).NumberOfTrees.Should().Be(5, "the saved forest has 5 trees");
        var two = new TransformerChain<ITransformer>(plain, plain);
        var ambiguous = () => ml.Model.GetBaselineDetector<IsolationForestTransformer>(two);
        ambiguous.Should().Throw<InvalidDataException>().WithMessage("The model holds more than one IsolationForestTransformer (2)*walk its chain*");
    }

    [Fact]
    public void A_restored_detector_logs_to_the_loading_context()
    {
        var ml = new MLContext(seed: 1);
        var detector = SmallDetectors.Get("DeepSvdd");
        var restored = (DeepSvddTransformer)ml.Model.LoadDeepSvdd(detector.Path, out _);

        restored.Environment.Should().BeSameAs(MLContextAccess.FromContext(ml).Environment,
            "the restored detector is built with the caller's context, not copied into it");
        ml.Model.GetDeepSvdd(restored).Should().BeSameAs(restored, "a typed detector is found as itself, not rebuilt");
    }

    [Fact]
    public void The_state_is_stored_as_the_key_values_of_a_column_read_from_the_schema_and_older_readers_still_find_it()
    {
        var ml = new MLContext();
        var detector = SmallDetectors.Get("IsolationForest");
        var plain = (TransformerChain<ITransformer>)ml.Model.Load(detector.Path, out var schema);
        var run = plain.ToList();
        var forest = ml.Model.GetBaselineDetector<IsolationForestTransformer>(ml.Model.LoadBaselines(detector.Path, out _));
        // Expected independently of the reader: the codec's bytes behind their checksum, in base64.
        string expected = Convert.ToBase64String(StateChecksum.Wrap(BaselineState.Write(forest)));

        // New files: the state is the key value of the state column, known from the schema alone.
        var holder = run[1].Should().BeAssignableTo<IEnumerable<ITransformer>>().Subject.ToList();
        var afterKey = run[0].GetOutputSchema(schema);
        var column = holder[0].GetOutputSchema(afterKey)["__BaselineState"];
        column.Type.Should().BeOfType<KeyDataViewType>();
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.GetKeyValues(ref values);
        values.DenseValues().Select(v => v.ToString()).Should().Equal(expected);
        BaselineModelFile.Instance.FirstStateText(plain).Should().Be(expected);

        // What readers before this layout do (apply the first two transforms to one row) still gives the text.
        var oneRow = ml.Data.LoadFromEnumerable(new[] { new { Unused = 0f } });
        run[1].Transform(run[0].Transform(oneRow)).GetColumn<string>("__BaselineState").Should().Equal(expected);
    }
}

