using System.Reflection;
using MLNet.DeepSvdd.Datasets.Alterations;
using static MLNet.DeepSvdd.Tests.Datasets.AlterationImages;

namespace MLNet.DeepSvdd.Tests.Datasets;

public class AlterationTransformTests
{
    private const int Rows = 64;
    private readonly MLContext ml = new(seed: 1);

    public sealed class ImageRow
    {
        [VectorType(3, 32, 32)]
        public float[] Image { get; set; } = [];
    }

    public sealed class AlteredRow
    {
        [VectorType(3, 32, 32)]
        public float[] Altered { get; set; } = [];
    }

    public static TheoryData<string> Alterations => ["block 2", "block 8", "strokes 1", "strokes 3"];

    [Theory]
    [MemberData(nameof(Alterations))]
    public void Transform_gives_each_row_the_code_version_seeded_with_the_seed_and_the_row_pixels(string name)
    {
        var (alteration, estimator) = Create(name, seed: 11);
        var view = Support.Cifar10Data.Dataset.ToDataView(Cifar10Split.Test, Enumerable.Range(0, Rows));
        var transformed = estimator.Fit(view).Transform(view);

        var type = (VectorDataViewType)transformed.Schema["Altered"].Type;
        type.Dimensions.Should().Equal(3, 32, 32);
        var originals = transformed.GetColumn<float[]>("Image").ToList();
        var altered = transformed.GetColumn<float[]>("Altered").ToList();
        altered.Should().HaveCount(Rows);
        for (int i = 0; i < Rows; i++)
        {
            var expected = alteration.Apply(originals[i], Channels, Height, Width, AlterationSeed.For(11, originals[i]));
            altered[i].Should().Equal(expected, $"row {i}");
        }
    }

    [Fact]
    public void A_row_gets_the_same_anomaly_in_any_order_and_a_different_one_with_another_seed()
    {
        var view = Support.Cifar10Data.Dataset.ToDataView(Cifar10Split.Test, Enumerable.Range(0, Rows));
        var strokes = ml.Transforms.Strokes("Altered", "Image", thickness: 1, seed: 5).Fit(view);
        var inOrder = Pairs(strokes.Transform(view));
        var shuffled = Pairs(strokes.Transform(ml.Data.ShuffleRows(view, seed: 3)));
        var reversed = Pairs(strokes.Transform(Support.Cifar10Data.Dataset.ToDataView(Cifar10Split.Test, Enumerable.Range(0, Rows).Reverse())));
        shuffled.Keys.Should().BeEquivalentTo(inOrder.Keys);
        foreach (var key in inOrder.Keys)
        {
            shuffled[key].Should().Be(inOrder[key]);
            reversed[key].Should().Be(inOrder[key]);
        }
        var otherSeed = Pairs(ml.Transforms.Strokes("Altered", "Image", thickness: 1, seed: 6).Fit(view).Transform(view));
        inOrder.Keys.Count(k => otherSeed[k] == inOrder[k]).Should().Be(0);
    }

    [Fact]
    public void Replaces_the_input_column_when_no_input_is_named_and_works_in_a_prediction_engine()
    {
        var view = Support.Cifar10Data.Dataset.ToDataView(Cifar10Split.Test, Enumerable.Range(0, 4));
        var image = Support.Cifar10Data.Dataset.Test[2].Image;
        var replaced = ml.Transforms.BlockPermutation("Image", blocks: 4, seed: 2).Fit(view).Transform(view);
        replaced.Schema.Count(c => c.Name == "Image" && !c.IsHidden).Should().Be(1);
        replaced.GetColumn<float[]>("Image").ElementAt(2).Should().Equal(new BlockPermutation(4).Apply(image, 3, 32, 32, AlterationSeed.For(2, image)));

        var rows = ml.Data.LoadFromEnumerable([new ImageRow { Image = image }]);
        var model = ml.Transforms.Strokes("Altered", "Image", thickness: 3, seed: 2).Fit(rows);
        var engine = ml.Model.CreatePredictionEngine<ImageRow, AlteredRow>(model);
        var expected = new Strokes(3).Apply(image, 3, 32, 32, AlterationSeed.For(2, image));
        engine.Predict(new ImageRow { Image = image }).Altered.Should().Equal(expected);
        engine.Predict(new ImageRow { Image = image }).Altered.Should().Equal(expected, "a second row is altered again, not served from a stale cache");
        var other = Support.Cifar10Data.Dataset.Test[3].Image;
        engine.Predict(new ImageRow { Image = other }).Altered.Should().Equal(new Strokes(3).Apply(other, 3, 32, 32, AlterationSeed.For(2, other)));
    }

    [Fact]
    public void Fit_rejects_a_missing_a_flat_or_an_indivisible_image_column_and_Save_is_refused()
    {
        var view = Support.Cifar10Data.Dataset.ToDataView(Cifar10Split.Test, Enumerable.Range(0, 2));
        var missing = () => ml.Transforms.Strokes("Altered", "Pixels").Fit(view);
        missing.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Pixels' was not found*'Image'*");
        var flat = () => ml.Transforms.Strokes("Altered", "Class").Fit(view);
        flat.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*[channels, height, width]*");
        var indivisible = () => ml.Transforms.BlockPermutation("Altered", "Image", blocks: 3).Fit(view);
        indivisible.Should().Throw<ArgumentException>().WithMessage("*divisible by 3*");

        // SchemaShape.Create is internal to ML.NET (estimator chains call it); reach it the way they do.
        var create = typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(DataViewSchema)])!;
        var shape = ml.Transforms.Strokes("Altered", "Image").GetOutputSchema((SchemaShape)create.Invoke(null, [view.Schema])!);
        shape.Should().Contain(c => c.Name == "Altered" && c.Kind == SchemaShape.Column.VectorKind.Vector && c.ItemType == NumberDataViewType.Single);

        var model = ml.Transforms.Strokes("Altered", "Image").Fit(view);
        var save = () => ml.Model.Save(model, view.Schema, new MemoryStream());
        save.Should().Throw<NotSupportedException>().WithMessage("*Strokes 1*cannot be saved*");
    }

    private (ImageAlteration Alteration, ImageAlterationEstimator Estimator) Create(string name, int seed) => name switch
    {
        "block 2" => (new BlockPermutation(2), ml.Transforms.BlockPermutation("Altered", "Image", blocks: 2, seed: seed)),
        "block 8" => (new BlockPermutation(8), ml.Transforms.BlockPermutation("Altered", "Image", blocks: 8, seed: seed)),
        "strokes 1" => (new Strokes(1), ml.Transforms.Strokes("Altered", "Image", thickness: 1, seed: seed)),
        "strokes 3" => (new Strokes(3), ml.Transforms.Strokes("Altered", "Image", thickness: 3, seed: seed)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Original image → altered image (both as text keys), read in one pass whatever the row order.</summary>
    private static Dictionary<string, string> Pairs(IDataView transformed)
    {
        var pairs = new Dictionary<string, string>();
        using var cursor = transformed.GetRowCursor([transformed.Schema["Image"], transformed.Schema["Altered"]]);
        var getImage = cursor.GetGetter<VBuffer<float>>(transformed.Schema["Image"]);
        var getAltered = cursor.GetGetter<VBuffer<float>>(transformed.Schema["Altered"]);
        VBuffer<float> image = default, altered = default;
        while (cursor.MoveNext())
        {
            getImage(ref image);
            getAltered(ref altered);
            pairs.Add(string.Join(",", image.DenseValues()), string.Join(",", altered.DenseValues()));
        }
        return pairs;
    }
}
