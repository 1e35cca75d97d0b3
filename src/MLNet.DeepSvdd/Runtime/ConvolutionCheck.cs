namespace MLNet.DeepSvdd.Runtime;

/// <summary>
/// Checks one 2-d convolution computed by libtorch (forward, gradient of the input, gradient of the weights) against the definition,
/// summed in double precision, at a deterministic sample of entries of each result (all of them when there are few, always the last
/// ones, where block tails live):
/// <c>y[n, o, r, s] = Σ_c Σ_i Σ_j w[o, c, i, j] · x[n, c, r·t + i − p, s·t + j − p]</c> (stride t, zero padding p);
/// <c>dx[n, c, h, v] = Σ_o Σ_(i, j: h = r·t + i − p, v = s·t + j − p) dy[n, o, r, s] · w[o, c, i, j]</c>;
/// <c>dw[o, c, i, j] = Σ_n Σ_r Σ_s dy[n, o, r, s] · x[n, c, r·t + i − p, s·t + j − p]</c>.
/// </summary>
internal static class ConvolutionCheck
{
    /// <summary>One convolution shape: channels in and out, square kernel, stride, padding, square input side and batch size.</summary>
    public sealed record Shape(int In, int Out, int Kernel, int Stride, int Padding, int Side, int Batch)
    {
        /// <summary>The output side.</summary>
        public int OutSide => (Side + 2 * Padding - Kernel) / Stride + 1;

        /// <inheritdoc/>
        public override string ToString() => $"{In}→{Out} {Kernel}×{Kernel} stride {Stride} pad {Padding} at {Side}×{Side}, batch {Batch}";
    }

    /// <summary>The largest error of each result relative to the largest magnitude of its reference.</summary>
    public sealed record Errors(double Forward, double InputGradient, double WeightGradient)
    {
        /// <summary>The largest of the three.</summary>
        public double Max => Math.Max(Forward, Math.Max(InputGradient, WeightGradient));

        /// <inheritdoc/>
        public override string ToString() => $"forward {Forward:G2}, input gradient {InputGradient:G2}, weight gradient {WeightGradient:G2}";
    }

    /// <summary>
    /// Runs <paramref name="convolve"/> (input, weight, stride, padding → output) on seeded random data laid out NCHW or channels-last,
    /// back-propagates a seeded random output gradient, and returns the relative errors against the direct sums at up to
    /// <paramref name="samples"/> entries of each result.
    /// </summary>
    public static Errors Measure(Shape shape, bool channelsLast, Func<Tensor, Tensor, long, long, Tensor> convolve, int samples = 1024, int seed = 5)
    {
        var random = new Random(seed);
        int n = shape.Batch, c = shape.In, o = shape.Out, k = shape.Kernel, side = shape.Side, outSide = shape.OutSide;
        float[] x = Values(random, n * c * side * side, 1.0);
        float[] w = Values(random, o * c * k * k, 1.0 / Math.Sqrt(c * k * k));
        float[] dy = Values(random, n * o * outSide * outSide, 1.0);

        float[] y, dx, dw;
        using (var scope = NewDisposeScope())
        {
            var input = torch.tensor(x).reshape(n, c, side, side);
            var gradient = torch.tensor(dy).reshape(n, o, outSide, outSide);
            if (channelsLast)
            {
                input = input.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
                gradient = gradient.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
            }
            input = input.detach().requires_grad_(true);
            var weight = torch.tensor(w).reshape(o, c, k, k).requires_grad_(true);
            var output = convolve(input, weight, shape.Stride, shape.Padding);
            output.backward([gradient]);
            y = output.detach().contiguous().data<float>().ToArray();
            dx = input.grad!.contiguous().data<float>().ToArray();
            dw = weight.grad!.contiguous().data<float>().ToArray();
        }

        var s = shape;
        double forward = Compare(y, samples, random, index =>
        {
            int xx = index % outSide, yy = index / outSide % outSide, oo = index / (outSide * outSide) % o, b = index / (outSide * outSide * o);
            double sum = 0;
            for (int cc = 0; cc < c; cc++)
            for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                int h = yy * s.Stride + i - s.Padding, v = xx * s.Stride + j - s.Padding;
                if (h >= 0 && h < side && v >= 0 && v < side) sum += (double)w[((oo * c + cc) * k + i) * k + j] * x[((b * c + cc) * side + h) * side + v];
            }
            return sum;
        });
        double inputGradient = Compare(dx, samples, random, index =>
        {
            int v = index % side, h = index / side % side, cc = index / (side * side) % c, b = index / (side * side * c);
            double sum = 0;
            for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                int ry = h + s.Padding - i, rx = v + s.Padding - j;
                if (ry < 0 || rx < 0 || ry % s.Stride != 0 || rx % s.Stride != 0) continue;
                int yy = ry / s.Stride, xx = rx / s.Stride;
                if (yy >= outSide || xx >= outSide) continue;
                for (int oo = 0; oo < o; oo++)
                    sum += (double)dy[((b * o + oo) * outSide + yy) * outSide + xx] * w[((oo * c + cc) * k + i) * k + j];
            }
            return sum;
        });
        double weightGradient = Compare(dw, samples, random, index =>
        {
            int j = index % k, i = index / k % k, cc = index / (k * k) % c, oo = index / (k * k * c);
            double sum = 0;
            for (int b = 0; b < n; b++)
            for (int yy = 0; yy < outSide; yy++)
            for (int xx = 0; xx < outSide; xx++)
            {
                int h = yy * s.Stride + i - s.Padding, v = xx * s.Stride + j - s.Padding;
                if (h >= 0 && h < side && v >= 0 && v < side)
                    sum += (double)dy[((b * o + oo) * outSide + yy) * outSide + xx] * x[((b * c + cc) * side + h) * side + v];
            }
            return sum;
        });
        return new Errors(forward, inputGradient, weightGradient);
    }

    private static float[] Values(Random random, int count, double scale)
    {
        var values = new float[count];
        for (int i = 0; i < values.Length; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        return values;
    }

    /// <summary>max |actual − reference| / max |reference| over the sampled entries (every entry when there are at most <paramref name="samples"/>).</summary>
    private static double Compare(float[] actual, int samples, Random random, Func<int, double> reference)
    {
        IEnumerable<int> indices = actual.Length <= samples
            ? Enumerable.Range(0, actual.Length)
            : Enumerable.Range(0, samples - 64).Select(_ => random.Next(actual.Length)).Concat(Enumerable.Range(actual.Length - 64, 64));
        double maxError = 0, maxReference = 1e-12;
        foreach (int index in indices)
        {
            double expected = reference(index);
            maxError = Math.Max(maxError, Math.Abs(actual[index] - expected));
            maxReference = Math.Max(maxReference, Math.Abs(expected));
        }
        return maxError / maxReference;
    }
}
