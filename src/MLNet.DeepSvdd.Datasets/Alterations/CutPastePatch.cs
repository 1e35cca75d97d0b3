namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>What <see cref="CutPaste"/> does to one image: the patch's size, where it is cut and pasted, and the per-channel gains.</summary>
/// <param name="Width">Patch width in pixels.</param>
/// <param name="Height">Patch height in pixels.</param>
/// <param name="SourceLeft">First column of the cut rectangle.</param>
/// <param name="SourceTop">First row of the cut rectangle.</param>
/// <param name="Left">First column of the pasted rectangle.</param>
/// <param name="Top">First row of the pasted rectangle.</param>
/// <param name="Gains">The colour jitter: one factor per channel.</param>
internal sealed record CutPastePatch(int Width, int Height, int SourceLeft, int SourceTop, int Left, int Top, float[] Gains);
