#region AspNetServiceUsings
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
#endregion
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DocsSnippets;

internal static class AspNetService
{
    public static void Main(string[] args)
    {
        #region AspNetService
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton(_ => new InferenceSession("detector.onnx"));
        var app = builder.Build();
        app.MapPost("/score", (float[][] rows, InferenceSession session) =>
        {
            string input = session.InputMetadata.Keys.Single();                 // the feature column, e.g. "Features"
            int d = session.InputMetadata[input].Dimensions[1];
            var batch = new DenseTensor<float>(rows.SelectMany(r => r).ToArray(), [rows.Length, d]);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, batch)]);
            var scores = results.First(r => r.Name == "Score").AsEnumerable<float>().ToArray();
            var labels = results.First(r => r.Name == "PredictedLabel").AsEnumerable<bool>().ToArray();
            return rows.Select((_, i) => new { score = scores[i], anomaly = labels[i] });
        });
        app.Run();
        #endregion
    }
}
