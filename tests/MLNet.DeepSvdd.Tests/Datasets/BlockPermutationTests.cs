using MLNet.DeepSvdd.Datasets.Alterations;
using static MLNet.DeepSvdd.Tests.Datasets.AlterationImages;

namespace MLNet.DeepSvdd.Tests.Datasets;

[Trait(TestCategories.Name, TestCategories.Slow)]
public class BlockPermutationTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Keeps_the_pixel_multiset_and_changes_every_real_image(int blocks)
    {
        var permutation = new BlockPermutation(blocks);
        foreach (var (image, i) in First(40).Select((image, i) => (image, i)))
        {
            var altered = permutation.Apply(image, Channels, Height, Width, seed: i);
            SortedPixels(altered).Should().Equal(SortedPixels(image), "blocks move whole pixels, in every channel alike");
            altered.Should().NotEqual(image, $"image {i} has distinct blocks, and every block moves");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Moves_every_block_to_another_place_never_the_identity(int blocks)
    {
        // Each block of this image holds its own number in every pixel and channel, so the output shows the permutation directly.
        int side = Height / blocks;
        var numbered = new float[Channels * Plane];
        for (int c = 0; c < Channels; c++)
        {
            for (int p = 0; p < Plane; p++) numbered[c * Plane + p] = p / Width / side * blocks + p % Width / side;
        }
        var permutation = new BlockPermutation(blocks);
        for (int seed = 0; seed < 200; seed++)
        {
            var altered = permutation.Apply(numbered, Channels, Height, Width, seed);
            var sources = new int[blocks * blocks];
            for (int target = 0; target < sources.Length; target++)
            {
                int top = target / blocks * side, left = target % blocks * side;
                var block = Enumerable.Range(0, Channels).SelectMany(c =>
                    Enumerable.Range(top, side).SelectMany(y => Enumerable.Range(left, side).Select(x => altered[c * Plane + y * Width + x]))).ToList();
                block.Distinct().Should().ContainSingle("a destination block is one whole source block");
                sources[target] = (int)block[0];
            }
            sources.Should().OnlyHaveUniqueItems().And.HaveCount(blocks * blocks);
            Enumerable.Range(0, sources.Length).Should().OnlyContain(p => sources[p] != p, $"seed {seed}: no block stays in place");
        }
    }

    [Fact]
    public void Draws_every_derangement_of_four_blocks_about_equally_often()
    {
        var random = new Random(5);
        var counts = new Dictionary<string, int>();
        for (int i = 0; i < 9_000; i++)
        {
            string key = string.Join(",", BlockPermutation.DrawDerangement(4, random));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        counts.Should().HaveCount(9, "4 blocks have exactly 9 derangements");
        counts.Values.Should().OnlyContain(n => n > 850 && n < 1150, "each has probability 1/9");
    }

    [Fact]
    public void Same_seed_gives_the_same_image_and_different_seeds_different_ones()
    {
        var image = First(1)[0];
        var permutation = new BlockPermutation(4);
        permutation.Apply(image, Channels, Height, Width, seed: 3).Should().Equal(permutation.Apply(image, Channels, Height, Width, seed: 3));
        var outputs = Enumerable.Range(0, 10).Select(seed => permutation.Apply(image, Channels, Height, Width, seed)).ToList();
        outputs.Select(o => string.Join(",", o)).Distinct().Should().HaveCount(10, "16 blocks have over 7 · 10¹² derangements");
    }

    [Fact]
    public void Rejects_sizes_the_block_count_does_not_divide_and_fewer_than_two_blocks()
    {
        var act = () => new BlockPermutation(3).Apply(new float[3 * 32 * 32], 3, 32, 32, seed: 1);
        act.Should().Throw<ArgumentException>().WithMessage("*Block permutation 3×3*divisible by 3*32 × 32*");
        var wide = () => new BlockPermutation(4).Apply(new float[30 * 32], 1, 30, 32, seed: 1);
        wide.Should().Throw<ArgumentException>().WithMessage("*height % 4 = 2*");
        var one = () => new BlockPermutation(1);
        one.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*at least 2 × 2*");
        var wrongLength = () => new BlockPermutation(2).Apply(new float[100], 3, 32, 32, seed: 1);
        wrongLength.Should().Throw<ArgumentException>().WithMessage("*100 values*3072*");
    }
}
