using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.ML.Runtime;

namespace MLNet.DeepSvdd.Shared.Runtime;

/// <summary>
/// Reaches the <see cref="IHostEnvironment"/> of the <see cref="MLContext"/> behind a catalog, and the few of its settings that ML.NET does
/// not expose to other assemblies (GPU device, CPU fallback, cancellation). Catalogs keep their environment behind the internal
/// <c>IInternalCatalog.Environment</c>; this is read by reflection and every failure degrades to a documented default. The cancellation
/// flag, read after every minibatch, is resolved once into a delegate bound to the environment, so the hot path uses no reflection.
/// </summary>
internal sealed class MLContextAccess
{
    /// <summary>
    /// Contexts created by the library for work done on behalf of a caller's context, with that caller (see <see cref="LinkCancellation"/>).
    /// </summary>
    private static readonly ConditionalWeakTable<IHostEnvironment, MLContextAccess> Callers = new();

    private readonly object environment;
    private readonly Func<bool>? isCanceled;
    private readonly MLContextAccess? caller;

    private MLContextAccess(IHostEnvironment environment)
    {
        Environment = environment;
        this.environment = environment;
        isCanceled = BoundGetter<bool>(environment, "IsCanceled");
        caller = Callers.TryGetValue(environment, out var linked) ? linked : null;
    }

    /// <summary>
    /// Makes <paramref name="child"/>, a context the library created to work for <paramref name="caller"/> (the detector search's trials,
    /// seeded with the search's seed), count as cancelled once the caller's context is: every trainer made from it then stops within one
    /// minibatch, through the same check as its own context's. Applies to trainers created after the call.
    /// </summary>
    public static void LinkCancellation(MLContext child, MLContextAccess caller) =>
        Callers.AddOrUpdate(FromContext(child).Environment, caller);

    public IHostEnvironment Environment { get; }

    public static MLContextAccess FromCatalog(object catalog)
    {
        var property = catalog.GetType().GetInterfaces()
            .FirstOrDefault(i => i.Name == "IInternalCatalog")?
            .GetProperty("Environment");
        if (property?.GetValue(catalog) is IHostEnvironment env) return new MLContextAccess(env);
        throw new InvalidOperationException(
            "MLNet.DeepSvdd could not reach the MLContext behind this catalog (ML.NET's internal IInternalCatalog.Environment). " +
            $"This version of MLNet.DeepSvdd supports Microsoft.ML {typeof(MLContext).Assembly.GetName().Version}.");
    }

    /// <summary>The environment behind <paramref name="catalog"/> (e.g. <c>mlContext.Model</c>), or null when it cannot be reached.</summary>
    public static IHostEnvironment? TryEnvironment(object catalog)
    {
        try
        {
            return FromCatalog(catalog).Environment;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static MLContextAccess FromContext(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return FromCatalog(mlContext.AnomalyDetection.Trainers);
    }

    /// <summary><c>MLContext.GpuDeviceId</c>, or null when unset or unreadable.</summary>
    public int? GpuDeviceId => Read<int?>("GpuDeviceId", null);

    /// <summary><c>MLContext.FallbackToCpu</c>; false (ML.NET's default) when unreadable.</summary>
    public bool FallbackToCpu => Read("FallbackToCpu", false);

    /// <summary>
    /// True once the environment was cancelled (ML.NET's internal ICancelable; not public in ML.NET 5), or the caller's context it works for
    /// (<see cref="LinkCancellation"/>); false when unreadable.
    /// </summary>
    public bool IsCanceled => (isCanceled?.Invoke() ?? false) || (caller?.IsCanceled ?? false);

    /// <summary>The getter of the instance property <paramref name="name"/> of <paramref name="target"/> as a bound delegate, or null.</summary>
    private static Func<T>? BoundGetter<T>(object target, string name)
    {
        var getter = target.GetType().GetProperty(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetMethod;
        if (getter is null || getter.ReturnType != typeof(T) || getter.GetParameters().Length != 0) return null;
        try
        {
            return getter.CreateDelegate<Func<T>>(target);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private T Read<T>(string name, T fallback)
    {
        try
        {
            var property = environment.GetType().GetProperty(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            return property?.GetValue(environment) is T value ? value : fallback;
        }
        catch (TargetInvocationException)
        {
            return fallback;
        }
    }
}
