#region Cifar10Usings
using MLNet.DeepSvdd.Datasets;
#endregion
using Microsoft.ML;
using MLNet.DeepSvdd;
using MLNet.DeepSvdd.Datasets.Alterations;
using MLNet.DeepSvdd.Datasets.Protocols;

namespace DocsSnippets;

internal static class Datasets
{
    public static void Cifar10(MLContext ml)
    {
        #region Cifar10
        var cifar = Cifar10Dataset.Load(Cifar10Dataset.FindDefault()            // DEEPSVDD_CIFAR10_DIR (the library searches no folders)
                                        ?? Cifar10Dataset.Download("data"));     // or fetch the tarball (MD5-checked)
        var cats = Enumerable.Range(0, cifar.Train.Count).Where(i => cifar.Train.ClassOf(i) == 3);
        IDataView normal = cifar.ToDataView(Cifar10Split.Train, cats);           // Image: Vector<Single, 3, 32, 32>, Class: Int32, ClassName: Text
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options { FeatureColumnName = "Image" }).Fit(normal);
        #endregion
    }

    public static void Protocols(MLContext ml, Cifar10Dataset cifar)
    {
        #region Protocols
        var oneVsAll = OneVsAllProtocol.Create(cifar, normalClass: 3, seed: 1);               // 4 000 / 1 000 + 45 000 / 1 000 + 9 000
        var strokes  = AlterationProtocol.Create(cifar, new Strokes(1), seed: 1);              // 40 000 / 20 000 / 20 000, balanced
        var semi     = SemiSupervisedProtocol.Alteration(cifar, new BlockPermutation(8), new Strokes(3), new Strokes(1), seed: 1);
        var small    = OneVsAllProtocol.Create(cifar, 3, seed: 1, new ProtocolLimits(Train: 1500, Validation: 1000, Test: 2000));
        var model = ml.AnomalyDetection.Trainers.DeepSvdd(new DeepSvddTrainer.Options
            { FeatureColumnName = "Image", ValidationSet = strokes.Validation.Data }).Fit(strokes.Train.Data);
        #endregion
    }
}
