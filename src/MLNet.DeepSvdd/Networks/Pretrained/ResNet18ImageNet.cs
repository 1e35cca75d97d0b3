using System.Reflection;
using System.Text;

namespace MLNet.DeepSvdd.Networks.Pretrained;

/// <summary>
/// The ImageNet ResNet-18 that ML.NET ships in the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 (a CNTK 2.6 export:
/// stages of {2, 2, 2, 3} basic blocks, BatchNorm not folded). Its 110 initializers are mapped to torchvision-style names by an embedded
/// table; the converted weights are cached (in the user's local application data) so the 64 MB ONNX file is parsed once.
/// The model expects BGR pixels (0–255) minus the per-channel means <see cref="BgrChannelMeans"/>.
/// </summary>
internal static class ResNet18ImageNet
{
    public static readonly int[] Blocks = [2, 2, 2, 3];

    /// <summary>Per-channel means (B, G, R) of the package's ResNetPreprocess.onnx mean image.</summary>
    public static readonly float[] BgrChannelMeans = [103.0626f, 115.9029f, 123.1516f];

    private const string PackageId = "microsoft.ml.dnnimagefeaturizer.resnet18";
    private const string RelativePath = "DnnImageModels/ResNet18Onnx/ResNet18.onnx";
    private const string CacheMagic = "MLNETDSVDD-RESNET18-V1";

