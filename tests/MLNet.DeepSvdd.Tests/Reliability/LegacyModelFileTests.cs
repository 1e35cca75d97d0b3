using Microsoft.ML;
using MLNet.DeepSvdd.Persistence;
using MLNet.DeepSvdd.Tests.Support;
using BaselineChain = MLNet.DeepSvdd.Baselines.Persistence.SavedModelChain;
using DeepSvddChain = MLNet.DeepSvdd.Persistence.SavedModelChain;
using GeoChain = MLNet.DeepSvdd.Baselines.Geo.GeoSavedModel;

namespace MLNet.DeepSvdd.Tests.Reliability;

/// <summary>
/// Model files saved before states carried a checksum still load, with identical scores. Such a file is rebuilt here from a current one by
/// storing the bare state (what the earlier versions stored: the checksum layout only adds a header in front of it).
/// </summary>
public class LegacyModelFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("legacy-models-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    public static TheoryData<string> Detectors => SmallDetectors.Names;

    [Theory]
    [MemberData(nameof(Detectors))]
    public void A_model_file_saved_without_state_checksums_loads_and_scores_identically(string name)
    {
        var detector = SmallDetectors.Get(name);
        var ml = new MLContext(seed: 1);
        var loaded = ml.Model.Load(detector.Path, out var schema);
        Func<ITransformer, string?> text;
        Func<string, ITransformer> build;
        string header;
        switch (name)
        {
            case "DeepSvdd":
                (text, build, header) = (DeepSvddChain.Format.FirstStateText, t => DeepSvddChain.Format.BuildFromText(t, "Features", detector.InputSize), "MLNETDSVDD");
                break;
            case "Geo":
                (text, build, header) = (GeoChain.Format.FirstStateText, t => GeoChain.Format.BuildFromText(t, "Features", detector.InputSize), "MLNETGEO");
                break;
            default:
                (text, build, header) = (BaselineChain.Format.FirstStateText, t => BaselineChain.Format.BuildFromText(t, "Features", detector.InputSize), "MLNETBASELINE");
                break;
        }
        var stored = Convert.FromBase64String(text(loaded)!);
        var (bare, verified) = StateChecksum.Unwrap(stored, name);
        verified.Should().BeTrue("a current file stores the state behind its checksum");
        stored.Length.Should().Be(bare.Length + StateChecksum.HeaderLength);
        bare[0].Should().Be((byte)header.Length, "the bare state starts with the length-prefixed header of the earlier format");
        System.Text.Encoding.ASCII.GetString(bare, 1, header.Length).Should().Be(header);

        string legacyPath = Path.Combine(directory, $"{name}-legacy.zip");
        ml.Model.Save(build(Convert.ToBase64String(bare)), schema, legacyPath);
        var test = SmallDetectors.View(ml, detector.Rows(8, 31), detector.InputSize);
        var expected = SmallDetectors.Scores(detector.Model, test);
        var expectedRowByRow = SmallDetectors.Scores(new MLContext().Model.Load(detector.Path, out _), test);

        SmallDetectors.Scores(detector.LoadWithLibrary(new MLContext(), legacyPath), test)
            .Should().Equal(name is "DeepSvdd" or "Geo" ? expected : expectedRowByRow);
        SmallDetectors.Scores(new MLContext().Model.Load(legacyPath, out _), test).Should().Equal(expectedRowByRow);
    }
}
