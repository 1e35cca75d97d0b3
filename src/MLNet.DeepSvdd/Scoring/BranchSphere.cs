namespace MLNet.DeepSvdd.Scoring;

/// <summary>
/// One branch's hypersphere in a model (<see cref="PatchScoring"/>): the centre c_b, the offset subtracted from its reduced distance (R_b² in
/// soft-boundary mode, 0 otherwise) and the scale the term is divided by when two branches are added (the mean reduced distance of the
/// training rows; 1 for a model with one branch).
/// </summary>
/// <param name="Branch">Which representation.</param>
/// <param name="Center">c_b, on the model's device.</param>
/// <param name="Offset">Subtracted from the branch's reduced distance.</param>
/// <param name="Scale">Divides the branch's term; 1 with one branch.</param>
internal sealed record BranchSphere(RepresentationBranch Branch, Tensor Center, double Offset, double Scale);
