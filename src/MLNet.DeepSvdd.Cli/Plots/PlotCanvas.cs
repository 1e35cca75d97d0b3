using SkiaSharp;

namespace MLNet.DeepSvdd.Cli.Plots;

/// <summary>
/// A small chart renderer on SkiaSharp (the version Microsoft.ML.ImageAnalytics already brings, so plots and image pipelines share one
/// native library): a title, axes with ticks and labels, line and bar series, a legend, saved as PNG.
/// Re-checked for issue 16: ScottPlot 5.1.59 needs SkiaSharp ≥ 3.119.0, which lifts the process to SkiaSharp 3 and ML.NET 5.0.1's
/// image pipeline then fails (MissingMethodException: SkiaSharp.SKBitmap.GetPixelSpan(), from MLImage.get_Pixels); pinned to 2.88.9
/// instead, ScottPlot fails to load SkiaSharp 3.119.0.0 (and restore reports NU1605).
/// </summary>
internal sealed class PlotCanvas : IDisposable
{
    private const float Left = 80, Right = 30, Top = 50, Bottom = 65;
    private static readonly SKColor[] Palette =
    [
        new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40), new(148, 103, 189),
        new(140, 86, 75), new(227, 119, 194), new(127, 127, 127), new(188, 189, 34), new(23, 190, 207),
    ];

    private readonly SKBitmap bitmap;
    private readonly SKCanvas canvas;
    private readonly int width, height;
    private readonly double xMin, xMax, yMin, yMax;
    private readonly List<(string Label, SKColor Color)> legend = [];

    public PlotCanvas(int width, int height, double xMin, double xMax, double yMin, double yMax)
    {
        if (!(xMax > xMin) || !(yMax > yMin)) throw new ArgumentException("A plot needs a non-empty range on both axes.");
        this.width = width;
        this.height = height;
        (this.xMin, this.xMax, this.yMin, this.yMax) = (xMin, xMax, yMin, yMax);
        bitmap = new SKBitmap(width, height);
        canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
    }

    /// <summary>Text the bundled fonts can draw: "σ²" (missing from many default typefaces) becomes "sigma^2".</summary>
    internal static string Printable(string text) => text.Replace("σ²", "sigma^2", StringComparison.Ordinal);

    /// <summary>The colour of series number <paramref name="index"/>.</summary>
    public static SKColor ColorOf(int index) => Palette[index % Palette.Length];

    private float X(double x) => (float)(Left + (x - xMin) / (xMax - xMin) * (width - Left - Right));

    private float Y(double y) => (float)(height - Bottom - (y - yMin) / (yMax - yMin) * (height - Top - Bottom));

    /// <summary>A polyline through the points, clipped to the plot area.</summary>
    public void Line(IReadOnlyList<double> xs, IReadOnlyList<double> ys, SKColor color, string? label, float width = 2, bool dashed = false)
    {
        using var paint = new SKPaint { Color = color, StrokeWidth = width, IsAntialias = true, Style = SKPaintStyle.Stroke };
        if (dashed) paint.PathEffect = SKPathEffect.CreateDash([6, 4], 0);
        using var path = new SKPath();
        for (int i = 0; i < xs.Count; i++)
        {
            if (i == 0) path.MoveTo(X(xs[i]), Y(ys[i]));
            else path.LineTo(X(xs[i]), Y(ys[i]));
        }
        canvas.Save();
        canvas.ClipRect(new SKRect(Left, Top, this.width - Right, height - Bottom));
        canvas.DrawPath(path, paint);
        canvas.Restore();
        if (label is not null) legend.Add((Printable(label), color));
    }

    /// <summary>A filled circle at each point (so single points and the measured values stay visible on a line).</summary>
    public void Dots(IReadOnlyList<double> xs, IReadOnlyList<double> ys, SKColor color, float radius = 4)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
        for (int i = 0; i < xs.Count; i++) canvas.DrawCircle(X(xs[i]), Y(ys[i]), radius, paint);
    }

    /// <summary>
    /// Where the x ticks go and what they read, instead of about five evenly spaced values (e.g. powers of two plotted at their log2).
    /// </summary>
    public IReadOnlyList<(double Value, string Label)>? XTicks { get; set; }

    /// <summary>Bars centred on <paramref name="centres"/>, <paramref name="barWidth"/> wide (data units), from 0 up to the values.</summary>
    public void Bars(IReadOnlyList<double> centres, IReadOnlyList<double> values, double barWidth, SKColor color, string? label)
    {
        using var paint = new SKPaint { Color = color, Style = SKPaintStyle.Fill, IsAntialias = false };
        for (int i = 0; i < centres.Count; i++)
        {
            float left = X(centres[i] - barWidth / 2), right = X(centres[i] + barWidth / 2);
            float top = Y(Math.Max(values[i], yMin)), bottom = Y(Math.Max(0, yMin));
            canvas.DrawRect(new SKRect(left, Math.Min(top, bottom), right, Math.Max(top, bottom)), paint);
        }
        if (label is not null) legend.Add((Printable(label), color));
    }

    /// <summary>Draws the frame, ticks, tick labels, axis labels, title and legend, then writes the PNG.</summary>
    public void Save(string path, string title, string xLabel, string yLabel, bool legendBottomRight = true)
    {
        Decorate(title, xLabel, yLabel, legendBottomRight);
        WritePng(bitmap, path);
    }

    /// <summary>Writes several decorated panels (see <see cref="Decorate"/>) side by side, left to right, as one PNG.</summary>
    public static void SaveSideBySide(string path, IReadOnlyList<PlotCanvas> panels)
    {
        if (panels.Count == 0) throw new ArgumentException("Nothing to draw.", nameof(panels));
        using var combined = new SKBitmap(panels.Sum(p => p.width), panels.Max(p => p.height));
        using (var target = new SKCanvas(combined))
        {
            target.Clear(SKColors.White);
            float left = 0;
            foreach (var panel in panels)
            {
                target.DrawBitmap(panel.bitmap, left, 0);
                left += panel.width;
            }
        }
        WritePng(combined, path);
    }

    /// <summary>Draws the frame, ticks, tick labels, axis labels, title and legend (what <see cref="Save"/> does before writing).</summary>
    public void Decorate(string title, string xLabel, string yLabel, bool legendBottomRight = true)
    {
        using var axis = new SKPaint { Color = SKColors.Black, StrokeWidth = 1, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var grid = new SKPaint { Color = new SKColor(225, 225, 225), StrokeWidth = 1, Style = SKPaintStyle.Stroke };
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true, TextSize = 13, Typeface = SKTypeface.Default };
        using var big = new SKPaint { Color = SKColors.Black, IsAntialias = true, TextSize = 16, FakeBoldText = true, Typeface = SKTypeface.Default };
        float plotRight = width - Right, plotBottom = height - Bottom;
        (title, xLabel, yLabel) = (Printable(title), Printable(xLabel), Printable(yLabel));
        foreach (var (tx, label) in XTicks ?? Ticks(xMin, xMax).Select(t => (t, Format(t))).ToList())
        {
            canvas.DrawLine(X(tx), Top, X(tx), plotBottom, grid);
            canvas.DrawLine(X(tx), plotBottom, X(tx), plotBottom + 5, axis);
            canvas.DrawText(label, X(tx) - text.MeasureText(label) / 2, plotBottom + 20, text);
        }
        foreach (double ty in Ticks(yMin, yMax))
        {
            canvas.DrawLine(Left, Y(ty), plotRight, Y(ty), grid);
            canvas.DrawLine(Left - 5, Y(ty), Left, Y(ty), axis);
            string label = Format(ty);
            canvas.DrawText(label, Left - 8 - text.MeasureText(label), Y(ty) + 4, text);
        }
        canvas.DrawRect(new SKRect(Left, Top, plotRight, plotBottom), axis);
        canvas.DrawText(title, (width - big.MeasureText(title)) / 2, Top - 18, big);
        canvas.DrawText(xLabel, (Left + plotRight - text.MeasureText(xLabel)) / 2, height - 20, text);
        canvas.Save();
        canvas.RotateDegrees(-90, 22, (Top + plotBottom) / 2);
        canvas.DrawText(yLabel, 22 - text.MeasureText(yLabel) / 2, (Top + plotBottom) / 2, text);
        canvas.Restore();
        DrawLegend(text, legendBottomRight);
    }

    private static void WritePng(SKBitmap bitmap, string path)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        Files.AtomicFile.Write(path, data.SaveTo);
    }

    private void DrawLegend(SKPaint text, bool bottomRight)
    {
        if (legend.Count == 0) return;
        float boxWidth = legend.Max(l => text.MeasureText(l.Label)) + 40, boxHeight = 18 * legend.Count + 10;
        float left = width - Right - boxWidth - 10;
        float top = bottomRight ? height - Bottom - boxHeight - 10 : Top + 10;
        using var background = new SKPaint { Color = new SKColor(255, 255, 255, 230), Style = SKPaintStyle.Fill };
        using var border = new SKPaint { Color = SKColors.Gray, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        canvas.DrawRect(new SKRect(left, top, left + boxWidth, top + boxHeight), background);
        canvas.DrawRect(new SKRect(left, top, left + boxWidth, top + boxHeight), border);
        for (int i = 0; i < legend.Count; i++)
        {
            float y = top + 18 * i + 18;
            using var swatch = new SKPaint { Color = legend[i].Color, Style = SKPaintStyle.Fill };
            canvas.DrawRect(new SKRect(left + 8, y - 10, left + 28, y - 2), swatch);
            canvas.DrawText(legend[i].Label, left + 34, y, text);
        }
    }

    /// <summary>About five "nice" tick values (1, 2 or 5 × 10^k apart) inside [min, max].</summary>
    internal static IReadOnlyList<double> Ticks(double min, double max)
    {
        double raw = (max - min) / 5, magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1.0, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var ticks = new List<double>();
        for (long k = (long)Math.Ceiling(min / step - 1e-9); k * step <= max + step * 1e-9; k++) ticks.Add(Math.Round(k * step, 12));
        return ticks;
    }

    private static string Format(double value) => Math.Abs(value) >= 1e4 || (Math.Abs(value) < 1e-3 && value != 0)
        ? value.ToString("0.##E+0", System.Globalization.CultureInfo.InvariantCulture)
        : value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        canvas.Dispose();
        bitmap.Dispose();
    }
}
