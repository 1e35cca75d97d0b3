using MLNet.DeepSvdd.Networks;
using MLNet.DeepSvdd.Scoring;
using MLNet.DeepSvdd.Training;
using static TorchSharp.torch;

namespace MLNet.DeepSvdd.Tests.Patches;

/// <summary>The patch branch's pieces against hand-derived values and against the plain forward pass.</summary>
public class PatchRepresentationTests
{
    [Theory]
    [InlineData(16, true)]
    [InlineData(33, true)]
    [InlineData(64, false)]
    public void Stage_shapes_match_the_forward_pass(int side, bool maxPool)
    {
        using var resnet = new ResNet(3, [2, 2, 2, 2], 8, bias: true, maxPool);
        resnet.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = randn(1, 3, side, side);
        var shapes = ResNet.StageShapes((side, side), maxPool);
        for (int stage = 0; stage < 5; stage++)
        {
            x = resnet.ForwardStages(x, stage, stage + 1);
            x.shape.Skip(1).Should().Equal(shapes[stage], $"stage {stage} at {side} px");
        }
    }

    [Theory]
    [InlineData(DeepSvddRepresentation.Patches, 1)]
    [InlineData(DeepSvddRepresentation.PooledAndPatches, 1)]
    [InlineData(DeepSvddRepresentation.Patches, 2)]
    [InlineData(DeepSvddRepresentation.PooledAndPatches, 2)]
    [InlineData(DeepSvddRepresentation.Pooled, 1)]
    public void Leading_then_trailing_equals_the_whole_network_at_every_split(DeepSvddRepresentation representation, int patchStage)
    {
        var spec = new NetworkSpec(DeepSvddNetwork.ResNet18, [3, 32, 32], 8, UseBias: true, [], Representation: representation, PatchStage: patchStage);
        using var network = spec.Build(new Generator(5));
        network.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var rows = rand(2, 3 * 32 * 32, generator: new Generator(6)).mul(255);
        var whole = network.forward(rows);
        whole.shape.Should().Equal([2, spec.Layout.Size]);
        for (int stages = 1; stages <= 5; stages++)
        {
            var split = network.ForwardTrailing(network.ForwardLeading(rows, stages), stages);
            split.allclose(whole, rtol: 1e-4, atol: 1e-5).Should().BeTrue($"split after {stages} stages ({representation}, patch stage {patchStage})");
        }
    }

    [Fact]
    public void The_layout_of_a_patch_network_follows_its_patch_stage_and_the_dimensions()
    {
        var spec = new NetworkSpec(DeepSvddNetwork.ResNet18, [3, 32, 32], 8, UseBias: true, [], Resolution: 128,
            Representation: DeepSvddRepresentation.PooledAndPatches, PatchStage: 1);
        // 128 px: stem 64, max-pool 32, layer1 32 (stride 4, 64 channels), layer2 16 (stride 8, 128 channels).
        spec.Layout.Should().Be(new RepresentationLayout(8, 64, 32, 32));
        spec.Layout.Size.Should().Be(8 + 64 * 32 * 32);
        (spec with { Representation = DeepSvddRepresentation.Patches }).Layout.Should().Be(new RepresentationLayout(0, 64, 32, 32));
        (spec with { Representation = DeepSvddRepresentation.Pooled }).Layout.Should().Be(RepresentationLayout.PooledOnly(8));
        // A spec saved before the patch stage existed reads PatchStage = 2: layer2, what those models were trained on.
        (spec with { PatchStage = 2 }).Layout.Should().Be(new RepresentationLayout(8, 128, 16, 16));
        new NetworkSpec(DeepSvddNetwork.ResNet18, [3, 32, 32], 8, true, []).PatchStage.Should().Be(2);
        ResNet.DefaultPatchStage.Should().Be(1);
    }

    [Fact]
    public void A_saved_spec_without_a_patch_stage_reads_layer2_and_a_new_one_keeps_its_stage()
    {
        // The JSON of a patch model saved before the patch stage existed: no "PatchStage" property.
        const string old = """{"Kind":4,"InputShape":[3,32,32],"RepresentationDimension":8,"UseBias":true,"HiddenLayers":[],"UseMaxPool":true,"BgrInput":true,"Resolution":128,"Representation":2}""";
        var spec = System.Text.Json.JsonSerializer.Deserialize<NetworkSpec>(old)!;
        spec.Representation.Should().Be(DeepSvddRepresentation.Patches);
        spec.PatchStage.Should().Be(2);
        spec.Layout.Should().Be(new RepresentationLayout(0, 128, 16, 16), "such a model was trained on layer2's 16×16 map at 128 px");
        var again = System.Text.Json.JsonSerializer.Deserialize<NetworkSpec>(System.Text.Json.JsonSerializer.Serialize(spec with { PatchStage = 1 }))!;
        again.PatchStage.Should().Be(1);
    }