    /// <summary>
    /// Finds ResNet18.onnx: the given path; else the application folder, where the package Microsoft.ML.DnnImageFeaturizer.ResNet18 (a
    /// dependency of MLNet.DeepSvdd) copies it at build time; else the NuGet package cache. Throws <see cref="FileNotFoundException"/>
    /// saying what to install or set when it is in none of them.
    /// </summary>
    public static string Locate(string? explicitPath) =>
        Locate(explicitPath, AppContext.BaseDirectory, Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"));

    /// <summary><see cref="Locate(string?)"/> with the application folder and the NuGet package cache given.</summary>
    internal static string Locate(string? explicitPath, string appFolder, string nugetRoot)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? explicitPath : throw new FileNotFoundException(
                $"PretrainedWeightsPath '{explicitPath}' does not exist; it should be the ResNet18.onnx file of the NuGet package " +
                "Microsoft.ML.DnnImageFeaturizer.ResNet18.", explicitPath);
        }
        var candidates = new List<string> { Path.Combine(appFolder, RelativePath) };
        var packageDir = new DirectoryInfo(Path.Combine(nugetRoot, PackageId));
        if (packageDir.Exists)
        {
            candidates.AddRange(packageDir.GetDirectories()
                .OrderByDescending(d => Version.TryParse(d.Name, out var v) ? v : new Version(0, 0))
                .Select(d => Path.Combine(d.FullName, "tools", RelativePath)));
        }
        return candidates.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException(
            "The ImageNet ResNet-18 that ML.NET ships (DnnImageModels/ResNet18Onnx/ResNet18.onnx of the NuGet package " +
            "Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1) was not found. MLNet.DeepSvdd depends on that package, whose build step copies " +
            "the file next to the application: reference the package directly if the dependency's build assets were excluded " +
            "(PrivateAssets/ExcludeAssets) or the file was not published, or set PretrainedWeightsPath to that ResNet18.onnx file. " +
            "Looked in: " + string.Join(", ", candidates));
    }

    /// <summary>The weights as a torchvision-style state dict (CPU tensors), from the cache or converted from the ONNX file.</summary>
    public static Dictionary<string, Tensor> Load(string onnxPath) =>
        Load(onnxPath, Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "MLNet.DeepSvdd"));

    /// <summary><see cref="Load(string)"/> with the cache folder given.</summary>
    internal static Dictionary<string, Tensor> Load(string onnxPath, string cacheDir)
    {
        string cachePath = CachePath(cacheDir, new FileInfo(onnxPath).Length);
        if (TryReadCache(cachePath) is { } cached) return cached;

        var weights = Convert(onnxPath);
        try { SaveCache(cachePath, weights); }
        catch (IOException) { } // the cache is an optimisation only
        catch (UnauthorizedAccessException) { }
        return weights;
    }

    /// <summary>The cache file of the weights converted from a ResNet18.onnx of <paramref name="onnxLength"/> bytes.</summary>
    internal static string CachePath(string cacheDir, long onnxLength) => Path.Combine(cacheDir, $"resnet18-imagenet-{onnxLength}.weights");

    /// <summary>
    /// Writes the cache through <see cref="AtomicFile"/>: a temporary file that the CLI's interrupt handling deletes on Ctrl-C or SIGTERM,
    /// and that a later write sweeps once stale (as it sweeps the visible <c>&lt;cache&gt;.&lt;process id&gt;.tmp</c> files earlier versions left).
    /// </summary>
    /// <exception cref="IOException">The write failed; the cache file is unchanged.</exception>
    internal static void SaveCache(string cachePath, IReadOnlyCollection<KeyValuePair<string, Tensor>> weights) =>
        AtomicFile.Write(cachePath, stream => WriteCache(stream, weights));

    /// <summary>Converts the ONNX initializers to state-dict tensors, checking every name and shape against the mapping table.</summary>
    public static Dictionary<string, Tensor> Convert(string onnxPath)
    {
        var initializers = OnnxInitializers.Read(onnxPath);
        var result = new Dictionary<string, Tensor>();
        foreach (var (onnxName, key, shape) in Mapping())
        {
            if (!initializers.TryGetValue(onnxName, out var init))
                throw new InvalidDataException($"'{onnxPath}' lacks initializer {onnxName} ({key}); it is not ML.NET's ResNet18.onnx.");
            if (!init.Shape.SequenceEqual(shape))
            {
                throw new InvalidDataException($"Initializer {onnxName} ({key}) of '{onnxPath}' has shape [{string.Join(",", init.Shape)}], " +
                    $"expected [{string.Join(",", shape)}].");
            }
            result[key] = tensor(init.Values, shape);
        }
        return result;
    }

    private static IEnumerable<(string Onnx, string Key, long[] Shape)> Mapping()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MLNet.DeepSvdd.resnet18-onnx-to-torch.tsv")
            ?? throw new InvalidOperationException("The ResNet-18 mapping table is missing from MLNet.DeepSvdd.dll.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header: onnx_initializer, shape, torch_state_dict_key, torch_shape
        var rows = new List<(string, string, long[])>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var cells = line.Split('\t');
            rows.Add((cells[0], cells[2], cells[3].Trim('[', ']').Split(',').Select(long.Parse).ToArray()));
        }
        return rows;
    }

    /// <summary>The cached weights, or null when the file is missing or damaged.</summary>
    internal static Dictionary<string, Tensor>? TryReadCache(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadString() != CacheMagic) return null;
            int count = reader.ReadInt32();
            var result = new Dictionary<string, Tensor>(count);
            for (int i = 0; i < count; i++)
            {
                string key = reader.ReadString();
                var shape = new long[reader.ReadInt32()];
                for (int d = 0; d < shape.Length; d++) shape[d] = reader.ReadInt64();
                var values = new float[reader.ReadInt32()];
                reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
                result[key] = tensor(values, shape);
            }
            return result;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or OverflowException or EndOfStreamException)
        {
            return null; // a damaged cache is rebuilt
        }
    }

    private static void WriteCache(Stream stream, IReadOnlyCollection<KeyValuePair<string, Tensor>> weights)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(CacheMagic);
        writer.Write(weights.Count);
        foreach (var (key, value) in weights)
        {
            writer.Write(key);
            writer.Write(value.shape.Length);
            foreach (long d in value.shape) writer.Write(d);
            var values = value.data<float>().ToArray();
            writer.Write(values.Length);
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        }
    }
}
