using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLNet.DeepSvdd.Baselines.Data;

/// <summary>
/// Binary anomaly labels for validation, with ML.NET's convention: a Single label &gt; 0 is an anomaly and 0 a normal row, or a Boolean
/// label (true = anomaly).
/// </summary>
internal static class LabelColumn
{
    public static bool[] Read(IDataView data, string name, string what)
    {
        var column = data.Schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(name),
            $"Label column '{name}' was not found in the {what}. Available columns: {string.Join(", ", data.Schema.Select(c => $"'{c.Name}'"))}.");
        var labels = new List<bool>();
        using var cursor = data.GetRowCursor([column]);
        long row = 0;
        if (column.Type == BooleanDataViewType.Instance)
        {
            var getter = cursor.GetGetter<bool>(column);
            bool value = false;
            while (cursor.MoveNext())
            {
                getter(ref value);
                labels.Add(value);
                row++;
            }
        }
        else if (column.Type == NumberDataViewType.Single)
        {
            var getter = cursor.GetGetter<float>(column);
            float value = 0;
            while (cursor.MoveNext())
            {
                getter(ref value);
                if (!float.IsFinite(value))
                    throw new InvalidOperationException($"Row {row} of label column '{name}' in the {what} is {value}; expected > 0 (anomaly) or 0 (normal).");
                labels.Add(value > 0);
                row++;
            }
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(name), $"Label column '{name}' has type {column.Type}; expected Single (> 0 = anomaly) or Boolean.");
        }
        return [.. labels];
    }
}
