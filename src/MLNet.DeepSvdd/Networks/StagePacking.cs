namespace MLNet.DeepSvdd.Networks;

/// <summary>
/// Several feature maps of a batch held as one tensor [N, Σ Cᵢ·Hᵢ·Wᵢ], so the frozen leading stages of a patch-level ResNet can hand
/// layer2's output and the last frozen stage's output through the one-tensor staging (<see cref="FeatureMap.ForwardLeading"/>, the
/// frozen-activation cache) to the trained part.
/// </summary>
internal static class StagePacking
{
    /// <summary>The maps, each flattened per row, concatenated along the row.</summary>
    public static Tensor Pack(IReadOnlyList<Tensor> maps)
    {
        using var scope = NewDisposeScope();
        return cat(maps.Select(m => m.reshape(m.shape[0], -1)).ToList(), 1).MoveToOuterDisposeScope();
    }

    /// <summary>The maps of <see cref="Pack"/> back, of the given [C, H, W] shapes, laid out channels-last.</summary>
    public static Tensor[] Unpack(Tensor packed, IReadOnlyList<long[]> shapes)
    {
        var maps = new Tensor[shapes.Count];
        long offset = 0;
        for (int i = 0; i < shapes.Count; i++)
        {
            long size = shapes[i].Aggregate(1L, (a, b) => a * b);
            if (offset + size > packed.shape[1])
                throw new ArgumentException($"A packed row has {packed.shape[1]} values; the maps need more.", nameof(packed));
            maps[i] = ChannelsLast.Apply(packed.narrow(1, offset, size).reshape([packed.shape[0], .. shapes[i]]));
            offset += size;
        }
        if (offset != packed.shape[1]) throw new ArgumentException($"A packed row has {packed.shape[1]} values; the maps need {offset}.", nameof(packed));
        return maps;
    }
}
