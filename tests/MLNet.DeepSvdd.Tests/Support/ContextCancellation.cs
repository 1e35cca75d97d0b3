using Microsoft.ML.Runtime;

namespace MLNet.DeepSvdd.Tests.Support;

/// <summary>
/// Cancels an <see cref="MLContext"/> the way ML.NET's AutoML does: ML.NET 5 keeps <c>CancelExecution</c> on the context's environment behind
/// its internal <c>ICancelable</c>, so a test reaches it by reflection.
/// </summary>
public static class ContextCancellation
{
    public static void Cancel(MLContext ml)
    {
        var flags = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public;
        object environment = typeof(MLContext).GetFields(flags).Single(f => typeof(IHostEnvironment).IsAssignableFrom(f.FieldType)).GetValue(ml)!;
        var cancelable = environment.GetType().GetInterfaces().Single(i => i.Name == "ICancelable");
        cancelable.GetMethod("CancelExecution")!.Invoke(environment, null);
    }
}
