namespace MLNet.DeepSvdd;

/// <summary>
/// Catalog extension for evaluating anomaly maps against ground-truth masks, next to <c>mlContext.AnomalyDetection.Evaluate</c>:
/// <c>mlContext.AnomalyDetection.EvaluateLocalization(data)</c>.
/// </summary>
/// <example>
/// <code>
/// var splits = AlterationProtocol.Create(cifar, new CutPaste(), seed: 1);          // the views have a Mask column
/// var scored = model.Transform(splits.Test.Data);                                  // a model that outputs an AnomalyMap column
/// var metrics = ml.AnomalyDetection.EvaluateLocalization(scored);
/// Console.WriteLine(metrics);   // pixel AUROC …, AUPRO(FPR ≤ 0.3) …; … images, … regions
/// </code>
/// </example>
public static class LocalizationCatalog
{
    /// <summary>The default ground-truth mask column: "Mask", the protocols' name (<c>ProtocolColumns.Mask</c>).</summary>
    public const string DefaultMaskColumnName = "Mask";

    /// <summary>The default anomaly map column: "AnomalyMap".</summary>
    public const string DefaultAnomalyMapColumnName = "AnomalyMap";

    /// <summary>
    /// Pixel-level ROC AUC and the normalised area under the PRO curve of the anomaly maps in <paramref name="data"/> against its
    /// ground-truth masks (see <see cref="LocalizationMetrics"/> for the definitions).
    /// </summary>
    /// <remarks>
    /// Each row is one image. The map column is a known-size vector of Single (higher = more anomalous; NaN counts as +∞, the library's
    /// rule for what could not be scored, and a detector gives a row with NaN or infinite features a map of +∞), the mask column a
    /// known-size vector of Single (a value above 0.5 is a defective pixel) or of Boolean, both with height × width values in row-major
    /// order. The image's height and width (needed for the connected regions) come from the mask column's dimensions [H, W] (or [1, H, W]),
    /// else from the map column's. Rows without any defective pixel are fine: they contribute normal pixels. All pixels are held in memory
    /// while evaluating: about 9 bytes each (185 MB for 20 000 images of 32 × 32), plus the PRO curve's points up to the limit.
    /// </remarks>
    /// <param name="catalog">The anomaly-detection catalog.</param>
    /// <param name="data">Scored data with a mask and an anomaly map column.</param>
    /// <param name="maskColumnName">The ground-truth mask column. Default "Mask".</param>
    /// <param name="anomalyMapColumnName">The anomaly map column. Default "AnomalyMap".</param>
    /// <param name="maxFalsePositiveRate">The false-positive rate up to which the PRO curve is integrated, in (0, 1]. Default 0.3 (MVTec AD).</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A column is missing or has the wrong type, the two columns differ in size or in dimensions, neither gives [height, width]
    /// dimensions, or <paramref name="maxFalsePositiveRate"/> is outside (0, 1].
    /// </exception>
    /// <exception cref="ArgumentException">There is no defective pixel, or no normal pixel, in all the masks.</exception>
    /// <exception cref="InvalidOperationException">A row's mask holds a NaN.</exception>
    public static LocalizationMetrics EvaluateLocalization(this AnomalyDetectionCatalog catalog, IDataView data,
        string maskColumnName = DefaultMaskColumnName, string anomalyMapColumnName = DefaultAnomalyMapColumnName,
        double maxFalsePositiveRate = LocalizationMetrics.DefaultMaxFalsePositiveRate)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(maskColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(anomalyMapColumnName);
        if (!(maxFalsePositiveRate > 0 && maxFalsePositiveRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maxFalsePositiveRate), maxFalsePositiveRate,
                "The PRO integration limit is a false-positive rate in (0, 1]; MVTec AD uses 0.3.");
        }
        var mask = FindVector(data.Schema, maskColumnName, nameof(maskColumnName), "ground-truth mask", allowBoolean: true);
        var map = FindVector(data.Schema, anomalyMapColumnName, nameof(anomalyMapColumnName), "anomaly map", allowBoolean: false);
        var maskType = (VectorDataViewType)mask.Type;
        var mapType = (VectorDataViewType)map.Type;
        if (maskType.Size != mapType.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(anomalyMapColumnName),
                $"Anomaly map column '{map.Name}' has {mapType.Size} values per row and mask column '{mask.Name}' {maskType.Size}; a map needs " +
                "one value per mask pixel (upsample the map to the mask's height × width).");
        }
        var (height, width) = ImageShape(mask, map);

        long? rows = data.GetRowCount();
        var pixels = new LocalizationPixels(rows is { } r && r * maskType.Size <= Array.MaxLength ? (int)(r * maskType.Size) : 0);
        var isDefect = new bool[maskType.Size];
        var scores = new float[mapType.Size];
        using (var cursor = data.GetRowCursor([mask, map]))
        {
            var readMap = cursor.GetGetter<VBuffer<float>>(map);
            var readMask = MaskReader(cursor, mask);
            VBuffer<float> mapValues = default;
            long row = 0;
            while (cursor.MoveNext())
            {
                readMap(ref mapValues);
                mapValues.CopyTo(scores);
                readMask(row, isDefect);
                pixels.Add(scores, isDefect, height, width);
                row++;
            }
        }
        if (pixels.DefectivePixelCount == 0)
        {
            throw new ArgumentException(
                $"Mask column '{mask.Name}' marks no defective pixel in any of the {pixels.ImageCount} rows; localization metrics need defects to find.",
                nameof(data));
        }
        if (pixels.NormalPixelCount == 0)
        {
            throw new ArgumentException(
                $"Mask column '{mask.Name}' marks every pixel of the {pixels.ImageCount} rows defective; localization metrics need normal pixels too.",
                nameof(data));
        }
        return new LocalizationMetrics(pixels.PixelAreaUnderRocCurve(), pixels.ProCurve(maxFalsePositiveRate).NormalizedArea(maxFalsePositiveRate), maxFalsePositiveRate,
            pixels.ImageCount, pixels.DefectiveImageCount, pixels.PixelCount, pixels.DefectivePixelCount, pixels.RegionCount);
    }

    private static DataViewSchema.Column FindVector(DataViewSchema schema, string name, string parameter, string role, bool allowBoolean)
    {
        var column = schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(parameter,
            $"The {role} column '{name}' was not found. Available columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"))}.");
        bool itemOk = column.Type is VectorDataViewType { ItemType: var item }
            && (item == NumberDataViewType.Single || (allowBoolean && item == BooleanDataViewType.Instance));
        if (!itemOk || column.Type is not VectorDataViewType { IsKnownSize: true, Size: > 0 })
        {
            throw new ArgumentOutOfRangeException(parameter,
                $"The {role} column '{name}' must be a known-size vector of Single{(allowBoolean ? " (1 = defect) or Boolean" : "")} with one value per " +
                $"pixel (height × width); it is {column.Type}.");
        }
        return column;
    }

    /// <summary>[height, width] from the mask's dimensions, else the map's: the last two, when the others are 1.</summary>
    private static (int Height, int Width) ImageShape(DataViewSchema.Column mask, DataViewSchema.Column map)
    {
        var maskShape = Shape((VectorDataViewType)mask.Type);
        var mapShape = Shape((VectorDataViewType)map.Type);
        if (maskShape is { } m && mapShape is { } a && m != a)
        {
            throw new ArgumentOutOfRangeException("anomalyMapColumnName",
                $"Anomaly map column '{map.Name}' is {a.Height} × {a.Width} and mask column '{mask.Name}' {m.Height} × {m.Width}; they must match.");
        }
        return maskShape ?? mapShape ?? throw new ArgumentOutOfRangeException("maskColumnName",
            $"Neither mask column '{mask.Name}' ({mask.Type}) nor anomaly map column '{map.Name}' ({map.Type}) has [height, width] dimensions, " +
            "which the connected defect regions need; declare them, e.g. [VectorType(32, 32)] or new VectorDataViewType(NumberDataViewType.Single, 32, 32).");
    }

    private static (int Height, int Width)? Shape(VectorDataViewType type)
    {
        var dims = type.Dimensions;
        if (dims.Length < 2) return null;
        for (int i = 0; i < dims.Length - 2; i++)
        {
            if (dims[i] != 1) return null;
        }
        return (dims[^2], dims[^1]);
    }

    /// <summary>A reader of the mask column into a bool per pixel (Single above 0.5, or Boolean).</summary>
    private static Action<long, bool[]> MaskReader(DataViewRowCursor cursor, DataViewSchema.Column mask)
    {
        if (((VectorDataViewType)mask.Type).ItemType == BooleanDataViewType.Instance)
        {
            var readBool = cursor.GetGetter<VBuffer<bool>>(mask);
            VBuffer<bool> bools = default;
            return (_, target) =>
            {
                readBool(ref bools);
                bools.CopyTo(target);
            };
        }
        var read = cursor.GetGetter<VBuffer<float>>(mask);
        VBuffer<float> values = default;
        var dense = new float[((VectorDataViewType)mask.Type).Size];
        return (row, target) =>
        {
            read(ref values);
            values.CopyTo(dense);
            for (int p = 0; p < dense.Length; p++)
            {
                if (float.IsNaN(dense[p])) throw new InvalidOperationException($"Mask column '{mask.Name}' holds NaN at pixel {p} of row {row}.");
                target[p] = dense[p] > 0.5f;
            }
        };
    }
}
