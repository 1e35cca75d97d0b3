namespace MLNet.DeepSvdd.Cli.Benchmarks;

/// <summary>Random RGB images (0–255) of a given size as an IDataView with an "Image" column of dimensions [3, size, size].</summary>
public static class SyntheticImages
{
    public sealed class Row
    {
        public float[] Image { get; set; } = [];
    }

    public static IDataView Create(MLContext ml, int count, int size, int seed)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, count).Select(_ =>
        {
            var pixels = new float[3 * size * size];
            for (int i = 0; i < pixels.Length; i++) pixels[i] = random.Next(256);
            return new Row { Image = pixels };
        }).ToList();
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Image)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 3, size, size);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    public static SchemaDefinition Schema(int size)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Image)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 3, size, size);
        return schema;
    }
}
