namespace MLNet.DeepSvdd.Runtime;

/// <summary>
/// Loads libtorch once and turns the failure modes users actually meet into messages that say what to do; then runs the start-up
/// self-check of its convolutions on this CPU (<see cref="OneDnnSelfCheck"/>).
/// </summary>
internal static class TorchRuntime
{
    private static readonly Lazy<Exception?> Load = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureLoaded()
    {
        if (Load.Value is Exception e)
        {
            throw new InvalidOperationException(
                "TorchSharp's native library (libtorch) could not be loaded. Check that (1) the application references exactly one backend " +
                "package, TorchSharp-cpu or TorchSharp-cuda-linux, and (2) on Linux, libstdc++ provides GLIBCXX_3.4.32 (GCC 13 or newer; " +
                "Debian 12 needs eng/install-native-prereqs.sh from the MLNet.DeepSvdd repository). Original error: " + e.Message, e);
        }
    }

    private static Exception? TryLoad()
    {
        try
        {
            using var probe = torch.zeros(1);
            if (OneDnnSelfCheck.RunAtStartup() is string warning)
            {
                Console.Error.WriteLine("MLNet.DeepSvdd: " + warning);
            }
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
