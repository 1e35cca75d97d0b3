namespace MLNet.DeepSvdd;

/// <summary>
/// What happened in one training epoch (means over its minibatches), or, for epoch 0, the state of the network before training.
/// </summary>
/// <param name="Epoch">The epoch: 0 before training (no step taken), 1 to <c>Epochs</c> after each pass over the data.</param>
/// <param name="SvddLoss">Mean SVDD loss L_svdd (eq. 1, 2 or 3); epoch 0: the mean squared distance of the initial features to c.</param>
/// <param name="RegularizerLoss">Mean regularizer loss L_reg (eq. 4 or 5); 0 without a regularizer and at epoch 0.</param>
/// <param name="RegularizerWeight">The weight c_t at the end of the epoch (eq. 7; 1 for fixed weighting; 0 without a regularizer and at epoch 0).</param>
/// <param name="FeatureVariance">Mean over minibatches of the mean per-dimension variance of the features: near 0 means collapse (epoch 0:
/// over all training rows at once).</param>
/// <param name="Radius">The soft-boundary radius R at the end of the epoch (0 in one-class mode).</param>
/// <param name="VarianceThreshold">The variance-hinge threshold d_t used in this epoch (0 for other regularizers).</param>
/// <param name="ValidationAuc">ROC AUC on the validation set after the epoch, when one was given.</param>
/// <param name="Duration">Wall-clock time of the epoch's training steps (zero for epoch 0).</param>
public sealed record EpochReport(
    int Epoch,
    double SvddLoss,
    double RegularizerLoss,
    double RegularizerWeight,
    double FeatureVariance,
    double Radius,
    double VarianceThreshold,
    double? ValidationAuc,
    TimeSpan Duration);
