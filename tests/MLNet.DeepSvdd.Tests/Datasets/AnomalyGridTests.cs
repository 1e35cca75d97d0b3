using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MLNet.DeepSvdd.Datasets.Alterations;
using static MLNet.DeepSvdd.Tests.Datasets.AlterationImages;

namespace MLNet.DeepSvdd.Tests.Datasets;

public class AnomalyGridTests : IDisposable
{
    private const int Scale = 2, Gap = 3;
    private readonly string directory = Directory.CreateTempSubdirectory("deepsvdd-grid-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Grid_is_a_valid_PNG_of_the_right_size_whose_pixels_decode_to_the_originals_and_their_alterations()
    {
        var originals = First(8);
        ImageAlteration[] alterations = [new BlockPermutation(2), new BlockPermutation(8), new Strokes(1), new Strokes(3)];
        string path = Path.Combine(directory, "grid.png");
        AnomalyGrid.Save(path, originals, alterations, seed: 1, Channels, Height, Width, Scale, Gap);

        int columns = 1 + alterations.Length;
        int expectedWidth = columns * (Width * Scale + Gap) + Gap, expectedHeight = originals.Count * (Height * Scale + Gap) + Gap;
        var bytes = File.ReadAllBytes(path);
        bytes.Take(8).Should().Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "the PNG signature");
        var chunks = Chunks(bytes);
        chunks.Select(c => c.Type).Should().Equal("IHDR", "IDAT", "IEND");
        var header = chunks[0].Data;
        BinaryPrimitives.ReadUInt32BigEndian(header).Should().Be((uint)expectedWidth);
        BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)).Should().Be((uint)expectedHeight);
        header.Skip(8).Should().Equal(new byte[] { 8, 2, 0, 0, 0 }, "8-bit RGB, deflate, filter method 0, no interlace");

        // The scanlines, inflated independently of any image library: filter byte 0, then RGB triples.
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var raw = inflated.ToArray();
        raw.Should().HaveCount(expectedHeight * (1 + 3 * expectedWidth));
        Enumerable.Range(0, expectedHeight).Should().OnlyContain(y => raw[y * (1 + 3 * expectedWidth)] == 0);

        // And decoded by ML.NET's MLImage (SkiaSharp): every cell shows its image, scaled; gaps are white.
        using var decoded = MLImage.CreateFromFile(path);
        decoded.Width.Should().Be(expectedWidth);
        decoded.Height.Should().Be(expectedHeight);
        decoded.PixelFormat.Should().BeOneOf(MLPixelFormat.Bgra32, MLPixelFormat.Rgba32);
        var pixels = decoded.Pixels.ToArray();
        (byte R, byte G, byte B) At(int x, int y)
        {
            int o = (y * expectedWidth + x) * 4;
            return decoded.PixelFormat == MLPixelFormat.Rgba32 ? (pixels[o], pixels[o + 1], pixels[o + 2]) : (pixels[o + 2], pixels[o + 1], pixels[o]);
        }
        for (int row = 0; row < originals.Count; row++)
        {
            var expectedImages = new List<float[]> { originals[row] };
            expectedImages.AddRange(alterations.Select(a => a.Apply(originals[row], Channels, Height, Width, AlterationSeed.For(1, originals[row]))));
            for (int column = 0; column < columns; column++)
            {
                int left = Gap + column * (Width * Scale + Gap), top = Gap + row * (Height * Scale + Gap);
                for (int p = 0; p < Plane; p++)
                {
                    var (r, g, b) = Rgb(expectedImages[column], p);
                    var expected = ((byte)r, (byte)g, (byte)b);
                    int x = left + p % Width * Scale, y = top + p / Width * Scale;
                    At(x, y).Should().Be(expected, $"row {row}, column {column}, pixel {p}");
                    At(x + Scale - 1, y + Scale - 1).Should().Be(expected, "each pixel is a Scale × Scale square");
                }
                At(left - 1, top - 1).Should().Be(((byte)255, (byte)255, (byte)255), "gaps are white");
            }
        }
    }

    [Fact]
    public void Writes_greyscale_and_rejects_mismatched_columns()
    {
        var grey = new List<float[]> { Enumerable.Range(0, 16).Select(i => i * 16f).ToArray() };
        var png = AnomalyGrid.Encode(grey, [], channels: 1, height: 4, width: 4, scale: 1, gap: 0);
        Chunks(png)[0].Data.Skip(8).Take(2).Should().Equal(new byte[] { 8, 0 }, "8-bit greyscale");
        string path = Path.Combine(directory, "grey.png");
        File.WriteAllBytes(path, png);
        using var decoded = MLImage.CreateFromFile(path);
        (decoded.Width, decoded.Height).Should().Be((4, 4));

        var mismatched = () => AnomalyGrid.Encode(First(2), [First(1)], Channels, Height, Width);
        mismatched.Should().Throw<ArgumentException>().WithMessage("*Column 1 has 1 images*2*");
        var wrongLength = () => AnomalyGrid.Encode([new float[10]], [], Channels, Height, Width);
        wrongLength.Should().Throw<ArgumentException>().WithMessage("*row 0, column 0 has 10 values*");
    }

    /// <summary>The chunks of a PNG file, each CRC checked with a bitwise CRC-32 written here (not the library's table).</summary>
    private static List<(string Type, byte[] Data)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[])>();
        for (int at = 8; at < png.Length;)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            var typeAndData = png.AsSpan(at + 4, 4 + length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            crc.Should().Be(BitwiseCrc32(typeAndData), "every chunk carries the CRC-32 of its type and data");
            chunks.Add((Encoding.ASCII.GetString(typeAndData[..4]), typeAndData[4..].ToArray()));
            at += 12 + length;
        }
        return chunks;
    }

    private static uint BitwiseCrc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320 & (0 - (crc & 1)));
        }
        return ~crc;
    }
}
