namespace MLNet.DeepSvdd.Shared.Detectors;

/// <summary>
/// What the options of every detector of this library share (<c>DeepSvddTrainer.Options</c>, <c>GeoTrainer.Options</c>,
/// <c>IsolationForestTrainer.Options</c>, <c>OneClassSvmTrainer.Options</c>): the feature column, one validation style (every invalid
/// option is refused when the trainer is created, with a message naming it and its allowed range) and a copy taken at that moment, so
/// changing the options object later does not change a trainer.
/// </summary>
public abstract class DetectorOptions
{
    private protected DetectorOptions()
    {
    }

    /// <summary>The input column: a known-size vector of <see cref="float"/>. Default "Features" (<see cref="DetectorDefaults.FeatureColumnName"/>).</summary>
    public string FeatureColumnName { get; set; } = DetectorDefaults.FeatureColumnName;

    /// <summary>Checks every option; throws <see cref="ArgumentOutOfRangeException"/> (or <see cref="ArgumentException"/> for combinations)
    /// naming the first invalid one.</summary>
    internal void Validate()
    {
        OptionChecks.ColumnName(FeatureColumnName, nameof(FeatureColumnName));
        ValidateOptions();
    }

    /// <summary>
    /// Checks <paramref name="options"/> (<see cref="Validate"/>) and returns a copy of them (<see cref="Clone"/>): what a trainer, or
    /// anything that keeps options for later, takes when it is created.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    internal static T ValidatedCopy<T>(T options)
        where T : DetectorOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return (T)options.Clone();
    }

    /// <summary>A copy that shares nothing mutable with this object.</summary>
    internal DetectorOptions Clone()
    {
        var copy = (DetectorOptions)MemberwiseClone();
        copy.CopyMutableMembers();
        return copy;
    }

    /// <summary>The detector's own checks, in <see cref="OptionChecks"/>' style.</summary>
    private protected abstract void ValidateOptions();

    /// <summary>After the member-wise copy of <see cref="Clone"/>: replaces arrays and other mutable members by copies.</summary>
    private protected virtual void CopyMutableMembers()
    {
    }
}
