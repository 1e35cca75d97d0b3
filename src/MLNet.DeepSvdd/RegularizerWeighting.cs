namespace MLNet.DeepSvdd;

/// <summary>
/// How the regularizer loss is weighted against the SVDD loss: L = L_svdd + c_t·L_reg (eq. 6).
/// </summary>
public enum RegularizerWeighting
{
    /// <summary>
    /// The adaptive scheme of eq. 7: c_t = α·c_{t−1} + β(1 − α)·L_svdd/L_reg, from the detached loss values of each minibatch, c_0 = 0.
    /// The paper's default (Table I).
    /// </summary>
    Adaptive,

    /// <summary>Fixed weighting c_t = 1 for every iteration.</summary>
    Fixed,
}
