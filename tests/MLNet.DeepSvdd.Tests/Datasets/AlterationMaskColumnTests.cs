using MLNet.DeepSvdd.Datasets.Alterations;

namespace MLNet.DeepSvdd.Tests.Datasets;

/// <summary>The alteration transform's optional mask column, on synthetic images (no CIFAR-10).</summary>
public class AlterationMaskColumnTests
{
    private const int C = 3, H = 32, W = 32;
    private readonly MLContext ml = new(seed: 1);

    public sealed class ImageRow
    {
        [VectorType(C, H, W)]
        public float[] Image { get; set; } = [];
    }

    public sealed class MaskedRow
    {
        [VectorType(C, H, W)]
        public float[] Altered { get; set; } = [];

        [VectorType(H, W)]
        public float[] Mask { get; set; } = [];
    }

    [Fact]
    public void The_mask_column_is_each_rows_mask_as_0_and_1_next_to_the_unchanged_altered_image()
    {
        var images = Enumerable.Range(0, 12).Select(AlterationMaskTests.Noise).ToList();
        var view = ml.Data.LoadFromEnumerable(images.Select(i => new ImageRow { Image = i }));
        var transformed = ml.Transforms.CutPaste("Altered", "Image", seed: 6, maskColumnName: "Mask").Fit(view).Transform(view);
        ((VectorDataViewType)transformed.Schema["Mask"].Type).Dimensions.Should().Equal(H, W);
        var masks = transformed.GetColumn<float[]>("Mask").ToList();
        var altered = transformed.GetColumn<float[]>("Altered").ToList();
        for (int i = 0; i < images.Count; i++)
        {
            var expected = new CutPaste().ApplyWithMask(images[i], C, H, W, AlterationSeed.For(6, images[i]));
            masks[i].Should().Equal(expected.Mask.Select(m => m ? 1f : 0f), $"row {i}");
            altered[i].Should().Equal(expected.Pixels, $"row {i}");
        }
        // Reading only the mask column works as well, and without a mask name there is no mask column.
        transformed.GetColumn<float[]>("Mask").Should().BeEquivalentTo(masks, o => o.WithStrictOrdering());
        ml.Transforms.CutPaste("Altered", "Image", seed: 6).Fit(view).Transform(view).Schema.GetColumnOrNull("Mask").Should().BeNull();
    }

    [Fact]
    public void A_prediction_engine_gives_the_mask_too_and_the_mask_may_not_take_the_altered_columns_name()
    {
        var image = AlterationMaskTests.Noise(2);
        var rows = ml.Data.LoadFromEnumerable([new ImageRow { Image = image }]);
        var engine = ml.Model.CreatePredictionEngine<ImageRow, MaskedRow>(
            ml.Transforms.Strokes("Altered", "Image", thickness: 2, seed: 3, maskColumnName: "Mask").Fit(rows));
        var expected = new Strokes(2).ApplyWithMask(image, C, H, W, AlterationSeed.For(3, image));
        var row = engine.Predict(new ImageRow { Image = image });
        row.Mask.Should().Equal(expected.Mask.Select(m => m ? 1f : 0f));
        row.Altered.Should().Equal(expected.Pixels);

        var clash = () => ml.Transforms.BlockPermutation("Altered", "Image", maskColumnName: "Altered");
        clash.Should().Throw<ArgumentException>().WithMessage("*both named 'Altered'*");
    }
}
