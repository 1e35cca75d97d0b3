using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.DeepSvdd.Data;

/// <summary>
/// A label column in ML.NET's anomaly convention: <see cref="float"/> (&gt; 0 = anomaly, 0 = normal, NaN = unlabeled) or <see cref="bool"/>
/// (true = anomaly). Values are read as float with that meaning.
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
}
