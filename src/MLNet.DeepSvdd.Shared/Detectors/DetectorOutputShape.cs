namespace MLNet.DeepSvdd.Shared.Detectors;

/// <summary>
/// The output shape every detector of this library declares (and the detector search, which returns one of them): the input shape, whose
/// feature column must be a known-size vector of Single, plus <c>Score</c> (<see cref="float"/>) and <c>PredictedLabel</c> (<see cref="bool"/>).
/// </summary>
internal static class DetectorOutputShape
{
    /// <summary>Checks that <paramref name="inputSchema"/> has the feature column <paramref name="feature"/>: a known-size Single vector.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or of the wrong type.</exception>
    public static void CheckFeatureColumn(SchemaShape inputSchema, string feature)
    {
        var column = inputSchema.FirstOrDefault(c => c.Name == feature);
        if (column.Name is null)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Feature column '{feature}' was not found in the input schema.");
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"Feature column '{feature}' must be a known-size vector of Single; it is {column.Kind} of {column.ItemType}.");
        }
    }

    /// <summary>
    /// <paramref name="inputSchema"/> plus <c>Score</c> and <c>PredictedLabel</c>. A <see cref="SchemaShape.Column"/> has no public
    /// constructor and <c>SchemaShape.Create</c> is internal to ML.NET, so a schema-only CustomMapping adds them; it runs in an MLContext
    /// of its own rather than the caller's because every estimator made in a context registers a host there, drawing from the random
    /// source that seeds the caller's later unseeded fits: asking for a shape must not change them.
    /// </summary>
    public static SchemaShape WithScoreColumns(SchemaShape inputSchema) =>
        new MLContext().Transforms.CustomMapping<NoInputColumns, ScoreColumns>((_, _) => { }, null).GetOutputSchema(inputSchema);

    /// <summary>The input row of the schema-only mapping: no columns.</summary>
    private sealed class NoInputColumns
    {
    }

    /// <summary>The columns every detector adds.</summary>
    private sealed class ScoreColumns
    {
        public float Score { get; set; }

        public bool PredictedLabel { get; set; }
    }
}
