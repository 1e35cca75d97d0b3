namespace MLNet.DeepSvdd.Selection;

/// <summary>How <see cref="DetectorSearch"/> spends its budget over the candidates of a <see cref="SearchSpace"/>.</summary>
public enum SearchStrategy
{
    /// <summary>Every candidate once, in the order of the search space, each trained to its full epochs (until a budget ends).</summary>
    Grid,

    /// <summary>
    /// The candidates in an order drawn from the seed (sampling without replacement), each trained to its full epochs, until
    /// <see cref="DetectorSearch.Options.MaxTrials"/> or <see cref="DetectorSearch.Options.TimeBudget"/> ends the search.
    /// </summary>
    Random,

    /// <summary>
    /// Successive halving (Jamieson &amp; Talwalkar 2016) over training epochs: every candidate is trained for
    /// <see cref="DetectorSearch.Options.MinEpochs"/> epochs, the best 1/η by validation AUC (η =
    /// <see cref="DetectorSearch.Options.HalvingRate"/>) are trained again from scratch with η times the epochs, and so on until one
    /// candidate is left or the survivors reach their full epochs. Detectors that do not train in epochs (Isolation Forest, one-class SVM) run
    /// once and keep their result in later rounds. The default: it spends most of the time on the deep candidates that look best.
    /// </summary>
    SuccessiveHalving,
}
