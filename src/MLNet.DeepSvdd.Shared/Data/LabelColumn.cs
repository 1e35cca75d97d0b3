namespace MLNet.DeepSvdd.Shared.Data;

/// <summary>
/// A label column in ML.NET's anomaly convention: <see cref="float"/> (&gt; 0 = anomaly, 0 = normal, NaN = unlabeled) or <see cref="bool"/>
/// (true = anomaly). Values are read as float with that meaning; <see cref="Read"/> reads a whole column of binary labels (no unlabeled rows).
/// A negative or infinite Single label fits no reading of this convention and is refused (<see cref="Check"/>): taking −1 as normal would
/// silently invert a column in scikit-learn's or Deep SAD's convention (−1 = anomaly, +1 = normal).
/// </summary>
internal static class LabelColumn
{
    public static DataViewSchema.Column Resolve(DataViewSchema schema, string name, string role)
    {
        var column = schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(name),
            $"{role} label column '{name}' was not found. Available columns: {string.Join(", ", schema.Select(c => $"'{c.Name}'"))}.");
        if (column.Type != NumberDataViewType.Single && column.Type != BooleanDataViewType.Instance)
        {
            throw new ArgumentOutOfRangeException(nameof(name),
                $"{role} label column '{name}' has type {column.Type}, but Single (> 0 = anomaly, 0 = normal, NaN = unlabeled) or Boolean " +
                "(true = anomaly) is expected. Convert it with mlContext.Transforms.Conversion.ConvertType(..., outputKind: DataKind.Single).");
        }
        return column;
    }

    public static ValueGetter<float> Getter(DataViewRow row, DataViewSchema.Column column)
    {
        if (column.Type == NumberDataViewType.Single) return row.GetGetter<float>(column);
        var getBool = row.GetGetter<bool>(column);
        bool value = false;
        return (ref float dst) => { getBool(ref value); dst = value ? 1f : 0f; };
    }

    /// <summary>
    /// Refuses a label value that fits no reading of the convention: infinite, negative, or NaN where every row must be labeled.
    /// </summary>
    /// <param name="value">The label.</param>
    /// <param name="row">Its row, from 0.</param>
    /// <param name="name">The label column.</param>
    /// <param name="what">The data, as the message names it (e.g. "ValidationSet").</param>
    /// <param name="allowUnlabeled">Whether NaN (an unlabeled row) is allowed.</param>
    /// <exception cref="InvalidOperationException">The value fits no reading; the message names the row, the column and the rule.</exception>
    public static void Check(float value, long row, string name, string what, bool allowUnlabeled)
    {
        if (value >= 0 && float.IsFinite(value) || allowUnlabeled && float.IsNaN(value)) return;
        string expected = allowUnlabeled ? "0 (normal), > 0 (anomaly) or NaN (unlabeled)" : "0 (normal) or > 0 (anomaly)";
        string hint = value < 0 && float.IsFinite(value)
            ? " A negative label fits no reading of the rule: for labels in scikit-learn's or Deep SAD's convention (−1 = anomaly, +1 = normal) " +
              "map them first, e.g. anomaly = label < 0, or use a Boolean column (true = anomaly)."
            : "";
        throw new InvalidOperationException($"Row {row} of label column '{name}' in the {what} is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}; expected {expected}.{hint}");
    }

    /// <summary>
    /// The binary labels of every row (true = anomaly) for validation, where a NaN or infinite Single label is an error;
    /// <paramref name="what"/> names the data in error messages.
    /// </summary>
    public static bool[] Read(IDataView data, string name, string what)
    {
        var column = data.Schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(name),
            $"Label column '{name}' was not found in the {what}. Available columns: {string.Join(", ", data.Schema.Select(c => $"'{c.Name}'"))}.");
        if (column.Type != NumberDataViewType.Single && column.Type != BooleanDataViewType.Instance)
            throw new ArgumentOutOfRangeException(nameof(name), $"Label column '{name}' has type {column.Type}; expected Single (> 0 = anomaly) or Boolean.");
        var labels = new List<bool>();
        using var cursor = data.GetRowCursor([column]);
        var getter = Getter(cursor, column);
        float value = 0;
        for (long row = 0; cursor.MoveNext(); row++)
        {
            getter(ref value);
            Check(value, row, name, what, allowUnlabeled: false);
            labels.Add(value > 0);
        }
        return [.. labels];
    }
}
