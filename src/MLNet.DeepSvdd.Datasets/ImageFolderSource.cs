using MLNet.DeepSvdd.Datasets.Protocols;

namespace MLNet.DeepSvdd.Datasets;

/// <summary>
/// The image files of a folder, with a class per sub-folder (<see cref="ClassPerFolder"/>, like ImageNet-style train/ and test/ trees) or
/// without classes (<see cref="Flat"/>). Only paths are listed (nothing is decoded here): the views have an ImagePath column for ML.NET's
/// <c>LoadImages</c>, which decodes, resizes and extracts pixels in the pipeline. The order is deterministic: classes and files sorted by
/// ordinal name.
/// </summary>
/// <example>
/// <code>
/// var train = ImageFolderSource.ClassPerFolder("data/train");
/// var test = ImageFolderSource.ClassPerFolder("data/test");
/// var splits = OneVsAllProtocol.Create(train, test, normalClass: train.ClassNames.ToList().IndexOf("cat"), seed: 1);
/// var pixels = ml.Transforms.LoadImages("Image", imageFolder: null, "ImagePath")
///     .Append(ml.Transforms.ResizeImages("Image", 32, 32))
///     .Append(ml.Transforms.ExtractPixels("Image"));
/// </code>
/// </example>
public sealed class ImageFolderSource : IClassifiedImages
{
    private readonly string[] paths;
    private readonly int[] classes;

    private ImageFolderSource(string root, string[] classNames, string[] paths, int[] classes)
    {
        Root = root;
        ClassNames = Array.AsReadOnly(classNames);
        this.paths = paths;
        this.classes = classes;
    }

    /// <summary>The file extensions listed when none are given: the formats ML.NET's LoadImages decodes (case-insensitive).</summary>
    public static IReadOnlyList<string> DefaultExtensions { get; } = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"];

    /// <summary>The folder, as an absolute path.</summary>
    public string Root { get; }

    /// <summary>The class names in class-index order: the sub-folder names (<see cref="ClassPerFolder"/>) or the folder's own name (<see cref="Flat"/>).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The number of image files.</summary>
    public int Count => paths.Length;

    /// <summary>
    /// Lists <c>root/&lt;class&gt;/…/*.ext</c>: every sub-folder of <paramref name="root"/> is a class (sorted by ordinal name, hidden
    /// folders starting with '.' skipped), and its image files, in any depth below it, are that class's images. Files directly in
    /// <paramref name="root"/> are not listed.
    /// </summary>
    /// <param name="root">The folder of class folders.</param>
    /// <param name="extensions">The file extensions to list (with the dot, case-insensitive); null for <see cref="DefaultExtensions"/>.</param>
    /// <returns>The source.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    /// <exception cref="InvalidDataException">There is no class folder, or a class folder holds no image.</exception>
    public static ImageFolderSource ClassPerFolder(string root, IEnumerable<string>? extensions = null)
    {
        string full = CheckRoot(root);
        var wanted = Extensions(extensions);
        var classFolders = Directory.GetDirectories(full).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
        if (classFolders.Length == 0)
        {
            throw new InvalidDataException(
                $"'{full}' has no class folders; expected {full}/<class name>/<images>. Use ImageFolderSource.Flat for a folder of images without classes.");
        }
        var paths = new List<string>();
        var classes = new List<int>();
        for (int c = 0; c < classFolders.Length; c++)
        {
            var files = ImagesIn(classFolders[c], SearchOption.AllDirectories, wanted);
            if (files.Length == 0)
                throw new InvalidDataException($"Class folder '{classFolders[c]}' holds no image ({string.Join(", ", wanted)}).");
            paths.AddRange(files);
            classes.AddRange(Enumerable.Repeat(c, files.Length));
        }
        return new ImageFolderSource(full, [.. classFolders.Select(Path.GetFileName).Select(n => n!)], [.. paths], [.. classes]);
    }

    /// <summary>Lists the image files directly in <paramref name="root"/> (not in sub-folders), all of one class named after the folder.</summary>
    /// <param name="root">The folder of images.</param>
    /// <param name="extensions">The file extensions to list (with the dot, case-insensitive); null for <see cref="DefaultExtensions"/>.</param>
    /// <returns>The source.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder holds no image.</exception>
    public static ImageFolderSource Flat(string root, IEnumerable<string>? extensions = null)
    {
        string full = CheckRoot(root);
        var wanted = Extensions(extensions);
        var files = ImagesIn(full, SearchOption.TopDirectoryOnly, wanted);
        if (files.Length == 0) throw new InvalidDataException($"'{full}' holds no image ({string.Join(", ", wanted)}) directly in it.");
        return new ImageFolderSource(full, [Path.GetFileName(full)], files, new int[files.Length]);
    }

    /// <summary>The absolute path of image <paramref name="index"/>.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>The path.</returns>
    public string PathOf(int index) => paths[CheckIndex(index)];

    /// <summary>The class index of image <paramref name="index"/>.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>The class index.</returns>
    public int ClassOf(int index) => classes[CheckIndex(index)];

    /// <summary>
    /// A view of the files with the columns of <see cref="ImagePathRow"/>: ImagePath (Text), Label (Single), Class (Int32), ClassName (Text).
    /// </summary>
    /// <param name="labelOfClass">The label of each class (0 normal, 1 anomaly); null labels every row NaN (unlabeled).</param>
    /// <param name="rowIndices">The files to include, in this order; null for all, in listing order.</param>
    /// <returns>The view.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public IDataView ToDataView(Func<int, float>? labelOfClass = null, IEnumerable<int>? rowIndices = null)
    {
        var rows = (rowIndices ?? Enumerable.Range(0, Count)).Select(i => Row(i, labelOfClass?.Invoke(ClassOf(i)) ?? float.NaN)).ToList();
        return new MLContext().Data.LoadFromEnumerable(rows);
    }

    /// <summary>A protocol part over planned rows of this folder.</summary>
    internal ProtocolSplit Split(IEnumerable<PlannedRow> planned)
    {
        var rows = planned.Select(r => Row(r.Source, r.Label)).ToList();
        return new ProtocolSplit(new MLContext().Data.LoadFromEnumerable(rows), rows.Select(r => r.Label));
    }

    private ImagePathRow Row(int index, float label) =>
        new() { ImagePath = PathOf(index), Label = label, Class = classes[index], ClassName = ClassNames[classes[index]] };

    private int CheckIndex(int index) => (uint)index < (uint)Count
        ? index
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected an image index from 0 to {Count - 1}.");

    private static string CheckRoot(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        string full = Path.GetFullPath(root);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"No image folder at '{full}'.");
        return Path.TrimEndingDirectorySeparator(full);
    }

    private static string[] Extensions(IEnumerable<string>? extensions)
    {
        var list = (extensions ?? DefaultExtensions).Select(e => e.StartsWith('.') ? e : "." + e).ToArray();
        if (list.Length == 0) throw new ArgumentException("At least one file extension is needed.", nameof(extensions));
        return list;
    }

    private static string[] ImagesIn(string folder, SearchOption depth, string[] extensions) =>
        [.. Directory.EnumerateFiles(folder, "*", depth)
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .Order(StringComparer.Ordinal)];
}
