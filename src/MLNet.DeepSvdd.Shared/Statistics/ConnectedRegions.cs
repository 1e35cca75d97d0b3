namespace MLNet.DeepSvdd.Shared.Statistics;

/// <summary>
/// The connected regions of a binary mask with 8-connectivity (a pixel touches the 8 around it, diagonals included), as MVTec AD's
/// evaluation labels its ground-truth defects (scipy.ndimage.label with a 3 × 3 structuring element of ones).
/// </summary>
internal static class ConnectedRegions
{
    /// <summary>
    /// Labels the regions of <paramref name="mask"/> (row-major, height × width): <paramref name="labels"/>[p] = 0 for a pixel outside the
    /// mask, 1 … k for the region it belongs to, numbered in the order of their first pixel in row-major order.
    /// </summary>
    /// <returns>k, the number of regions.</returns>
    public static int Label(ReadOnlySpan<bool> mask, int height, int width, Span<int> labels)
    {
        int plane = height * width;
        if (mask.Length != plane || labels.Length != plane)
            throw new ArgumentException($"The mask and the labels need {height} × {width} = {plane} values; got {mask.Length} and {labels.Length}.");
        labels.Clear();
        int regions = 0;
        var stack = new Stack<int>();
        for (int start = 0; start < plane; start++)
        {
            if (!mask[start] || labels[start] != 0) continue;
            labels[start] = ++regions;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int p = stack.Pop(), y = p / width, x = p % width;
                for (int ny = Math.Max(0, y - 1); ny <= Math.Min(height - 1, y + 1); ny++)
                {
                    for (int nx = Math.Max(0, x - 1); nx <= Math.Min(width - 1, x + 1); nx++)
                    {
                        int q = ny * width + nx;
                        if (!mask[q] || labels[q] != 0) continue;
                        labels[q] = regions;
                        stack.Push(q);
                    }
                }
            }
        }
        return regions;
    }
}
