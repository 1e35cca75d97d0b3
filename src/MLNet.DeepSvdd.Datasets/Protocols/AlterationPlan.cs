namespace MLNet.DeepSvdd.Datasets.Protocols;

/// <summary>
/// Which natural images the image-alteration setup uses, decided on class indices only: the shuffled training images, and the natural
/// images of validation and test that get an altered counterpart. See <see cref="AlterationProtocol"/> for the rules.
/// </summary>
/// <param name="Train">The training images in their shuffled order (all of them; the caller applies the training limit).</param>
/// <param name="Validation">The validation images, in file order, after the limit.</param>
/// <param name="Test">The test images, in file order, after the limit.</param>
internal sealed record AlterationPlan(int[] Train, List<int> Validation, List<int> Test)
{
    public static AlterationPlan Make(IClassifiedImages train, IClassifiedImages test, int seed, ProtocolLimits limits)
    {
        limits.Check();
        var split = RowSampling.For(seed, RowSampling.Purpose.TrainValidationSplit);
        var training = new List<int>();
        var validation = new List<int>();
        for (int c = 0; c < train.ClassNames.Count; c++)
        {
            int cls = c;
            var images = RowSampling.Shuffled(Enumerable.Range(0, train.Count).Where(i => train.ClassOf(i) == cls), split);
            int cut = images.Length * 4 / 5; // ⌊80 %⌋ of every class for training, the rest for validation
            training.AddRange(images[..cut]);
            validation.AddRange(images[cut..]);
        }
        validation.Sort();
        var testImages = Enumerable.Range(0, test.Count).ToList();
        return new AlterationPlan(
            RowSampling.Shuffled(training, RowSampling.For(seed, RowSampling.Purpose.TrainOrder)),
            Pairs(validation, limits.Validation, RowSampling.For(seed, RowSampling.Purpose.ValidationSubset)),
            Pairs(testImages, limits.Test, RowSampling.For(seed, RowSampling.Purpose.TestSubset)));
    }

    /// <summary>The natural images of a part: all, or a random ⌊limit / 2⌋ of them (each brings its altered counterpart).</summary>
    private static List<int> Pairs(List<int> images, int? limit, Random random) =>
        limit is { } n && n / 2 < images.Count ? RowSampling.Subset(images, n / 2, random) : images;
}
