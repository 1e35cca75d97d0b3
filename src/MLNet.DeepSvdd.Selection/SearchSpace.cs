namespace MLNet.DeepSvdd.Selection;

/// <summary>
/// The candidates a <see cref="DetectorSearch"/> chooses from, in order (the grid order; random search draws from them). Start from
/// <see cref="ForImages"/> or <see cref="ForVectors"/> and narrow it (<see cref="Where"/>) or extend it (<see cref="Add"/>,
/// <see cref="DeepSvddGrid"/>, <see cref="PaperNoiseHeads"/>, <see cref="EstimatorCandidate"/>), or build one from scratch.
/// </summary>
public sealed class SearchSpace
{
    private readonly List<DetectorCandidate> candidates = [];

    /// <summary>A space of these candidates, in this order.</summary>
    /// <exception cref="ArgumentException">Two candidates share a name.</exception>
    public SearchSpace(IEnumerable<DetectorCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        Add([.. candidates]);
    }

    /// <summary>The candidates, in order.</summary>
    public IReadOnlyList<DetectorCandidate> Candidates => candidates;

    /// <summary>Appends candidates; returns this space.</summary>
    /// <exception cref="ArgumentException">A name is already in the space.</exception>
    public SearchSpace Add(params DetectorCandidate[] more)
    {
        ArgumentNullException.ThrowIfNull(more);
        foreach (var candidate in more)
        {
            ArgumentNullException.ThrowIfNull(candidate, nameof(more));
            if (candidates.Any(c => c.Name == candidate.Name))
                throw new ArgumentException($"The search space already has a candidate named '{candidate.Name}'; give each candidate a unique name.", nameof(more));
            candidates.Add(candidate);
        }
        return this;
    }

    /// <summary>A new space with the candidates that satisfy <paramref name="keep"/>, e.g. <c>c =&gt; c.Family == "Deep SVDD"</c>.</summary>
    public SearchSpace Where(Func<DetectorCandidate, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        return new SearchSpace(candidates.Where(keep));
    }

    /// <summary>
    /// The default space for plain feature vectors (sensor readings, embeddings), 12 candidates: Deep SVDD with an MLP — noise injection
    /// (k = 64, the library default, and k = 8), the σ² hinge, plain Deep SVDD without biases, and noise injection at learning rate 1e-3 —;
    /// the one-class SVM (ν = 0.1) with γ at 1/16, 1/4, 1, 4 and 16 times scikit-learn's "scale"; Isolation Forest with 100 and 300 trees.
    /// </summary>
    /// <param name="epochs">Full training epochs of the deep candidates. Default 30 (the trainer's default).</param>
    public static SearchSpace ForVectors(int epochs = DetectorSearch.Defaults.VectorEpochs)
    {
        CheckEpochs(epochs);
        DeepSvddTrainer.Options Mlp() => new() { Network = DeepSvddNetwork.Mlp, Epochs = epochs };
        var space = new SearchSpace(
        [
            new DeepSvddCandidate(Mlp()),
            new DeepSvddCandidate(With(Mlp(), o => o.NoiseHeads = 8)),
            new DeepSvddCandidate(With(Mlp(), o => o.Regularizer = CollapseRegularizer.VarianceHinge)),
            new DeepSvddCandidate(With(Mlp(), o => { o.Regularizer = CollapseRegularizer.None; o.UseBias = false; })),
            new DeepSvddCandidate(With(Mlp(), o => o.LearningRate = 1e-3)),
        ]);
        AddSvmGrid(space, FeatureSpace.Raw, null, [1.0 / 16, 1.0 / 4, 1, 4, 16]);
        space.Add(new IsolationForestCandidate(new IsolationForestTrainer.Options()),
            new IsolationForestCandidate(new IsolationForestTrainer.Options { NumberOfTrees = 300 }));
        return space;
    }

