namespace MLNet.DeepSvdd.Baselines.Geo.Transformations;

/// <summary>
/// One of GEO's 72 geometric transformations (Golan &amp; El-Yaniv 2018, section 5): an optional horizontal flip, then a shift by
/// (<see cref="ShiftX"/>, <see cref="ShiftY"/>) pixels with reflect filling, then <see cref="Rotations"/> counter-clockwise rotations by 90°.
/// </summary>
/// <param name="Index">The class the GEO classifier predicts for it, 0–71, in the order flip × x-shift {0, −s, +s} × y-shift {0, −s, +s}
/// × rotations {0, 1, 2, 3} (index 0 is the identity).</param>
/// <param name="Flip">Mirror left–right first.</param>
/// <param name="ShiftX">Pixels the content moves right (negative: left); the uncovered border is filled by reflection (d c b a | a b c d).</param>
/// <param name="ShiftY">Pixels the content moves down (negative: up), filled the same way.</param>
/// <param name="Rotations">Number of counter-clockwise quarter turns applied last, 0–3.</param>
public sealed record GeometricTransformation(int Index, bool Flip, int ShiftX, int ShiftY, int Rotations)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"#{Index}: {(Flip ? "flip, " : "")}shift ({ShiftX}, {ShiftY}), rotate {Rotations * 90}°";
}
