using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.SkiaSharp;
using OxyPlot;
using SkiaSharp;

namespace MLNet.DeepSvdd.Cli.Plots;

/// <summary>
/// The common look of the CLI's charts, drawn by OxyPlot on SkiaSharp 2.88 (the SkiaSharp that Microsoft.ML.ImageAnalytics 5.0.1 needs
/// in the same process; ScottPlot 5 needs SkiaSharp 3, with which ML.NET's image pipeline fails): a white background, grid lines,
/// one colour palette, a legend inside the plot area, and PNG output written atomically.
/// </summary>
internal static class Chart
{
    private static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(31, 119, 180), OxyColor.FromRgb(255, 127, 14), OxyColor.FromRgb(44, 160, 44), OxyColor.FromRgb(214, 39, 40),
        OxyColor.FromRgb(148, 103, 189), OxyColor.FromRgb(140, 86, 75), OxyColor.FromRgb(227, 119, 194), OxyColor.FromRgb(127, 127, 127),
        OxyColor.FromRgb(188, 189, 34), OxyColor.FromRgb(23, 190, 207),
    ];

    private static readonly OxyColor Grid = OxyColor.FromRgb(225, 225, 225);

    /// <summary>The colour of series number <paramref name="index"/>.</summary>
    public static OxyColor ColorOf(int index) => Palette[index % Palette.Length];

    /// <summary>Text that fonts without Greek letters or superscripts can draw too: "σ²" becomes "sigma^2".</summary>
    internal static string Printable(string text) => text.Replace("σ²", "sigma^2", StringComparison.Ordinal);

    /// <summary>A plot with <paramref name="title"/> and a legend inside the plot area, top right or bottom right.</summary>
    public static PlotModel Model(string title, bool legendBottomRight)
    {
        var model = new PlotModel
        {
            Title = Printable(title),
            // OxyPlot's default, Segoe UI, is Windows-only. On Linux, SkiaSharp's NoDependencies natives (no fontconfig) read
            // /usr/share/fonts and give an unknown family, generic names included, the first face found (here DejaVu Serif); DejaVu Sans
            // is on most Linux systems. Where it is missing (Windows, macOS) the system's default face is used.
            DefaultFont = "DejaVu Sans",
            TitleFontSize = 16,
            DefaultFontSize = 13,
            Background = OxyColors.White,
            PlotAreaBorderColor = OxyColors.Black,
            PlotAreaBorderThickness = new OxyThickness(1),
        };
        model.Legends.Add(new Legend
        {
            LegendPlacement = LegendPlacement.Inside,
            LegendPosition = legendBottomRight ? LegendPosition.RightBottom : LegendPosition.RightTop,
            LegendBackground = OxyColor.FromAColor(230, OxyColors.White),
            LegendBorder = OxyColors.Gray,
            LegendBorderThickness = 1,
        });
        return model;
    }

    /// <summary>A linear axis from <paramref name="minimum"/> to <paramref name="maximum"/> with grid lines at the major ticks.</summary>
    public static LinearAxis Linear(AxisPosition position, string title, double minimum, double maximum) => Styled(new LinearAxis
    {
        Position = position, Title = Printable(title), Minimum = minimum, Maximum = maximum,
    });

    /// <summary>Grid lines at the major ticks and no zooming or panning (the output is a picture).</summary>
    public static T Styled<T>(T axis) where T : Axis
    {
        axis.MajorGridlineStyle = LineStyle.Solid;
        axis.MajorGridlineColor = Grid;
        axis.MinorTickSize = 0;
        axis.IsZoomEnabled = false;
        axis.IsPanEnabled = false;
        return axis;
    }

    /// <summary>Writes <paramref name="model"/> as a <paramref name="width"/> × <paramref name="height"/> PNG.</summary>
    public static void SavePng(string path, PlotModel model, int width, int height) =>
        AtomicFile.Write(path, stream => new PngExporter { Width = width, Height = height }.Export(model, stream));

    /// <summary>Writes <paramref name="panels"/>, each <paramref name="width"/> × <paramref name="height"/>, left to right as one PNG.</summary>
    public static void SaveSideBySide(string path, IReadOnlyList<PlotModel> panels, int width, int height)
    {
        if (panels.Count == 0) throw new ArgumentException("Nothing to draw.", nameof(panels));
        using var bitmap = new SKBitmap(width * panels.Count, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var context = new SkiaRenderContext { RenderTarget = RenderTarget.PixelGraphic, SkCanvas = canvas })
        {
            canvas.Clear(SKColors.White);
            for (int i = 0; i < panels.Count; i++)
            {
                IPlotModel panel = panels[i];
                canvas.Save();
                canvas.Translate(i * width, 0);
                panel.Update(true);
                panel.Render(context, new OxyRect(0, 0, width, height));
                canvas.Restore();
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, data.SaveTo);
    }
}
