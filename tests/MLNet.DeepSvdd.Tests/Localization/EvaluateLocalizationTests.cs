using static MLNet.DeepSvdd.Tests.Localization.LocalizationCase;

namespace MLNet.DeepSvdd.Tests.Localization;

public class EvaluateLocalizationTests
{
    private readonly MLContext ml = new(seed: 1);

    public sealed class MapRow
    {
        [VectorType(4, 4)]
        public float[] Mask { get; set; } = [];

        [VectorType(4, 4)]
        public float[] AnomalyMap { get; set; } = [];
    }

    public sealed class BooleanMaskRow
    {
        [VectorType(4, 4)]
        public bool[] Truth { get; set; } = [];

        [VectorType(16)]
        public float[] Heat { get; set; } = [];
    }

    public sealed class FlatRow
    {
        [VectorType(16)]
        public float[] Mask { get; set; } = [];

        [VectorType(16)]
        public float[] AnomalyMap { get; set; } = [];
    }

    [Fact]
    public void Gives_the_hand_computed_pixel_auc_pro_and_counts_of_a_small_in_memory_view()
    {
        var data = ml.Data.LoadFromEnumerable(Rows(r2b: .2f));
        var metrics = ml.AnomalyDetection.EvaluateLocalization(data);
        metrics.PixelAreaUnderRocCurve.Should().BeApproximately(PixelAuc1, 1e-12);
        metrics.AreaUnderPro.Should().BeApproximately(AreaUnderPro1, 1e-12);
        metrics.MaxFalsePositiveRate.Should().Be(0.3);
        (metrics.ImageCount, metrics.DefectiveImageCount, metrics.PixelCount, metrics.DefectivePixelCount, metrics.NormalPixelCount, metrics.RegionCount)
            .Should().Be((2, 1, 32L, 4L, 28L, 2));
        metrics.ToString().Should().Be("pixel AUROC 0.9509, AUPRO(FPR ≤ 0.3) 0.8363; 2 images (1 with defects), 32 pixels (4 defective), 2 regions");

        var tied = ml.AnomalyDetection.EvaluateLocalization(ml.Data.LoadFromEnumerable(Rows(r2b: .1f)));
        tied.PixelAreaUnderRocCurve.Should().BeApproximately(PixelAuc2, 1e-12);
        tied.AreaUnderPro.Should().BeApproximately(AreaUnderPro2, 1e-12);
        // Up to FPR 1: the whole curve, 23.5 / 28 (see PerRegionOverlapTests).
        ml.AnomalyDetection.EvaluateLocalization(ml.Data.LoadFromEnumerable(Rows(r2b: .1f)), maxFalsePositiveRate: 1).AreaUnderPro
            .Should().BeApproximately(23.5 / 28, 1e-12);
    }

    public sealed class CifarSizedRow
    {
        [VectorType(32, 32)]
        public float[] Mask { get; set; } = [];

        [VectorType(32, 32)]
        public float[] AnomalyMap { get; set; } = [];
    }

    [Fact]
    public void Uniform_noise_raised_by_one_half_on_the_defects_scores_the_analytic_values()
    {
        // Map = U(0, 1) on every pixel, plus 0.5 on the defect (a 10 × 10 square in every other image). Pixel AUROC = P(U₁ + ½ > U₂)
        // = 1 − P(U₂ − U₁ > ½) = 1 − ⅛ = 0.875. For a threshold t in [½, 1]: FPR = 1 − t and every region's overlap = P(U ≥ t − ½)
        // = 1.5 − t = FPR + ½, so AUPRO(0.3) = ∫₀^0.3 (x + ½) dx / 0.3 = (0.045 + 0.15) / 0.3 = 0.65. 1 000 images (50 000 defect pixels
        // in 500 regions, 974 000 normal ones) estimate both to well within 0.01.
        var rows = Enumerable.Range(0, 1000).Select(i =>
        {
            var random = new Random(i);
            var mask = new float[1024];
            if (i % 2 == 1)
            {
                for (int y = 10; y < 20; y++) Array.Fill(mask, 1f, y * 32 + 5, 10);
            }
            return new CifarSizedRow { Mask = mask, AnomalyMap = [.. mask.Select(m => (float)random.NextDouble() + m / 2)] };
        });
        var metrics = ml.AnomalyDetection.EvaluateLocalization(ml.Data.LoadFromEnumerable(rows));
        (metrics.RegionCount, metrics.DefectivePixelCount).Should().Be((500, 50_000L));
        metrics.PixelAreaUnderRocCurve.Should().BeApproximately(0.875, 0.01);
        metrics.AreaUnderPro.Should().BeApproximately(0.65, 0.01);
    }

    [Fact]
    public void Takes_a_boolean_mask_and_other_column_names_with_the_dimensions_from_the_mask()
    {
        var rows = Rows(.2f).Select(r => new BooleanMaskRow { Truth = [.. r.Mask.Select(v => v > 0.5f)], Heat = r.AnomalyMap });
        var metrics = ml.AnomalyDetection.EvaluateLocalization(ml.Data.LoadFromEnumerable(rows), "Truth", "Heat");
        metrics.PixelAreaUnderRocCurve.Should().BeApproximately(PixelAuc1, 1e-12);
        metrics.AreaUnderPro.Should().BeApproximately(AreaUnderPro1, 1e-12);
    }

