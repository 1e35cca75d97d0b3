using System.Buffers.Binary;
using System.IO.Compression;

namespace MLNet.DeepSvdd.Datasets.Alterations;

/// <summary>
/// A minimal PNG writer (ISO/IEC 15948): 8-bit greyscale or RGB, no interlacing, filter type 0 (None) on every scanline, the image data
/// in one zlib-compressed IDAT chunk. Enough for pictures of small images without an imaging library.
/// </summary>
internal static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = MakeCrcTable();

    /// <param name="pixels">Row-major pixels, <paramref name="channels"/> bytes each (grey, or red, green, blue).</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="channels">1 (greyscale) or 3 (RGB).</param>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "PNG pictures are written with 1 (grey) or 3 (RGB) channels.");
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"The picture must have a positive size; got {width} × {height}.");
        int stride = width * channels;
        if (pixels.Length != (long)stride * height)
            throw new ArgumentException($"{width} × {height} pixels of {channels} channel(s) need {(long)stride * height} bytes; got {pixels.Length}.", nameof(pixels));

        using var png = new MemoryStream();
        png.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)height);
        header[8] = 8;                              // bit depth
        header[9] = (byte)(channels == 3 ? 2 : 0);  // colour type: truecolour or greyscale
        header[10] = 0;                             // compression: deflate
        header[11] = 0;                             // filter method 0
        header[12] = 0;                             // no interlace
        WriteChunk(png, "IHDR", header);

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (int y = 0; y < height; y++)
                {
                    zlib.WriteByte(0); // filter type None
                    zlib.Write(pixels.Slice(y * stride, stride));
                }
            }
            WriteChunk(png, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>Length, type, data, and the CRC-32 of type and data (PNG section 5.3).</summary>
    private static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        Span<byte> typeBytes = stackalloc byte[4];
        for (int i = 0; i < 4; i++) typeBytes[i] = (byte)type[i];
        png.Write(typeBytes);
        png.Write(data);
        uint crc = Crc32(Crc32(0xFFFFFFFF, typeBytes), data) ^ 0xFFFFFFFF;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        png.Write(word);
    }

    /// <summary>Continues a CRC-32 (polynomial 0xEDB88320, reflected) over <paramref name="bytes"/>; start at 0xFFFFFFFF, finish with XOR 0xFFFFFFFF.</summary>
    internal static uint Crc32(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
