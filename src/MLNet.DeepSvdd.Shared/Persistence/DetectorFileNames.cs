namespace MLNet.DeepSvdd.Shared.Persistence;

/// <summary>How a detector's model file names it: in messages, and the internal columns of its saved run (fixed: model files record them).</summary>
/// <param name="Detector">The detector in messages about its state, e.g. "Deep SVDD" ("the Deep SVDD state stored in it is truncated").</param>
/// <param name="Model">What a file may hold none of, e.g. "Deep SVDD model" ("Model file 'x.zip' holds no Deep SVDD model").</param>
/// <param name="LoadedAs">What a corrupt file could not be read as, e.g. "a model with Deep SVDD".</param>
/// <param name="Package">The package whose transforms a file without the detector lacks, e.g. "MLNet.DeepSvdd".</param>
/// <param name="StateKey">The column of the constant state key (each detector has its own, so a pipeline can hold several).</param>
/// <param name="State">The column of the state text.</param>
/// <param name="Features">The column the feature vector is copied to for the row-by-row scorer.</param>
internal sealed record DetectorFileNames(
    string Detector, string Model, string LoadedAs, string Package, string StateKey, string State, string Features)
{
    /// <summary>The constant key under which every detector's state is stored.</summary>
    public const string ModelKey = "model";
}
