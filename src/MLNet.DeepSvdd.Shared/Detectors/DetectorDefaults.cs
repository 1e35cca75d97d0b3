namespace MLNet.DeepSvdd.Shared.Detectors;

/// <summary>The defaults every detector shares; each detector's own <c>Defaults</c> class holds the rest.</summary>
public static class DetectorDefaults
{
    /// <summary>The feature column: "Features".</summary>
    public const string FeatureColumnName = "Features";

    /// <summary>The expected fraction of anomalies that sets the decision threshold (a (1 − contamination) quantile of training scores): 0.1.</summary>
    public const double Contamination = 0.1;
}