    [Fact]
    public void Rejects_missing_or_mistyped_columns_different_sizes_no_dimensions_and_a_bad_limit_naming_the_column()
    {
        var data = ml.Data.LoadFromEnumerable(Rows(.2f));
        var missing = () => ml.AnomalyDetection.EvaluateLocalization(data, anomalyMapColumnName: "Map");
        missing.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*anomaly map column 'Map' was not found*'Mask', 'AnomalyMap'*");

        var withScalar = ml.Data.LoadFromEnumerable([new ScalarRow { Flag = 1 }]);
        var wrongType = () => ml.AnomalyDetection.EvaluateLocalization(withScalar, maskColumnName: "Flag");
        wrongType.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*mask column 'Flag' must be a known-size vector of Single*or Boolean*Single*");

        var definition = SchemaDefinition.Create(typeof(MapRow));
        definition[nameof(MapRow.AnomalyMap)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 3, 3);
        var small = ml.Data.LoadFromEnumerable([new MapRow { Mask = MaskA, AnomalyMap = new float[9] }], definition);
        var sizes = () => ml.AnomalyDetection.EvaluateLocalization(small);
        sizes.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'AnomalyMap' has 9 values per row and mask column 'Mask' 16*");

        var flat = ml.Data.LoadFromEnumerable([new FlatRow { Mask = MaskA, AnomalyMap = MapB }]);
        var noShape = () => ml.AnomalyDetection.EvaluateLocalization(flat);
        noShape.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Neither mask column 'Mask'*nor anomaly map column 'AnomalyMap'*[height, width]*");

        var limit = () => ml.AnomalyDetection.EvaluateLocalization(data, maxFalsePositiveRate: 1.5);
        limit.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*(0, 1]*");
    }

    [Fact]
    public void Needs_defective_and_normal_pixels_and_a_mask_without_NaN()
    {
        var normalOnly = ml.Data.LoadFromEnumerable([new MapRow { Mask = MaskB, AnomalyMap = MapB }]);
        var noDefect = () => ml.AnomalyDetection.EvaluateLocalization(normalOnly);
        noDefect.Should().Throw<ArgumentException>().WithMessage("*'Mask' marks no defective pixel in any of the 1 rows*");

        var allDefect = ml.Data.LoadFromEnumerable([new MapRow { Mask = [.. Enumerable.Repeat(1f, 16)], AnomalyMap = MapB }]);
        var noNormal = () => ml.AnomalyDetection.EvaluateLocalization(allDefect);
        noNormal.Should().Throw<ArgumentException>().WithMessage("*'Mask' marks every pixel of the 1 rows defective*");

        var nanMask = ml.Data.LoadFromEnumerable([new MapRow { Mask = [float.NaN, .. MaskA[1..]], AnomalyMap = MapB }]);
        var nan = () => ml.AnomalyDetection.EvaluateLocalization(nanMask);
        nan.Should().Throw<InvalidOperationException>().WithMessage("*'Mask' holds NaN at pixel 0 of row 0*");
    }

    [Fact]
    public void A_NaN_in_a_map_counts_as_the_most_anomalous_value_as_for_rows_that_could_not_be_scored()
    {
        // Case 1 with B's last pixel (normal, 0.1) made NaN: it now outranks all 4 defective pixels, which beat it before: pixel AUROC
        // (106.5 − 4) / 112. PRO curve: (0, 0); t = +∞: 1 FP → (1/28, 0); t .9 → (1/28, .25); t .8 → (1/28, .5); t .7 → (2/28, .5);
        // t .6 → (3/28, .5); t .5 → (4/28, .75); t .2 → (4/28, 1); t .1 → (1, 1). Area to 0.3: .5/28 + .5/28 + .625/28 + (0.3 − 4/28) · 1
        // = 0.3 − 2.375/28, normalised by 0.3.
        var b = MapB;
        b[15] = float.NaN;
        var data = ml.Data.LoadFromEnumerable([new MapRow { Mask = MaskA, AnomalyMap = MapA(.2f) }, new MapRow { Mask = MaskB, AnomalyMap = b }]);
        var metrics = ml.AnomalyDetection.EvaluateLocalization(data);
        metrics.PixelAreaUnderRocCurve.Should().BeApproximately(102.5 / 112, 1e-12);
        metrics.AreaUnderPro.Should().BeApproximately((0.3 - 2.375 / 28) / 0.3, 1e-12);

        b[15] = float.PositiveInfinity;
        var infinite = ml.AnomalyDetection.EvaluateLocalization(
            ml.Data.LoadFromEnumerable([new MapRow { Mask = MaskA, AnomalyMap = MapA(.2f) }, new MapRow { Mask = MaskB, AnomalyMap = b }]));
        (infinite.PixelAreaUnderRocCurve, infinite.AreaUnderPro).Should().Be((metrics.PixelAreaUnderRocCurve, metrics.AreaUnderPro), "+∞ and NaN rank alike");
    }

    public sealed class ScalarRow
    {
        public float Flag { get; set; }

        [VectorType(4, 4)]
        public float[] AnomalyMap { get; set; } = new float[16];
    }

    private static MapRow[] Rows(float r2b) => [new() { Mask = MaskA, AnomalyMap = MapA(r2b) }, new() { Mask = MaskB, AnomalyMap = MapB }];
}