    /// <summary>
    /// The default space for images (a known-size Single vector of pixels in 0–255 with an image shape [C, H, W], as ExtractPixels writes),
    /// 20 candidates, sized for a CPU:
    /// <list type="bullet">
    /// <item>Deep SVDD on the ImageNet-pretrained ResNet-18 at <paramref name="inputResolution"/> px (3-channel images only): the library
    /// default (layer3 frozen, noise injection k = 64, biases, learning rate 1e-5, pooled and patch branches); the pooled representation alone and the patch
    /// representation alone (<see cref="DeepSvddRepresentation"/>: a wrong object or a small local defect); k = 5 and k = 200 (the ends of the paper's grid); the σ²
    /// hinge; plain Deep SVDD without biases; layer2 frozen; learning rate 1e-4; the default at half the resolution; and the paper's
    /// settings (<see cref="PaperSettings"/>: every layer fine-tuned at 1e-4);</item>
    /// <item>Deep SVDD on a LeNet trained from scratch at the images' own size: noise injection with and without biases, and plain Deep SVDD
    /// without biases (thin local defects such as strokes are found better from scratch than through ImageNet features);</item>
    /// <item>the one-class SVM (ν = 0.1) on ResNet-18 features at γ ¼, 1 and 4 times "scale", and on pixel PCA; Isolation Forest on both.</item>
    /// </list>
    /// </summary>
    /// <param name="epochs">Full training epochs of the deep candidates. Default 10.</param>
    /// <param name="inputResolution">The side images are resized to inside the ResNet-18 (deep and features). Default 128 (224 is the
    /// network's native size and costs about three times as much on a CPU).</param>
    /// <param name="channels">Channels of the images: 3 (default) or 1 (grayscale: no ResNet-18 candidates).</param>
    public static SearchSpace ForImages(int epochs = DetectorSearch.Defaults.ImageEpochs,
        int inputResolution = DetectorSearch.Defaults.ImageInputResolution, int channels = 3)
    {
        CheckEpochs(epochs);
        if (inputResolution < 32) throw new ArgumentOutOfRangeException(nameof(inputResolution), inputResolution, "The input resolution must be at least 32 pixels.");
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "Images have 1 or 3 channels.");
        var space = new SearchSpace([]);
        if (channels == 3)
        {
            DeepSvddTrainer.Options ResNet() => new() { Network = DeepSvddNetwork.ResNet18Pretrained, InputResolution = inputResolution, Epochs = epochs };
            space.Add(
                new DeepSvddCandidate(ResNet()),
                new DeepSvddCandidate(With(ResNet(), o => o.Representation = DeepSvddRepresentation.Pooled)),
                new DeepSvddCandidate(With(ResNet(), o => o.Representation = DeepSvddRepresentation.Patches)),
                new DeepSvddCandidate(With(ResNet(), o => o.NoiseHeads = 5)),
                new DeepSvddCandidate(With(ResNet(), o => o.NoiseHeads = 200)),
                new DeepSvddCandidate(With(ResNet(), o => o.Regularizer = CollapseRegularizer.VarianceHinge)),
                new DeepSvddCandidate(With(ResNet(), o => { o.Regularizer = CollapseRegularizer.None; o.UseBias = false; })),
                new DeepSvddCandidate(With(ResNet(), o => o.FreezeThrough = BackboneStage.Layer2)),
                new DeepSvddCandidate(With(ResNet(), o => o.LearningRate = 1e-4)),
                new DeepSvddCandidate(With(ResNet(), o => o.InputResolution = inputResolution / 2)),
                new DeepSvddCandidate(PaperSettings(epochs, inputResolution)));
        }
        DeepSvddTrainer.Options LeNet() => new() { Network = DeepSvddNetwork.LeNet, Epochs = epochs };
        space.Add(
            new DeepSvddCandidate(With(LeNet(), o => o.UseBias = false)),
            new DeepSvddCandidate(LeNet()),
            new DeepSvddCandidate(With(LeNet(), o => { o.Regularizer = CollapseRegularizer.None; o.UseBias = false; })));
        if (channels == 3)
        {
            AddSvmGrid(space, FeatureSpace.ResNet18Features, inputResolution, [1.0 / 4, 1, 4]);
            space.Add(new IsolationForestCandidate(new IsolationForestTrainer.Options(), FeatureSpace.ResNet18Features, inputResolution));
        }
        AddSvmGrid(space, FeatureSpace.PixelPca, null, [1]);
        space.Add(new IsolationForestCandidate(new IsolationForestTrainer.Options(), FeatureSpace.PixelPca));
        return space;
    }

    /// <summary>
    /// The paper's own search (section V-B): the noise-injection model "D. SVDD w/ bias &amp; noise reg." on the fully fine-tuned pretrained
    /// ResNet-18 (no frozen stage, learning rate 1e-4, 1e-3 for the projection), with k ∈ {5, 30, 50, 60, 70, 100, 130, 200}.
    /// </summary>
    /// <param name="epochs">Full training epochs. The paper: 30.</param>
    /// <param name="inputResolution">Image side inside the network; null: 224, the paper's.</param>
    public static SearchSpace PaperNoiseHeads(int epochs = DetectorSearch.Defaults.PaperEpochs, int? inputResolution = null)
    {
        CheckEpochs(epochs);
        return DeepSvddGrid(PaperSettings(epochs, inputResolution), noiseHeads: [5, 30, 50, 60, 70, 100, 130, 200]);
    }

    /// <summary>
    /// The paper's training settings for the pretrained ResNet-18 (section V-B): every stage fine-tuned (<see cref="BackboneStage.None"/>
    /// frozen), learning rate 1e-4 for the network and 1e-3 for the projection, noise injection with biases; k = 64 unless changed.
    /// </summary>
    public static DeepSvddTrainer.Options PaperSettings(int epochs = DetectorSearch.Defaults.PaperEpochs, int? inputResolution = null) => new()
    {
        Network = DeepSvddNetwork.ResNet18Pretrained,
        FreezeThrough = BackboneStage.None,
        LearningRate = DetectorSearch.Defaults.PaperLearningRate,
        HeadLearningRate = DetectorSearch.Defaults.PaperHeadLearningRate,
        Regularizer = CollapseRegularizer.NoiseInjection,
        UseBias = true,
        InputResolution = inputResolution,
        Epochs = epochs,
    };

    /// <summary>
    /// The Cartesian product of Deep SVDD settings over <paramref name="template"/> (null entries keep the template's value), in the order
    /// regularizer, bias, k (noise injection only), learning rate, frozen stages, resolution.
    /// </summary>
    public static SearchSpace DeepSvddGrid(DeepSvddTrainer.Options template, CollapseRegularizer[]? regularizers = null, bool[]? useBias = null,
        int[]? noiseHeads = null, double[]? learningRates = null, BackboneStage[]? freezeThrough = null, int[]? inputResolutions = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        var space = new SearchSpace([]);
        foreach (var regularizer in regularizers ?? [template.Regularizer])
        foreach (bool bias in useBias ?? [template.UseBias])
        foreach (int k in regularizer == CollapseRegularizer.NoiseInjection ? noiseHeads ?? [template.NoiseHeads] : [template.NoiseHeads])
        foreach (double? rate in learningRates?.Select(r => (double?)r) ?? [template.LearningRate])
        foreach (var freeze in freezeThrough?.Select(f => (BackboneStage?)f) ?? [template.FreezeThrough])
        foreach (int? resolution in inputResolutions?.Select(r => (int?)r) ?? [template.InputResolution])
        {
            var options = new DeepSvddCandidate(template).Options;
            options.Regularizer = regularizer;
            options.UseBias = bias;
            options.NoiseHeads = k;
            options.LearningRate = rate;
            options.FreezeThrough = freeze;
            options.InputResolution = resolution;
            space.Add(new DeepSvddCandidate(options));
        }
        return space;
    }

    private static void AddSvmGrid(SearchSpace space, FeatureSpace features, int? resolution, double[] gammaScales)
    {
        foreach (double scale in gammaScales)
        {
            var options = new OneClassSvmTrainer.Options { Nu = DetectorSearch.Defaults.SvmNu, GammaScale = scale };
            space.Add(new OneClassSvmCandidate(options, features, resolution));
        }
    }

    private static DeepSvddTrainer.Options With(DeepSvddTrainer.Options options, Action<DeepSvddTrainer.Options> change)
    {
        change(options);
        return options;
    }

    private static void CheckEpochs(int epochs)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "Epochs must be at least 1.");
    }
}
