using Microsoft.ML.Runtime;
using MLNet.DeepSvdd.Runtime;
using MLNet.DeepSvdd.Shared.Runtime;

namespace MLNet.DeepSvdd.Tests.Reliability;

/// <summary>
/// Issue 24: a CUDA device is verified with a tiny operation when it is selected. TorchSharp can report CUDA while cuDNN failed to load
/// (dotnet/TorchSharp#1545); such a device is never selected: Auto trains on the CPU with a warning, Cuda fails naming what is missing
/// (or falls back with MLContext.FallbackToCpu). The probe is replaced for the test's own flow, so this runs on a CPU-only machine.
/// </summary>
public sealed class DeviceSelectionTests
{
    private const string Missing = "libcudnn.so.9: cannot open shared object file";

    private static readonly Func<int, CudaStatus> Broken = _ => new CudaStatus(true, $"a tiny convolution failed ({Missing})");

    private static (MLContextAccess Access, IChannel Channel, List<string> Log) Context(bool fallbackToCpu = false, int? gpu = null)
    {
        var ml = new MLContext(1) { FallbackToCpu = fallbackToCpu, GpuDeviceId = gpu };
        var log = new List<string>();
        ml.Log += (_, e) => { if (e.Kind == ChannelMessageKind.Warning) lock (log) log.Add(e.Message); };
        var access = MLContextAccess.FromContext(ml);
        return (access, access.Environment.Register("test").Start("select"), log);
    }

    [Fact]
    public void A_requested_CUDA_device_that_fails_the_probe_is_refused_naming_what_is_missing()
    {
        using var _ = CudaProbe.Override(Broken);
        var (access, channel, _) = Context();

        var select = () => DeviceSelector.Select(DeepSvddDevice.Cuda, access, channel);

        select.Should().Throw<InvalidOperationException>()
            .WithMessage($"Device = Cuda was requested but the CUDA device cannot be used: *{Missing}*. Set Device = DeepSvddDevice.Auto, or set MLContext.FallbackToCpu = true*");
    }

    [Fact]
    public void With_FallbackToCpu_or_Auto_a_broken_CUDA_device_gives_the_CPU_and_a_warning()
    {
        using var _ = CudaProbe.Override(Broken);
        var (lenient, lenientChannel, lenientLog) = Context(fallbackToCpu: true);
        var (auto, autoChannel, autoLog) = Context();

        DeviceSelector.Select(DeepSvddDevice.Cuda, lenient, lenientChannel).type.Should().Be(DeviceType.CPU);
        DeviceSelector.Select(DeepSvddDevice.Auto, auto, autoChannel).type.Should().Be(DeviceType.CPU);

        lenientLog.Should().ContainSingle(m => m.Contains(Missing) && m.Contains("FallbackToCpu is true"));
        autoLog.Should().ContainSingle(m => m.Contains("Device = Auto: ") && m.Contains(Missing));
    }

    [Fact]
    public void Auto_without_any_CUDA_trains_on_the_CPU_silently_and_the_probe_gets_the_GpuDeviceId()
    {
        var asked = new List<int>();
        using var _ = CudaProbe.Override(i => { asked.Add(i); return CudaStatus.None; });
        var (access, channel, log) = Context(gpu: 2);

        DeviceSelector.Select(DeepSvddDevice.Auto, access, channel).type.Should().Be(DeviceType.CPU);
        DeviceSelector.Select(DeepSvddDevice.Cpu, access, channel).type.Should().Be(DeviceType.CPU);

        asked.Should().Equal([2], "the CPU request does not probe");
        log.Should().BeEmpty();
    }

    [Fact]
    public void A_loaded_model_on_a_broken_CUDA_device_falls_back_to_the_CPU_saying_what_failed_once()
    {
        string problem = $"a tiny convolution failed ({Missing}, case {Guid.NewGuid():N})"; // the warning is once per process and problem
        using var _ = CudaProbe.Override(_ => new CudaStatus(true, problem));
        var warnings = new StringWriter();

        DeviceSelector.Default(warnings).type.Should().Be(DeviceType.CPU);
        DeviceSelector.Default(warnings).type.Should().Be(DeviceType.CPU);

        warnings.ToString().Should().Be(
            $"Warning: MLNet.DeepSvdd: a loaded model scores on the CPU because the CUDA device cannot be used: {problem}.{Environment.NewLine}",
            "the first fallback names what failed; the same problem is not repeated for every model part");
    }

    [Fact]
    public void A_loaded_model_without_any_CUDA_uses_the_CPU_silently()
    {
        using var _ = CudaProbe.Override(_ => CudaStatus.None);
        var warnings = new StringWriter();

        DeviceSelector.Default(warnings).type.Should().Be(DeviceType.CPU);

        warnings.ToString().Should().BeEmpty("no CUDA reported is the normal CPU case, not a failure");
    }

    [Fact]
    public void The_trainer_checks_the_device_before_it_trains()
    {
        using var _ = CudaProbe.Override(Broken);
        var ml = new MLContext(1);
        var train = SyntheticData.Load(ml, new SyntheticData(0).NormalRows(40));

        var fit = () => ml.AnomalyDetection.Trainers.DeepSvdd(Fixtures.FastOptions(o => o.Device = DeepSvddDevice.Cuda)).Fit(train);

        fit.Should().Throw<InvalidOperationException>().WithMessage($"*cannot be used*{Missing}*");
    }

    [Fact]
    public void The_real_probe_reports_no_CUDA_on_a_CPU_only_machine_without_throwing()
    {
        TorchRuntime.EnsureLoaded();
        bool reported = torch.cuda.is_available();

        var status = CudaProbe.Check(0);

        status.Reported.Should().Be(reported);
        if (!reported) status.Should().Be(CudaStatus.None);
        else status.Usable.Should().Be(status.Problem is null);
    }
}