    [Fact]
    public void Points_are_the_pooled_vector_then_the_map_positions_in_row_major_order()
    {
        // One row: pooled point (10, 20), then a 2-channel 2×2 map; channel 0 = [1 2; 3 4], channel 1 = [5 6; 7 8] (channel-major).
        var layout = new RepresentationLayout(2, 2, 2, 2);
        using var output = tensor(new float[] { 10, 20, 1, 2, 3, 4, 5, 6, 7, 8 }, [1, 10]);
        using var pooled = layout.Points(output, RepresentationBranch.Pooled);
        pooled.data<float>().ToArray().Should().Equal(10, 20);
        using var patches = layout.Points(output, RepresentationBranch.Patches);
        patches.shape.Should().Equal([4, 2]);
        patches.data<float>().ToArray().Should().Equal(1, 5, 2, 6, 3, 7, 4, 8);
        layout.PointsPerRow(RepresentationBranch.Patches).Should().Be(4);
    }

    [Fact]
    public void Patch_scores_reduce_the_map_and_take_the_larger_standardised_branch_by_hand()
    {
        // Pooled point (3, 4) with centre (0, 0): distance 25. Patch points (1-dimensional) 1, 2, 3, 4 with centre 0: distances 1, 4, 9, 16.
        var layout = new RepresentationLayout(2, 1, 2, 2);
        using var output = tensor(new float[] { 3, 4, 1, 2, 3, 4 }, [1, 6]);
        using var c2 = zeros(2);
        using var c1 = zeros(1);
        var max = new PatchScoring(layout, PatchScoreReduction.Max, 0);
        var top = new PatchScoring(layout, PatchScoreReduction.TopMean, 0.5);
        top.TopCount.Should().Be(2);
        using (var d = max.Distances(output, RepresentationBranch.Patches, c1)) d.data<float>().ToArray().Should().Equal(1, 4, 9, 16);
        // Pooled term (25 − 5)/5 = 4. Max: (16 − 0)/2 = 8, so the score is max(4, 8) = 8.
        BranchSphere[] spheres = [new(RepresentationBranch.Pooled, c2, 0, Shift: 5, Scale: 5), new(RepresentationBranch.Patches, c1, 0, Scale: 2)];
        using (var s = max.Scores(output, spheres)) s.item<float>().Should().Be(8f);
        // TopMean with offset 1: ((16 + 9)/2 − 1)/2 = 5.75 > 4.
        BranchSphere[] offset = [spheres[0], spheres[1] with { Offset = 1 }];
        using (var s = top.Scores(output, offset)) s.item<float>().Should().Be(5.75f);
        // A branch of weight 0 takes no part: the pooled term alone, 4.
        BranchSphere[] pooledOnly = [spheres[0], spheres[1] with { Weight = 0 }];
        using (var s = max.Scores(output, pooledOnly)) s.item<float>().Should().Be(4f);
        new PatchScoring(layout, PatchScoreReduction.TopMean, 0.01).TopCount.Should().Be(1, "at least one position");
    }

    [Fact]
    public void The_whitening_makes_squared_distances_Mahalanobis_distances_with_the_shrunk_covariance()
    {
        // Four 2-D patches: (0,0), (2,0), (0,1), (2,3). Mean (1, 1). Unbiased covariance: Σxx = 4/3, Σyy = (1+1+0+4)/3 = 2,
        // Σxy = ((-1)(-1) + (1)(-1) + (-1)(0) + (1)(2))/3 = 2/3. Shrinkage: 0.01 · tr/2 = 0.01 · (4/3 + 2)/2 = 1/60.
        double[,] e = { { 0, 0 }, { 2, 0 }, { 0, 1 }, { 2, 3 } };
        using var points = tensor(new double[] { 0, 0, 2, 0, 0, 1, 2, 3 }, [4, 2]);
        using var w = PatchWhitening.Matrix(points.sum(dim: 0), points.T.matmul(points), 4);
        double a = 4.0 / 3 + 1.0 / 60, b = 2.0 / 3, d = 2 + 1.0 / 60, det = a * d - b * b;
        for (int i = 0; i < 4; i++)
        {
            double x = e[i, 0] - 1, y = e[i, 1] - 1;
            double mahalanobis = (d * x * x - 2 * b * x * y + a * y * y) / det;
            using var z = w.matmul(tensor(new[] { x, y }));
            z.square().sum().item<double>().Should().BeApproximately(mahalanobis, 1e-9, $"patch {i}");
        }
    }

    [Fact]
    public void The_map_kernel_is_a_normalised_Gaussian_of_one_position()
    {
        double[] raw = [Math.Exp(-2), Math.Exp(-0.5), 1, Math.Exp(-0.5), Math.Exp(-2)];
        var expected = raw.Select(v => (float)(v / raw.Sum())).ToArray();
        AnomalyMap.Kernel().Should().Equal(expected);
        expected[2].Should().BeApproximately(0.4026f, 1e-4f);
    }

    [Fact]
    public void A_rendered_map_peaks_on_the_pixels_of_its_hottest_position()
    {
        // A 4×4 patch map with one hot position (row 1, column 2), rendered at 16×16: each position covers 4×4 pixels.
        using var distances = zeros(1, 4, 4);
        distances[0, 1, 2] = tensor(10f);
        using var map = AnomalyMap.Render(distances, 16, 16);
        map.shape.Should().Equal([1, 16, 16]);
        long argmax = map.flatten().argmax().item<long>();
        ((int)(argmax / 16)).Should().BeInRange(4, 7);
        ((int)(argmax % 16)).Should().BeInRange(8, 11);
        map.min().item<float>().Should().BeGreaterThanOrEqualTo(0);
    }
}
