namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>
/// Upper bounds on the size of each part of a protocol, to run it in minutes on a CPU; null leaves a part at the paper's full size.
/// Every reduction is a seeded random subset of the full part, so a smaller limit never brings in rows the full protocol does not have:
/// <list type="bullet">
/// <item>Training (unsupervised): the first <see cref="Train"/> rows of the protocol's shuffled training images.</item>
/// <item>Training (semi-supervised): at most <see cref="Train"/> rows in all, the unlabeled ones the first of the shuffled training
/// images, the labeled anomalies their usual share (10 %) of what remains.</item>
/// <item>Validation and test of one-vs-all: a random subset of <see cref="Validation"/> or <see cref="Test"/> rows chosen per
/// <see cref="Sampling"/>, kept in the part's order.</item>
/// <item>Validation and test of the alteration setup: a random subset of ⌊limit / 2⌋ natural images, each with its altered counterpart
/// (balanced whatever <see cref="Sampling"/> says).</item>
/// </list>
/// </summary>
/// <param name="Train">Most training rows; null for all.</param>
/// <param name="Validation">Most validation rows; null for all.</param>
/// <param name="Test">Most test rows; null for all.</param>
/// <param name="Sampling">How a limited one-vs-all validation or test set divides its rows between normal and anomalous.</param>
public sealed record ProtocolLimits(int? Train = null, int? Validation = null, int? Test = null, LimitSampling Sampling = LimitSampling.Balanced)
{
    /// <summary>No limits: the paper's sizes.</summary>
    public static ProtocolLimits None { get; } = new();

    /// <summary>Throws when a limit is below 2 (a validation or test set needs a normal and an anomalous row; training at least one).</summary>
    internal void Check()
    {
        if (Train is < 1) throw new ArgumentOutOfRangeException(nameof(Train), Train, "The training limit must be at least 1.");
        if (Validation is < 2)
            throw new ArgumentOutOfRangeException(nameof(Validation), Validation, "The validation limit must be at least 2 (a normal and an anomalous row).");
        if (Test is < 2) throw new ArgumentOutOfRangeException(nameof(Test), Test, "The test limit must be at least 2 (a normal and an anomalous row).");
        if (!Enum.IsDefined(Sampling)) throw new ArgumentOutOfRangeException(nameof(Sampling), Sampling, "Expected Balanced or Proportional.");
    }
}
