using Xunit.Abstractions;

namespace MLNet.DeepSvdd.Tests.Images;

/// <summary>
/// A small version of the paper's CIFAR-10 one-vs-all experiment with the ImageNet-pretrained ResNet-18 (fine-tuned, w/ bias &amp; noise
/// reg.): a few hundred training images of the normal class, one epoch; the detector must be clearly better than chance.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public class Cifar10OneVsAllTests(ITestOutputHelper output)
{
    private sealed class LabeledImage
    {
        [VectorType(3, 32, 32)]
        public float[] Image { get; set; } = [];

        public float Label { get; set; }
    }

    [Fact]
    public void Pretrained_ResNet18_detects_other_classes_well_above_chance()
    {
        const int normalClass = 1; // automobile
        var cifar = Cifar10Data.Dataset;
        var ml = new MLContext(seed: 1);
        var trainRows = Enumerable.Range(0, cifar.Train.Count).Where(i => cifar.Train.ClassOf(i) == normalClass).Take(400);
        var train = cifar.ToDataView(Cifar10Split.Train, trainRows);
        var test = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 600).Select(i =>
        {
            var image = cifar.Test[i];
            return new LabeledImage { Image = image.Image, Label = image.Class == normalClass ? 0 : 1 };
        }));

        var model = ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options
        {
            FeatureColumnName = "Image",
            Network = DeepSvddNetwork.ResNet18Pretrained,
            InputResolution = 64, // the default (224 px) is slow on a CPU; 64 px is enough to show the fine-tuned features work
            Epochs = 1,
            Seed = 1,
        }).Fit(train);
        double auc = ml.AnomalyDetection.Evaluate(model.Transform(test)).AreaUnderRocCurve;
        output.WriteLine($"AUC {auc:F4}; {model.Report}");

        model.Report.Network.Should().StartWith("ResNet18Pretrained [3×32×32 resized to 64×64 → 128]");
        auc.Should().BeGreaterThan(0.75, "ImageNet features separate cars from the other classes far better than chance");
        model.Report.Epochs[0].ValidationAuc.Should().BeNull("no validation set was given");
    }
}
