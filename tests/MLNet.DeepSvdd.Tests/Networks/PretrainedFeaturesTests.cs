using MLNet.DeepSvdd.Networks.Pretrained;

namespace MLNet.DeepSvdd.Tests.Networks;

[Trait(TestCategories.Name, TestCategories.Slow)]
public class PretrainedFeaturesTests
{
    private sealed class OnnxInput
    {
        [VectorType(3, 224, 224)]
        [ColumnName("Input247")]
        public float[] Pixels { get; set; } = [];
    }

    [Fact]
    public void Cnn_features_of_RGB_rows_match_ONNX_Runtime_on_the_BGR_mean_subtracted_input()
    {
        const int plane = 224 * 224;
        var random = new Random(5);
        var rgb = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, 3 * plane).Select(_ => (float)random.Next(256)).ToArray()).ToList();
        // The preprocessing by hand: channels reversed (RGB → BGR), then the model's BGR channel means subtracted.
        var inputs = rgb.Select(row => new OnnxInput
        {
            Pixels = Enumerable.Range(0, 3 * plane).Select(i =>
            {
                int bgrChannel = i / plane, rgbChannel = 2 - bgrChannel;
                return row[rgbChannel * plane + i % plane] - ResNet18ImageNet.BgrChannelMeans[bgrChannel];
            }).ToArray(),
        }).ToList();
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(inputs);
        var reference = ml.Transforms.ApplyOnnxModel(["Pooling395_Output_0"], ["Input247"], ResNet18ImageNet.Locate(null)).Fit(data).Transform(data)
            .GetColumn<float[]>("Pooling395_Output_0").ToArray();

        using var withPool = new PretrainedFeatures(224, 224, useMaxPool: true);
        var ours = withPool.Compute(rgb, batchSize: 1); // two batches: the buffer is reused
        ours.Should().HaveCount(2).And.OnlyContain(f => f.Length == PretrainedFeatures.Dimension);
        double maxError = ours.SelectMany(f => f).Zip(reference.SelectMany(f => f)).Max(p => Math.Abs(p.First - p.Second));
        maxError.Should().BeLessThan(1e-4, $"max |ours − ONNX Runtime| = {maxError:G3}");

        using var withoutPool = new PretrainedFeatures(224, 224, useMaxPool: false);
        var unpooled = withoutPool.Compute(rgb);
        unpooled[0].Zip(ours[0]).Max(p => Math.Abs(p.First - p.Second)).Should().BeGreaterThan(1e-2f, "skipping the stem max-pool changes the features");

        var act = () => withPool.Compute([new float[10]]);
        act.Should().Throw<ArgumentException>().WithMessage("*Row 0 has 10 values; expected 150528*");
    }
}
