using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace OnnxScoring;

/// <summary>
/// A Deep SVDD detector exported to ONNX, run by ONNX Runtime: reads its input name and image shape from the model, and scores batches of
/// pixel rows into Score (higher = more anomalous) and PredictedLabel (true = anomaly, Score above the model's threshold). A model with a
/// patch branch also outputs AnomalyMap and PredictedMask (float and bool [N, H, W], the mask being the map above 0.5); the detector then
/// counts each image's mask pixels (<see cref="HasMap"/>). Outputs are read by name, never by position.
/// </summary>
public sealed class OnnxDetector : IDisposable
{
    private readonly InferenceSession session;
    private readonly SessionOptions options;

    /// <summary>Opens <paramref name="modelPath"/>; with <paramref name="gpu"/>, on ONNX Runtime's CUDA provider (see <see cref="Provider"/>).</summary>
    /// <exception cref="InvalidDataException">The file is not an ONNX model exported from a Deep SVDD image detector.</exception>
    public OnnxDetector(string modelPath, bool gpu = false)
    {
        options = new SessionOptions();
        Provider = "CPU";
        if (gpu)
        {
            try
            {
                options.AppendExecutionProvider_CUDA(0);
                Provider = "CUDA";
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                Provider = $"CPU (the CUDA provider could not be loaded: it needs the build with -p:OnnxScoringGpu=true and the CUDA and cuDNN libraries of ONNX Runtime's CUDA provider; {e.Message.Split('\n')[0]})";
            }
        }
        try
        {
            session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            options.Dispose();
            throw new InvalidDataException($"'{modelPath}' is not an ONNX model ONNX Runtime can load: {e.Message}", e);
        }
        var metadata = session.ModelMetadata.CustomMetadataMap;
        if (!metadata.TryGetValue("deepsvdd.input_shape", out var shape) || session.InputMetadata.Count != 1)
        {
            Dispose();
            throw new InvalidDataException($"'{modelPath}' was not exported by ExportDeepSvddToOnnx (it has no deepsvdd.input_shape metadata).");
        }
        var dims = shape.Split(',').Select(int.Parse).ToArray();
        if (dims.Length != 3 || dims[0] != 3)
        {
            Dispose();
            throw new InvalidDataException($"'{modelPath}' reads rows of shape [{shape}], not RGB images [3, H, W]; this sample scores images.");
        }
        (Height, Width) = (dims[1], dims[2]);
        InputName = session.InputMetadata.Keys.Single();
        Threshold = float.Parse(metadata["deepsvdd.threshold"], System.Globalization.CultureInfo.InvariantCulture);
        HasMap = session.OutputMetadata.ContainsKey("PredictedMask");
    }

    /// <summary>Whether the model outputs an anomaly map and a mask (a patch model); then <see cref="Score"/> counts mask pixels.</summary>
    public bool HasMap { get; }

    /// <summary>The graph input: the model's feature column name.</summary>
    public string InputName { get; }

    /// <summary>Image height and width the model reads (before its own resize to its network resolution, which is inside the graph).</summary>
    public int Height { get; }

    /// <inheritdoc cref="Height"/>
    public int Width { get; }

    /// <summary>The model's decision threshold on Score.</summary>
    public float Threshold { get; }

    /// <summary>The execution provider in use.</summary>
    public string Provider { get; }

    /// <summary>
    /// Scores rows of 3 · <see cref="Height"/> · <see cref="Width"/> planar RGB values (0–255) in one run: each row's score, label and, for a
    /// model with a map (<see cref="HasMap"/>), how many of its <see cref="Height"/> × <see cref="Width"/> pixels are in the predicted mask
    /// (null otherwise).
    /// </summary>
    public (float Score, bool Anomaly, int? MaskPixels)[] Score(IReadOnlyList<float[]> rows)
    {
        if (rows.Count == 0) return [];
        int size = 3 * Height * Width;
        var batch = new float[rows.Count * size];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != size) throw new ArgumentException($"Row {i} has {rows[i].Length} values; the model reads {size}.", nameof(rows));
            rows[i].CopyTo(batch, i * size);
        }
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(InputName, new DenseTensor<float>(batch, [rows.Count, size]))]);
        var scores = results.Single(r => r.Name == "Score").AsTensor<float>().ToArray();
        var labels = results.Single(r => r.Name == "PredictedLabel").AsTensor<bool>().ToArray();
        if (!HasMap) return [.. scores.Zip(labels, (score, label) => (score, label, (int?)null))];
        var masks = results.Single(r => r.Name == "PredictedMask").AsTensor<bool>().ToArray();
        int pixels = Height * Width;
        return [.. scores.Select((score, i) => (score, labels[i], (int?)masks.AsSpan(i * pixels, pixels).Count(true)))];
    }

    /// <summary>Releases the session.</summary>
    public void Dispose()
    {
        session?.Dispose();
        options.Dispose();
    }
}
