#region OnnxExportUsings
using MLNet.DeepSvdd;
#endregion
using Microsoft.ML;

namespace DocsSnippets;

internal static class Deployment
{
    public static void Export(MLContext ml, ITransformer model)
    {
        #region OnnxExport
        var detector = ml.Model.GetDeepSvdd(model);                  // the Deep SVDD step of a pipeline (or a fitted DeepSvddTransformer itself)
        using (var file = File.Create("detector.onnx")) ml.Model.ExportDeepSvddToOnnx(detector, file);
        // or: ml.Model.ExportDeepSvddToOnnx(detector, "detector.onnx");   written to a temporary file and moved into place
        #endregion
    }
}
