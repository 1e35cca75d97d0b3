namespace MLNet.DeepSvdd.Scoring;

/// <summary>
/// One branch's hypersphere in a model (<see cref="PatchScoring"/>): the centre c_b, the offset subtracted from its reduced distance (R_b² in
/// soft-boundary mode, 0 otherwise), and how its term enters a score of two branches: standardised, (reduced distance − offset − shift) /
/// scale, with the shift and scale the mean and standard deviation of that value over the training rows, so that a normal image's term is
/// about N(0, 1) in either branch; a branch of weight 0 takes no part in the score (it may still draw the anomaly map). A model with one
/// branch has shift 0, scale 1 and weight 1: its score is the distance itself.
/// </summary>
/// <param name="Branch">Which representation.</param>
/// <param name="Center">c_b, on the model's device.</param>
/// <param name="Offset">Subtracted from the branch's reduced distance.</param>
/// <param name="Shift">Subtracted after the offset (0 with one branch).</param>
/// <param name="Scale">Divides the branch's term; 1 with one branch.</param>
/// <param name="Weight">1: the branch takes part in the score; 0: it does not.</param>
internal sealed record BranchSphere(RepresentationBranch Branch, Tensor Center, double Offset, double Shift = 0, double Scale = 1, double Weight = 1);
