using Xunit.Abstractions;
using BaselineFile = MLNet.DeepSvdd.Baselines.Persistence.BaselineModelFile;
using DeepSvddFile = MLNet.DeepSvdd.Persistence.DeepSvddModelFile;
using GeoFile = MLNet.DeepSvdd.Baselines.Geo.Persistence.GeoModelFile;

namespace MLNet.DeepSvdd.Tests.Reliability;

/// <summary>
/// Flips bytes of small saved models of each detector, in the serialized detector state and across the saved zip, and checks that every
/// flip either loads with bit-identical scores or throws <see cref="InvalidDataException"/>: never a different model, never another
/// exception type. Positions are sampled with a fixed seed; each flip XORs one byte with a random non-zero value.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public class ModelCorruptionFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("corruption-fuzz-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    public static TheoryData<string> Detectors => SmallDetectors.Names;

    /// <summary>Per detector: the stored state text of a loaded model, a chain storing a given text, and the state parser the loads use.</summary>
    private static (Func<ITransformer, string?> StateText, Func<string, int, ITransformer> Build, Action<string> Parse) Format(string name) => name switch
    {
        "DeepSvdd" => (DeepSvddFile.Instance.FirstStateText, (text, size) => DeepSvddFile.Instance.BuildFromText(text, "Features", size),
            text => DeepSvddFile.Instance.Scorer(text.AsMemory())),
        "Geo" => (GeoFile.Instance.FirstStateText, (text, size) => GeoFile.Instance.BuildFromText(text, "Features", size),
            text => GeoFile.Instance.Scorer(text.AsMemory())),
        _ => (BaselineFile.Instance.FirstStateText, (text, size) => BaselineFile.Instance.BuildFromText(text, "Features", size),
            text => BaselineFile.Instance.Scorer(text.AsMemory())),
    };

    private static int[] Positions(int length, int count, int seed, params int[] always)
    {
        var random = new Random(seed);
        var set = new SortedSet<int>(always.Where(p => p < length));
        if (length <= count) return Enumerable.Range(0, length).ToArray();
        while (set.Count < count) set.Add(random.Next(length));
        return [.. set];
    }

    private static byte[] Flip(byte[] bytes, int position, Random random)
    {
        var copy = (byte[])bytes.Clone();
        copy[position] ^= (byte)random.Next(1, 256);
        return copy;
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void Every_flipped_byte_of_a_saved_detector_state_is_reported_as_a_corrupt_model_file(string name)
    {
        var detector = SmallDetectors.Get(name);
        var ml = new MLContext(seed: 1);
        var format = Format(name);
        string text = format.StateText(ml.Model.Load(detector.Path, out var schema))!;
        var state = Convert.FromBase64String(text);
        format.Parse(text); // the intact state reads
        var random = new Random(13);
        var failures = new List<string>();

        // Every position of small states, a fixed sample of large ones (GEO's network): all fail the checksum.
        foreach (int position in Positions(state.Length, name == "Geo" ? 250 : 1500, seed: 1, always: [0, 7, 8, 9, 40, 41]))
        {
            var corrupt = Convert.ToBase64String(Flip(state, position, random));
            try
            {
                format.Parse(corrupt);
                failures.Add($"state byte {position}: read without error");
            }
            catch (InvalidDataException e) when (e.Message.Contains("corrupt"))
            {
            }
            catch (Exception e)
            {
                failures.Add($"state byte {position}: {e.GetType().Name}: {e.Message}");
            }
        }

        // A few of them through whole model files: the library's load entry point and plain Model.Load's row path both refuse them.
        var test = SmallDetectors.View(ml, detector.Rows(4, 21), detector.InputSize);
        foreach (int position in Positions(state.Length, name == "Geo" ? 3 : 6, seed: 2, always: [0, 50]))
        {
            string path = Path.Combine(directory, $"{name}-state-{position}.zip");
            ml.Model.Save(format.Build(Convert.ToBase64String(Flip(state, position, random)), detector.InputSize), schema, path);
            var library = () => detector.LoadWithLibrary(new MLContext(), path);
            library.Should().Throw<InvalidDataException>().WithMessage("*corrupt*");
            var plain = new MLContext().Model.Load(path, out _);
            ExceptionChain.CatchMessages<InvalidDataException>(() => SmallDetectors.Scores(plain, test)).Should().Contain(m => m.Contains("model file is corrupt"));
        }
        failures.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void Every_flipped_byte_of_a_saved_model_file_loads_identically_or_is_reported_as_corrupt(string name)
    {
        var detector = SmallDetectors.Get(name);
        var ml = new MLContext(seed: 1);
        var test = SmallDetectors.View(ml, detector.Rows(4, 22), detector.InputSize);
        var expected = SmallDetectors.Scores(detector.LoadWithLibrary(ml, detector.Path), test);
        var file = File.ReadAllBytes(detector.Path);
        var random = new Random(17);
        int identical = 0, corrupt = 0;
        var failures = new List<string>();
        string path = Path.Combine(directory, $"{name}-flipped.zip");
        foreach (int position in Positions(file.Length, name == "Geo" ? 40 : 150, seed: 3, always: [0, 1, 2, 3, 10, 14, 26, file.Length - 22, file.Length - 1]))
        {
            File.WriteAllBytes(path, Flip(file, position, random));
            try
            {
                var scores = SmallDetectors.Scores(detector.LoadWithLibrary(new MLContext(), path), test);
                if (scores.SequenceEqual(expected)) identical++;
                else failures.Add($"file byte {position}: loaded a different model (scores {string.Join(", ", scores)})");
            }
            catch (InvalidDataException e) when (e.Message.Contains("corrupt"))
            {
                corrupt++;
            }
            catch (Exception e)
            {
                failures.Add($"file byte {position}: {e.GetType().Name}: {e.Message}");
            }
        }
        output.WriteLine($"{name}: {file.Length} bytes; {identical} flips loaded identically, {corrupt} were reported corrupt.");
        failures.Should().BeEmpty();
        corrupt.Should().BePositive();
    }
}
