namespace MLNet.DeepSvdd;

/// <summary>
/// Thrown by <c>DeepSvddTrainer.Fit</c> when training diverges: a loss or the final scores became NaN or
/// infinite, or the loss grew far beyond its value before training (see docs/reliability.md). No model is returned. The message
/// names the option to change (<see cref="DeepSvddTrainer.Options.LearningRate"/>, with its value).
/// </summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    internal TrainingDivergedException(string message, int epoch, double learningRate) : base(message)
    {
        Epoch = epoch;
        LearningRate = learningRate;
    }

    /// <summary>The epoch (1-based) after which the divergence was seen; 0 when the final scores revealed it.</summary>
    public int Epoch { get; }

    /// <summary>The learning rate the training ran with.</summary>
    public double LearningRate { get; }
}
