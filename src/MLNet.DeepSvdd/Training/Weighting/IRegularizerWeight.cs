namespace MLNet.DeepSvdd.Training.Weighting;

/// <summary>The weight c_t of the regularizer in L = L_svdd + c_t·L_reg (eq. 6), updated once per iteration.</summary>
internal interface IRegularizerWeight : IDisposable
{
    /// <summary>Advances to c_t from the current minibatch's losses (used detached) and returns it as a scalar tensor.</summary>
    Tensor Next(Tensor svddLoss, Tensor regularizerLoss);

    /// <summary>The current weight c_t (reads the device: call once per epoch, not per step).</summary>
    double Current { get; }
}
