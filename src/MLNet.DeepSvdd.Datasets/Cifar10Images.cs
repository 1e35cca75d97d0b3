using System.Collections;
using MLNet.DeepSvdd.Datasets.Protocols;

namespace MLNet.DeepSvdd.Datasets;

/// <summary>
/// The images of one CIFAR-10 split, held as the raw 3073-byte records (about 3 KB per image); an image's pixels become floats only when
/// it is read (<see cref="this[int]"/>, enumeration, or an <see cref="Microsoft.ML.IDataView"/> from <see cref="Cifar10Dataset.ToDataView"/>).
/// </summary>
public sealed class Cifar10Images : IReadOnlyList<Cifar10Image>, IClassifiedImages
{
    private readonly IReadOnlyList<string> classNames;

    internal Cifar10Images(byte[] records, IReadOnlyList<string> classNames)
    {
        Records = records;
        this.classNames = classNames;
        Count = records.Length / Cifar10Format.RecordSize;
    }

    /// <summary>The raw records, <see cref="Cifar10Format.RecordSize"/> bytes each, labels already validated.</summary>
    internal byte[] Records { get; }

    /// <summary>The number of images.</summary>
    public int Count { get; }

    /// <summary>A new row for image <paramref name="index"/>, its pixels converted to floats 0–255.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    public Cifar10Image this[int index]
    {
        get
        {
            CheckIndex(index);
            var image = new float[Cifar10Image.PixelCount];
            Cifar10Format.CopyPixels(Records, index, image);
            int label = Cifar10Format.Label(Records, index);
            return new Cifar10Image { Image = image, Class = label, ClassName = classNames[label] };
        }
    }

    /// <summary>The class index (0–9) of image <paramref name="index"/>, without converting its pixels: for selecting rows by class.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    public int ClassOf(int index)
    {
        CheckIndex(index);
        return Cifar10Format.Label(Records, index);
    }

    IReadOnlyList<string> IClassifiedImages.ClassNames => classNames;

    /// <summary>Enumerates the images in file order, each a new <see cref="Cifar10Image"/>.</summary>
    public IEnumerator<Cifar10Image> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected an image index from 0 to {Count - 1}.");
    }
}
