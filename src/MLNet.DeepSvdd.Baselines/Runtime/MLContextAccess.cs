using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace MLNet.DeepSvdd.Baselines.Runtime;

/// <summary>
/// Reaches the <see cref="IHostEnvironment"/> of the <see cref="MLContext"/> behind a catalog (for its random source and its log). Catalogs keep
/// their environment behind ML.NET's internal <c>IInternalCatalog.Environment</c>, read here by reflection, as MLNet.DeepSvdd does.
/// </summary>
internal sealed class MLContextAccess
{
    private MLContextAccess(IHostEnvironment environment) => Environment = environment;

    public IHostEnvironment Environment { get; }

    public static MLContextAccess FromCatalog(object catalog)
    {
        var property = catalog.GetType().GetInterfaces()
            .FirstOrDefault(i => i.Name == "IInternalCatalog")?
            .GetProperty("Environment");
        if (property?.GetValue(catalog) is IHostEnvironment env) return new MLContextAccess(env);
        throw new InvalidOperationException(
            "MLNet.DeepSvdd.Baselines could not reach the MLContext behind this catalog (ML.NET's internal IInternalCatalog.Environment). " +
            $"This version of MLNet.DeepSvdd.Baselines supports Microsoft.ML {typeof(MLContext).Assembly.GetName().Version}.");
    }

    public static MLContextAccess FromContext(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return FromCatalog(mlContext.AnomalyDetection.Trainers);
    }
}
