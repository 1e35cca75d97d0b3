namespace MLNet.DeepSvdd.Datasets;

/// <summary>The two parts of CIFAR-10.</summary>
public enum Cifar10Split
{
    /// <summary>The training images: data_batch_1.bin … data_batch_5.bin, in that order (50 000 images in the official files).</summary>
    Train,

    /// <summary>The test images: test_batch.bin (10 000 images in the official files).</summary>
    Test,
}
