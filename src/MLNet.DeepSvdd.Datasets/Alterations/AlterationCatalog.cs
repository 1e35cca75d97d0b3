namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>
/// Catalog extension methods for the paper's image alterations as ML.NET transforms:
/// <c>mlContext.Transforms.BlockPermutation(...)</c>, <c>mlContext.Transforms.Strokes(...)</c>, <c>mlContext.Transforms.CutPaste(...)</c>,
/// <c>mlContext.Transforms.CutPasteScar(...)</c>,
/// <c>mlContext.Transforms.AlterImages(...)</c>. The image column is a [C, H, W] vector of Single, values 0–255 (ExtractPixels without
/// scaling, or the CIFAR-10 reader). Each can also output the ground-truth mask of every row's defect (<c>maskColumnName</c>), the
/// ground truth of localization metrics.
/// </summary>
/// <example>
/// <code>
/// var anomalies = ml.Transforms.Strokes("Altered", "Image", thickness: 1, seed: 7).Fit(natural).Transform(natural);
/// var local = ml.Transforms.CutPaste("Altered", "Image", seed: 7, maskColumnName: "Mask").Fit(natural).Transform(natural);
/// </code>
/// </example>
public static class AlterationCatalog
{
    /// <summary>Permutes N × N blocks of every image (<see cref="Alterations.BlockPermutation"/>): never the identity, every block moves.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The column that receives the altered image.</param>
    /// <param name="inputColumnName">The image column; null for <paramref name="outputColumnName"/> (replace it).</param>
    /// <param name="blocks">N, blocks per side (2 or 8 in the paper); must divide the height and width.</param>
    /// <param name="seed">With each row's pixels, determines its permutation (<see cref="AlterationSeed.For"/>).</param>
    /// <param name="maskColumnName">The column that receives the defect mask: the band of one pixel on each side of every broken seam (<see cref="Alterations.BlockPermutation"/>) (vector of Single [height, width], 1 = defect pixel, 0 = natural);
    /// default null, no mask column.</param>
    /// <returns>The estimator.</returns>
    public static ImageAlterationEstimator BlockPermutation(this TransformsCatalog catalog, string outputColumnName,
        string? inputColumnName = null, int blocks = 2, int seed = 0, string? maskColumnName = null) =>
        catalog.AlterImages(new BlockPermutation(blocks), outputColumnName, inputColumnName, seed, maskColumnName);

    /// <summary>Draws 5–10 random strokes of thickness M in one random colour on every image (<see cref="Alterations.Strokes"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The column that receives the altered image.</param>
    /// <param name="inputColumnName">The image column; null for <paramref name="outputColumnName"/> (replace it).</param>
    /// <param name="thickness">M, the stroke width in pixels (1 on CIFAR-10 in the paper).</param>
    /// <param name="seed">With each row's pixels, determines its strokes (<see cref="AlterationSeed.For"/>).</param>
    /// <param name="maskColumnName">The column that receives the defect mask: the stroke pixels (vector of Single [height, width], 1 = defect pixel, 0 = natural);
    /// default null, no mask column.</param>
    /// <returns>The estimator.</returns>
    public static ImageAlterationEstimator Strokes(this TransformsCatalog catalog, string outputColumnName,
        string? inputColumnName = null, int thickness = 1, int seed = 0, string? maskColumnName = null) =>
        catalog.AlterImages(new Strokes(thickness), outputColumnName, inputColumnName, seed, maskColumnName);

    /// <summary>
    /// Cuts a rectangle of 2–15 % of every image, jitters its colours and pastes it at another random place (<see cref="Alterations.CutPaste"/>,
    /// Li et al. 2021): a local defect made of the image's own content.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The column that receives the altered image.</param>
    /// <param name="inputColumnName">The image column; null for <paramref name="outputColumnName"/> (replace it).</param>
    /// <param name="colourJitter">Each channel of the patch is multiplied by a factor drawn from 1 ± this; default 0.1, 0 for none.</param>
    /// <param name="seed">With each row's pixels, determines its patch (<see cref="AlterationSeed.For"/>).</param>
    /// <param name="maskColumnName">The column that receives the defect mask: the pasted rectangle (vector of Single [height, width], 1 = defect pixel, 0 = natural);
    /// default null, no mask column.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="colourJitter"/> is outside [0, 1).</exception>
    public static ImageAlterationEstimator CutPaste(this TransformsCatalog catalog, string outputColumnName,
        string? inputColumnName = null, double colourJitter = 0.1, int seed = 0, string? maskColumnName = null) =>
        catalog.AlterImages(new CutPaste { ColourJitter = colourJitter }, outputColumnName, inputColumnName, seed, maskColumnName);

    /// <summary>
    /// Cuts a long thin rectangle (a quarter to half the image side long, 1/32 to 1/16 of it thick, at least 1 pixel), rotated by up to ±45°,
    /// jitters its colours and pastes it at another random place (<see cref="Alterations.CutPasteScar"/>, Li et al. 2021): a scratch-like
    /// local defect. Images must be at least 8 × 8.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The column that receives the altered image.</param>
    /// <param name="inputColumnName">The image column; null for <paramref name="outputColumnName"/> (replace it).</param>
    /// <param name="colourJitter">Each channel of the scar is multiplied by a factor drawn from 1 ± this; default 0.1, 0 for none.</param>
    /// <param name="seed">With each row's pixels, determines its scar (<see cref="AlterationSeed.For"/>).</param>
    /// <param name="maskColumnName">The column that receives the defect mask: the scar's pixels (vector of Single [height, width], 1 = defect
    /// pixel, 0 = natural); default null, no mask column.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="colourJitter"/> is outside [0, 1).</exception>
    public static ImageAlterationEstimator CutPasteScar(this TransformsCatalog catalog, string outputColumnName,
        string? inputColumnName = null, double colourJitter = 0.1, int seed = 0, string? maskColumnName = null) =>
        catalog.AlterImages(new CutPasteScar { ColourJitter = colourJitter }, outputColumnName, inputColumnName, seed, maskColumnName);

    /// <summary>Applies any <see cref="ImageAlteration"/> to every image.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="alteration">The alteration.</param>
    /// <param name="outputColumnName">The column that receives the altered image.</param>
    /// <param name="inputColumnName">The image column; null for <paramref name="outputColumnName"/> (replace it).</param>
    /// <param name="seed">With each row's pixels, determines its alteration (<see cref="AlterationSeed.For"/>).</param>
    /// <param name="maskColumnName">The column that receives the defect mask (vector of Single [height, width], 1 = defect pixel, 0 = natural);
    /// default null, no mask column.</param>
    /// <returns>The estimator.</returns>
    public static ImageAlterationEstimator AlterImages(this TransformsCatalog catalog, ImageAlteration alteration, string outputColumnName,
        string? inputColumnName = null, int seed = 0, string? maskColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ImageAlterationEstimator(alteration, outputColumnName, inputColumnName, seed, maskColumnName);
    }
}
