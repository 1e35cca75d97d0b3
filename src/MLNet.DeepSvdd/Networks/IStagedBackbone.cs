namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// A backbone that runs as a sequence of stages followed by a head, so that its leading stages can be frozen: run without gradient,
/// left out of the optimizer and, where memory allows, computed once per training image (<see cref="Training.FrozenStages"/>).
/// <c>Head(ForwardStages(x, 0, StageCount))</c> equals <c>forward(x)</c>.
/// </summary>
internal interface IStagedBackbone
{
    /// <summary>The number of stages.</summary>
    int StageCount { get; }

    /// <summary>Runs stages <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    Tensor ForwardStages(Tensor input, int from, int to);

    /// <summary>The part after the last stage (pooling and projection to the representation).</summary>
    Tensor Head(Tensor stageOutput);

    /// <summary>
    /// The first <paramref name="stages"/> stages, as one tensor the frozen-stage cache can hold (a backbone with a patch branch packs the
    /// intermediate maps that branch needs).
    /// </summary>
    Tensor Leading(Tensor input, int stages);

    /// <summary>The output rows from <see cref="Leading"/>'s output for the same <paramref name="stages"/>: <c>Trailing(Leading(x, s), s)</c> equals <c>forward(x)</c>.</summary>
    Tensor Trailing(Tensor leading, int stages);

    /// <summary>The modules that make up one stage.</summary>
    IEnumerable<nn.Module> StageModules(int stage);
}
