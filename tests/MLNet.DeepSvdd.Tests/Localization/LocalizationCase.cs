namespace MLNet.DeepSvdd.Tests.Localization;

/// <summary>
/// The hand-computed case of the localization tests: two 4 × 4 images (row-major, value at y·4 + x).
/// <code>
/// image A mask      image A map            image B mask   image B map
/// 1 1 0 0           .9  .5  .1  .7         0 0 0 0        .6  .1  .1  .1
/// 0 0 0 0           .1  .1  .1  .1         0 0 0 0        .1  .5  .1  .1
/// 0 0 1 0           .1  .1  .8  .1         0 0 0 0        .1  .1  .1  .1
/// 0 0 0 1           .1  .1  .1  R2b        0 0 0 0        .1  .1  .1  .1
/// </code>
/// Regions (8-connectivity): R1 = {(0,0), (1,0)}, R2 = {(2,2), (3,3)} (touching diagonally: one region, not two); K = 2 regions, 4 defective
/// pixels, 12 + 16 = 28 normal pixels. R2b, the score of pixel (3,3), is 0.2 in case 1 and 0.1 (tied with the 25 lowest normal pixels)
/// in case 2. Normal scores: 0.7 (A), 0.6 and 0.5 (B), and 0.1 for the other 25.
/// </summary>
public static class LocalizationCase
{
    public const int Height = 4, Width = 4;

    public static float[] MaskA => [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

    public static float[] MaskB => new float[16];

    public static float[] MapA(float r2b) => [.9f, .5f, .1f, .7f, .1f, .1f, .1f, .1f, .1f, .1f, .8f, .1f, .1f, .1f, .1f, r2b];

    public static float[] MapB => [.6f, .1f, .1f, .1f, .1f, .5f, .1f, .1f, .1f, .1f, .1f, .1f, .1f, .1f, .1f, .1f];

    /// <summary>
    /// Case 1 (R2b = 0.2). Pixel ROC AUC, pairs (defect beats normal, ties ½) of 4 · 28 = 112: 0.9 and 0.8 beat all 28; 0.5 beats the 25
    /// at 0.1 and ties B's 0.5 (25.5); 0.2 beats the 25 at 0.1: (28 + 28 + 25.5 + 25) / 112 = 106.5 / 112.
    /// </summary>
    public const double PixelAuc1 = 106.5 / 112;

    /// <summary>
    /// Case 1 PRO curve, thresholds descending, PRO = mean of the 2 regions' overlaps, FPR = false positives / 28:
    /// start (0, 0); t .9: R1 ½ → (0, .25); t .8: R2 ½ → (0, .5); t .7: 1 FP → (1/28, .5); t .6: 2 FP → (2/28, .5);
    /// t .5: 3 FP, R1 whole → (3/28, .75); t .2: R2 whole → (3/28, 1); t .1: 28 FP → (1, 1); end (1, 1).
    /// Trapezoids up to FPR 0.3: 0 + 0 + (1/28)·.5 + (1/28)·.5 + (1/28)·(.5 + .75)/2 + 0 + (0.3 − 3/28)·1
    /// = 1.625/28 + 0.3 − 3/28 = 0.3 − 1.375/28; normalised: (0.3 − 1.375/28) / 0.3.
    /// </summary>
    public const double AreaUnderPro1 = (0.3 - 1.375 / 28) / 0.3;

    /// <summary>Case 2 (R2b = 0.1): as case 1 but 0.1 ties 25 normals: (28 + 28 + 25.5 + 25 · ½) / 112 = 94 / 112.</summary>
    public const double PixelAuc2 = 94.0 / 112;

    /// <summary>
    /// Case 2 PRO curve: as case 1 up to (3/28, .75), then t .1: 28 FP and R2 whole together → (1, 1). The last segment is cut at FPR 0.3:
    /// PRO there = .75 + .25 · (0.3 − 3/28) / (1 − 3/28) = .75 + .25 · 5.4 / 25 = 0.804; its trapezoid (0.3 − 3/28) · (.75 + .804) / 2
    /// = (5.4/28) · 0.777 = 4.1958/28. Total (1.625 + 4.1958) / 28, normalised by 0.3.
    /// </summary>
    public const double AreaUnderPro2 = (1.625 + 4.1958) / 28 / 0.3;
}
