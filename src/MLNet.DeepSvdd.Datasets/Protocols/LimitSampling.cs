namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>How <see cref="ProtocolLimits"/> shrink a validation or test set that has more rows than the limit.</summary>
public enum LimitSampling
{
    /// <summary>
    /// Half normal, half anomalous rows (the larger half for normal rows when the limit is odd); when one group has fewer rows than its
    /// half, all of them are kept and the other group fills the limit. Best for estimating an AUC from few rows (the AUC does not depend on
    /// the class ratio, but its variance grows as the smaller group shrinks).
    /// </summary>
    Balanced,

    /// <summary>
    /// Normal and anomalous rows keep their share of the full set (rounded, at least one row of each group present in the full set):
    /// the same distribution, fewer rows.
    /// </summary>
    Proportional,
}
