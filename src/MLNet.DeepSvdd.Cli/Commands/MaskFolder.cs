using SkiaSharp;

namespace MLNet.DeepSvdd.Cli.Commands;

/// <summary>
/// Ground-truth defect masks for <c>evaluate --images … --masks &lt;folder&gt;</c>: for each image, the mask image with the same path
/// relative to <c>--images</c> under the masks folder (the same file name, or the same name with another image extension, e.g. a .png mask
/// for a .jpg image). A non-zero pixel (in any colour channel) is a defect. The mask is scaled to the anomaly map's size by nearest
/// neighbour, so it stays binary. An image without a mask file has no defect (all zero), as in MVTec AD, whose defect-free test images
/// have no masks.
/// </summary>
internal static class MaskFolder
{
    /// <summary>The mask file of <paramref name="image"/>, or null when there is none.</summary>
    /// <param name="masks">The --masks folder.</param>
    /// <param name="imagesRoot">The --images folder.</param>
    /// <param name="image">An image file under <paramref name="imagesRoot"/>.</param>
    public static string? Find(string masks, string imagesRoot, string image)
    {
        string relative = Path.GetRelativePath(Path.GetFullPath(imagesRoot), image);
        string same = Path.Combine(masks, relative);
        if (File.Exists(same)) return same;
        string stem = Path.ChangeExtension(same, null);
        return ImageFolderSource.DefaultExtensions.Select(e => stem + e).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// The mask at <paramref name="path"/> as <paramref name="height"/> × <paramref name="width"/> values (1 = defect, 0 = normal), row-major.
    /// </summary>
    /// <exception cref="InvalidDataException">The file does not decode; the message names it and --masks.</exception>
    public static float[] Read(string path, int height, int width)
    {
        using var decoded = SKBitmap.Decode(path)
            ?? throw new InvalidDataException($"--masks: '{path}' is not an image SkiaSharp can decode (png, jpg, bmp, gif or webp).");
        var mask = new float[height * width];
        for (int y = 0; y < height; y++)
        {
            int sy = Math.Min(decoded.Height - 1, (int)((y + 0.5) * decoded.Height / height));
            for (int x = 0; x < width; x++)
            {
                int sx = Math.Min(decoded.Width - 1, (int)((x + 0.5) * decoded.Width / width));
                var pixel = decoded.GetPixel(sx, sy);
                mask[y * width + x] = pixel.Red != 0 || pixel.Green != 0 || pixel.Blue != 0 ? 1f : 0f;
            }
        }
        return mask;
    }

    /// <summary>
    /// A view with the columns <see cref="ProtocolColumns.Mask"/> and <see cref="DeepSvddTransformer.AnomalyMapColumnName"/>, both
    /// Vector&lt;Single, H, W&gt;, for <c>EvaluateLocalization</c>: the masks of the scored images of an --images folder and their maps.
    /// </summary>
    /// <param name="ml">The context.</param>
    /// <param name="scored">A patch model's output on an image folder (with <see cref="ProtocolColumns.ImagePath"/>).</param>
    /// <param name="masks">The --masks folder.</param>
    /// <param name="imagesRoot">The --images folder.</param>
    /// <param name="found">How many images have a mask file.</param>
    public static IDataView WithMasks(MLContext ml, IDataView scored, string masks, string imagesRoot, out int found)
    {
        var dims = ((VectorDataViewType)scored.Schema[DeepSvddTransformer.AnomalyMapColumnName].Type).Dimensions;
        int height = dims[^2], width = dims[^1];
        var paths = scored.GetColumn<string>(ProtocolColumns.ImagePath).ToArray();
        var maps = scored.GetColumn<float[]>(DeepSvddTransformer.AnomalyMapColumnName).ToArray();
        int withFile = 0;
        var rows = new List<MaskedMap>(paths.Length);
        for (int i = 0; i < paths.Length; i++)
        {
            string? file = Find(masks, imagesRoot, paths[i]);
            if (file is not null) withFile++;
            rows.Add(new MaskedMap { Mask = file is null ? new float[height * width] : Read(file, height, width), AnomalyMap = maps[i] });
        }
        found = withFile;
        var schema = SchemaDefinition.Create(typeof(MaskedMap));
        schema[nameof(MaskedMap.Mask)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, height, width);
        schema[nameof(MaskedMap.AnomalyMap)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, height, width);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>One row of <see cref="WithMasks"/>.</summary>
    private sealed class MaskedMap
    {
        public float[] Mask { get; set; } = [];

        public float[] AnomalyMap { get; set; } = [];
    }
}
