namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>What <see cref="Strokes"/> draws on one image: the colour (one value per channel) and the strokes as polylines.</summary>
/// <param name="Colour">The stroke colour, one value 0–255 per channel.</param>
/// <param name="Polylines">Each stroke's vertices in pixel-centre coordinates, clipped to the image.</param>
internal sealed record StrokeDrawing(float[] Colour, IReadOnlyList<StrokeDrawing.Point[]> Polylines)
{
    /// <summary>A vertex: x is the column, y the row; pixel (x, y) has its centre at the integer point.</summary>
    internal readonly record struct Point(double X, double Y);

    /// <summary>The squared distance from the point (x, y) to the closed segment a–b.</summary>
    public static double DistanceSquared(double x, double y, Point a, Point b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y, lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared > 0 ? Math.Clamp(((x - a.X) * dx + (y - a.Y) * dy) / lengthSquared, 0, 1) : 0;
        double ex = x - a.X - t * dx, ey = y - a.Y - t * dy;
        return ex * ex + ey * ey;
    }
}
