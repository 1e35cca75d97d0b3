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
}
