namespace MLNet.DeepSvdd.Shared.Scoring;

/// <summary>
/// A detector that can also say where a row is anomalous: with every score an anomaly map of <see cref="MapHeight"/> × <see cref="MapWidth"/>
/// values (row-major), normalised so that 0.5 is the map threshold (a value above it is in the predicted mask). Implemented by Deep SVDD
/// models with a patch branch; the scoring views then add <c>AnomalyMap</c> and <c>PredictedMask</c> columns.
/// </summary>
internal interface IMapScorer : IBatchScorer
{
    /// <summary>Whether this model produces maps (false: it scores like any <see cref="IBatchScorer"/>).</summary>
    bool HasMaps { get; }

    /// <summary>Rows of a map: the input image's height.</summary>
    int MapHeight { get; }

    /// <summary>Columns of a map: the input image's width.</summary>
    int MapWidth { get; }

    /// <summary>Scores <paramref name="rows"/> rows into <paramref name="scores"/> and writes their maps, one after another, into <paramref name="maps"/>.</summary>
    void Score(float[] values, int rows, Span<float> scores, Span<float> maps);
}
