using System.Diagnostics;

namespace MLNet.DeepSvdd.Shared.Scoring;

/// <summary>
/// Makes ML.NET's <c>mlContext.Model.ConvertToOnnx</c> fail on this library's detectors instead of writing, without an error, a graph
/// that leaves the detector out and declares its Score and PredictedLabel columns as graph inputs (what it did: three Identity nodes).
/// <para>
/// Why a look at the call stack: ML.NET 5's converter takes only transforms that implement its internal ONNX interfaces
/// (<c>ITransformCanSaveOnnx</c>, <c>ICanSaveOnnx</c>); it calls the model's <c>Transform</c>, then walks the resulting views back
/// through the internal <c>IDataTransform</c> interface, and a view it cannot walk through is taken for the pipeline's input. None of
/// these can be implemented outside ML.NET, so the only place a third-party transformer sees the conversion is its own
/// <c>Transform</c>, called from <c>Microsoft.ML.OnnxExportExtensions</c>. When that type is on the stack, the transformer throws.
/// Walking the stack costs microseconds and happens once per <c>Transform</c> call, not per row.
/// </para>
/// </summary>
internal static class OnnxConversionGuard
{
    /// <summary>The class of ML.NET's <c>ConvertToOnnx</c> extension methods (package Microsoft.ML.OnnxConverter).</summary>
    internal const string ConverterType = "Microsoft.ML.OnnxExportExtensions";

    /// <summary>Throws when the current call comes from ML.NET's <c>ConvertToOnnx</c>.</summary>
    /// <param name="detector">The detector's name, e.g. "Deep SVDD".</param>
    /// <param name="alternative">What to do instead (e.g. the library's own export), or null when the detector has no ONNX export.</param>
    /// <exception cref="NotSupportedException">ML.NET's <c>ConvertToOnnx</c> is converting a model with this detector.</exception>
    public static void ThrowIfConverting(string detector, string? alternative)
    {
        if (!IsConverting()) return;
        throw new NotSupportedException(
            $"mlContext.Model.ConvertToOnnx cannot convert a {detector} model: ML.NET's converter knows only its own transforms, and would " +
            "write a graph without the detector, with Score and PredictedLabel as graph inputs. " +
            (alternative ?? $"The {detector} detector has no ONNX export."));
    }

    /// <summary>Whether <see cref="ConverterType"/> is on the current call stack.</summary>
    internal static bool IsConverting()
    {
        var frames = new StackTrace(1, fNeedFileInfo: false).GetFrames();
        foreach (var frame in frames)
        {
            if (frame.GetMethod()?.DeclaringType?.FullName == ConverterType) return true;
        }
        return false;
    }
}
