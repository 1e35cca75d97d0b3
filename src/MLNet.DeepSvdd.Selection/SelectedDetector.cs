namespace MLNet.DeepSvdd.Selection;

/// <summary>
/// The detector a <see cref="DetectorSearch"/> selected, with its <see cref="Leaderboard"/>. It transforms like the selected model (adds
/// <c>Score</c> and <c>PredictedLabel</c>), so it plugs into <c>mlContext.AnomalyDetection.Evaluate</c>; <c>mlContext.Model.Save</c> writes the
/// selected model itself, so loading the file gives back that model (a <c>DeepSvddTransformer</c>, or a feature transform chained with a
/// shallow detector) without the leaderboard — save <see cref="Leaderboard"/>'s JSON next to it to keep that.
/// </summary>
public sealed class SelectedDetector : ITransformer
{
    internal SelectedDetector(ITransformer model, Leaderboard leaderboard)
    {
        Model = model;
        Leaderboard = leaderboard;
    }

    /// <summary>The selected model, as trained in the winning trial.</summary>
    public ITransformer Model { get; }

    /// <summary>Every trial of the search and the selected one.</summary>
    public Leaderboard Leaderboard { get; }

    /// <summary>The selected trial (<see cref="Leaderboard.Best"/>).</summary>
    public TrialResult Best => Leaderboard.Best;

    /// <inheritdoc/>
    public bool IsRowToRowMapper => Model.IsRowToRowMapper;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Model.GetOutputSchema(inputSchema);

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => Model.GetRowToRowMapper(inputSchema);

    /// <inheritdoc/>
    public IDataView Transform(IDataView input) => Model.Transform(input);

    /// <summary>Saves the selected model (ML.NET calls this from <c>mlContext.Model.Save</c>).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => Model.Save(ctx);
}
