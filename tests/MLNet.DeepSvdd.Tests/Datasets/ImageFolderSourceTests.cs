using MLNet.DeepSvdd.Datasets.Alterations;
using MLNet.DeepSvdd.Datasets.Protocols;

namespace MLNet.DeepSvdd.Tests.Datasets;

/// <summary>
/// Image folders written here from real CIFAR-10 test images as PNG files (with the library's own PNG encoder): train/ with 10 images of
/// each of the classes airplane, automobile and bird, test/ with 4 of each, plus files that must not be listed.
/// </summary>
public sealed class ImageFolderSourceTests : IDisposable
{
    private static readonly string[] Classes = ["airplane", "automobile", "bird"];
    private readonly string root = Directory.CreateTempSubdirectory("deepsvdd-folders-").FullName;
    private readonly Dictionary<string, float[]> written = [];
    private readonly MLContext ml = new(seed: 1);

    public ImageFolderSourceTests()
    {
        var test = Support.Cifar10Data.Dataset.Test;
        foreach (var (split, perClass) in new[] { ("train", 10), ("test", 4) })
        {
            for (int c = 0; c < Classes.Length; c++)
            {
                string folder = Directory.CreateDirectory(Path.Combine(root, split, Classes[c])).FullName;
                var indices = Enumerable.Range(0, test.Count).Where(i => test.ClassOf(i) == c).Skip(split == "test" ? 100 : 0).Take(perClass);
                foreach (int i in indices) Write(Path.Combine(folder, $"{i:D5}.png"), test[i].Image);
            }
        }
        File.WriteAllText(Path.Combine(root, "train", "bird", "notes.txt"), "not an image");
        Directory.CreateDirectory(Path.Combine(root, "train", ".cache"));
        File.WriteAllBytes(Path.Combine(root, "train", ".cache", "x.png"), [1, 2, 3]);
        File.WriteAllBytes(Path.Combine(root, "train", "loose.png"), [1, 2, 3]);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Class_per_folder_lists_the_images_of_each_class_folder_in_name_order()
    {
        var source = ImageFolderSource.ClassPerFolder(Path.Combine(root, "train"));
        source.ClassNames.Should().Equal(Classes);
        source.Count.Should().Be(30, "notes.txt, the hidden folder and the loose file are not listed");
        Enumerable.Range(0, 30).Select(source.ClassOf).Should().Equal(Enumerable.Range(0, 30).Select(i => i / 10));
        Enumerable.Range(0, 30).Select(source.PathOf).Should().OnlyContain(p => Path.IsPathRooted(p) && p.EndsWith(".png"))
            .And.BeInAscendingOrder(StringComparer.Ordinal);

        var view = source.ToDataView(c => c == 1 ? 0f : 1f);
        view.Schema[ProtocolColumns.ImagePath].Type.Should().Be(TextDataViewType.Instance);
        view.GetColumn<float>(ProtocolColumns.Label).Should().Equal(Enumerable.Range(0, 30).Select(i => i / 10 == 1 ? 0f : 1f));
        view.GetColumn<string>(ProtocolColumns.ClassName).Distinct().Should().Equal(Classes);
        source.ToDataView().GetColumn<float>(ProtocolColumns.Label).Should().OnlyContain(l => float.IsNaN(l), "no labels: unlabeled");
    }

    [Fact]
    public void Flat_lists_the_images_directly_in_the_folder_as_one_class()
    {
        var source = ImageFolderSource.Flat(Path.Combine(root, "test", "bird"));
        (source.Count, source.ClassNames.Single()).Should().Be((4, "bird"));
        var rows = ml.Data.CreateEnumerable<ImagePathRow>(source.ToDataView(_ => 0f), reuseRowObject: false).ToList();
        rows.Should().OnlyContain(r => r.Label == 0 && r.Class == 0 && r.ClassName == "bird" && File.Exists(r.ImagePath));
    }

    [Fact]
    public void One_vs_all_on_folders_splits_like_CIFAR_and_LoadImages_reads_back_the_pixels()
    {
        var train = ImageFolderSource.ClassPerFolder(Path.Combine(root, "train"));
        var test = ImageFolderSource.ClassPerFolder(Path.Combine(root, "test"));
        var splits = OneVsAllProtocol.Create(train, test, normalClass: 1, seed: 1);
        (splits.Train.Count, splits.Train.Normal).Should().Be((8, 8), "80 % of the 10 automobiles");
        (splits.Validation.Normal, splits.Validation.Anomalous).Should().Be((2, 20));
        (splits.Test.Normal, splits.Test.Anomalous).Should().Be((4, 8));

        var pixels = ml.Transforms.LoadImages("Loaded", imageFolder: null, ProtocolColumns.ImagePath)
            .Append(ml.Transforms.ResizeImages("Loaded", 32, 32))
            .Append(ml.Transforms.ExtractPixels("Image", "Loaded"));
        var decoded = pixels.Fit(splits.Test.Data).Transform(splits.Test.Data);
        var paths = decoded.GetColumn<string>(ProtocolColumns.ImagePath).ToList();
        var images = decoded.GetColumn<float[]>("Image").ToList();
        for (int i = 0; i < paths.Count; i++) images[i].Should().Equal(written[paths[i]], $"the PNG of {paths[i]} decodes to the CIFAR pixels");

        var semi = SemiSupervisedProtocol.OneVsAll(train, test, normalClass: 1, anomalyClass: 2, seed: 1, labeledAnomalies: 2);
        (semi.Train.Unlabeled, semi.Train.Anomalous, semi.Validation.Anomalous).Should().Be((8, 2, 18));
    }

    [Fact]
    public void Missing_or_empty_folders_and_different_classes_are_reported()
    {
        var missing = () => ImageFolderSource.ClassPerFolder(Path.Combine(root, "nope"));
        missing.Should().Throw<DirectoryNotFoundException>().WithMessage("*nope*");
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        var noClasses = () => ImageFolderSource.ClassPerFolder(Path.Combine(root, "empty"));
        noClasses.Should().Throw<InvalidDataException>().WithMessage("*no class folders*Flat*");
        var noImages = () => ImageFolderSource.Flat(Path.Combine(root, "empty"));
        noImages.Should().Throw<InvalidDataException>().WithMessage("*holds no image*");

        var train = ImageFolderSource.ClassPerFolder(Path.Combine(root, "train"));
        var other = ImageFolderSource.ClassPerFolder(Path.Combine(root, "test", "bird", ".."), [".PNG"]);
        other.Count.Should().Be(12, "extensions match case-insensitively");
        var flat = ImageFolderSource.Flat(Path.Combine(root, "test", "bird"));
        var mismatch = () => OneVsAllProtocol.Create(train, flat, normalClass: 0, seed: 1);
        mismatch.Should().Throw<ArgumentException>().WithMessage("*same classes*");
    }

    private void Write(string path, float[] image)
    {
        var rgb = new byte[32 * 32 * 3];
        for (int p = 0; p < 1024; p++)
        {
            for (int c = 0; c < 3; c++) rgb[p * 3 + c] = (byte)image[c * 1024 + p];
        }
        File.WriteAllBytes(path, PngEncoder.Encode(rgb, 32, 32, 3));
        written[path] = image;
    }
}
