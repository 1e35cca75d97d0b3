namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>What <see cref="CutPasteScar"/> does to one image: the rotated rectangle at its source, the whole-pixel move, the gains.</summary>
/// <param name="Thickness">t: the scar's width across its long side, in pixels.</param>
/// <param name="Length">ℓ: the scar's long side, in pixels.</param>
/// <param name="Angle">θ: the long side's angle to the x axis, in radians.</param>
/// <param name="CentreX">The source rectangle's centre, x.</param>
/// <param name="CentreY">The source rectangle's centre, y.</param>
/// <param name="OffsetX">The move in whole pixels, x.</param>
/// <param name="OffsetY">The move in whole pixels, y.</param>
/// <param name="Gains">The colour jitter: one factor per channel.</param>
internal sealed record ScarDrawing(double Thickness, double Length, double Angle, double CentreX, double CentreY, int OffsetX, int OffsetY, float[] Gains)
{
    /// <summary>Whether the centre of pixel (x, y) lies in the source rectangle: |u| ≤ ℓ/2 along the long side, |v| ≤ t/2 across it.</summary>
    public bool Covers(int x, int y)
    {
        double dx = x - CentreX, dy = y - CentreY;
        double u = dx * Math.Cos(Angle) + dy * Math.Sin(Angle), v = -dx * Math.Sin(Angle) + dy * Math.Cos(Angle);
        return Math.Abs(u) <= Length / 2 && Math.Abs(v) <= Thickness / 2;
    }
}
