using MLNet.DeepSvdd.Runtime;

namespace MLNet.DeepSvdd.Tests.Reliability;

/// <summary>
/// Issue 24: a model file read while CUDA is reported but broken scores on the CPU and says why on standard error (a model file is read
/// with no MLContext log). Runs alone: it replaces the process's standard error for the load.
/// </summary>
[Collection(ProcessWideStateCollection.Name)]
public sealed class LoadedModelDeviceWarningTests
{
    [Fact]
    public void Loading_a_model_on_a_broken_CUDA_device_warns_on_standard_error_naming_the_problem()
    {
        string problem = $"a tiny convolution failed (libcudnn.so.9 missing, load case {Guid.NewGuid():N})";
        var small = SmallDetectors.Get("DeepSvdd");
        string copy = Path.Combine(Directory.CreateTempSubdirectory("deepsvdd-device-").FullName, "m.zip");
        File.Copy(small.Path, copy);
        var ml = new MLContext(1);
        var error = new StringWriter();
        var previous = Console.Error;
        ITransformer model;
        using (CudaProbe.Override(_ => new CudaStatus(true, problem)))
        {
            Console.SetError(error);
            try { model = ml.Model.LoadDeepSvdd(copy, out _); }
            finally { Console.SetError(previous); }
        }
        Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);

        error.ToString().Should().Contain($"Warning: MLNet.DeepSvdd: a loaded model scores on the CPU because the CUDA device cannot be used: {problem}.");
        ml.Model.GetDeepSvdd(model).Model.Device.type.Should().Be(DeviceType.CPU);
    }
}
