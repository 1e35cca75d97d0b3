using System.Reflection;
using MLNet.DeepSvdd.Cli.Reproduce;
using MLNet.DeepSvdd.Datasets.Alterations;
using MLNet.DeepSvdd.Datasets.Protocols;

namespace MLNet.DeepSvdd.Tests.Cli;

/// <summary><c>reproduce</c> run keys hold every setting that changes a result, and a run made with other settings is never reused.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class RunSettingsTests
{
    private static readonly ColumnSpec OneVsAll = new("One-vs-all", ColumnKind.OneVsAll);
    private static readonly MethodSpec Forest = new ShallowMethod("IF w/ PCA", ShallowDetector.IsolationForest, ShallowFeatures.Pca);
    private static readonly MethodSpec Noise = new DeepSvddMethod("D. SVDD w/ bias & noise reg.", UseBias: true, CollapseRegularizer.NoiseInjection);

    private static string Hash(ReproduceProfile profile, ColumnSpec column, MethodSpec method) => RunSettings.Hash(RunSettings.Canonical(profile, column, method));

    [Fact]
    public void Every_profile_and_every_setting_that_changes_a_run_changes_its_key()
    {
        var smoke = ReproduceProfile.Smoke;
        string baseline = Hash(smoke, OneVsAll, Noise);
        new[] { Hash(ReproduceProfile.Cpu, OneVsAll, Noise), Hash(ReproduceProfile.Full, OneVsAll, Noise), baseline }.Should().OnlyHaveUniqueItems();

        var changed = new Dictionary<string, string>
        {
            ["name"] = Hash(smoke with { Name = "cpu" }, OneVsAll, Noise),
            ["epochs"] = Hash(smoke with { Epochs = 2 }, OneVsAll, Noise),
            ["one-vs-all limit"] = Hash(smoke with { OneVsAll = smoke.OneVsAll with { Train = 101 } }, OneVsAll, Noise),
            ["alteration sampling"] = Hash(smoke with { Alteration = smoke.Alteration with { Sampling = LimitSampling.Proportional } }, OneVsAll, Noise),
            ["GEO epochs (init-only)"] = Hash(smoke with { GeoEpochs = 2 }, OneVsAll, Noise),
            ["GEO limit"] = Hash(smoke with { GeoTrainLimit = null }, OneVsAll, Noise),
            ["GEO network"] = Hash(smoke with { GeoNetwork = DeepSvddNetwork.ResNet18Pretrained }, OneVsAll, Noise),
            ["column kind"] = Hash(smoke, OneVsAll with { Kind = ColumnKind.SemiSupervisedOneVsAll }, Noise),
            ["head learning rate"] = Hash(smoke, OneVsAll with { HeadLearningRate = 1e-2f }, Noise),
            ["max-pool"] = Hash(smoke, OneVsAll with { UseMaxPool = false }, Noise),
            ["regularizer"] = Hash(smoke, OneVsAll, new DeepSvddMethod(Noise.Name, UseBias: true, CollapseRegularizer.VarianceHinge)),
            ["bias"] = Hash(smoke, OneVsAll, new DeepSvddMethod(Noise.Name, UseBias: false, CollapseRegularizer.NoiseInjection)),
            ["weighting"] = Hash(smoke, OneVsAll, new DeepSvddMethod(Noise.Name, true, CollapseRegularizer.NoiseInjection, Weighting: RegularizerWeighting.Fixed)),
            ["method type"] = Hash(smoke, OneVsAll, Forest),
        };
        foreach (var (what, hash) in changed) hash.Should().NotBe(baseline, what);
        changed.Values.Should().OnlyHaveUniqueItems();

        // An alteration's own parameter (a get-only property of a concrete type behind the abstract ImageAlteration) is in the key.
        var bp4 = new ColumnSpec("Bp", ColumnKind.Alteration, TestAnomalies: new BlockPermutation(4));
        Hash(smoke, bp4, Forest).Should().NotBe(Hash(smoke, bp4 with { TestAnomalies = new BlockPermutation(8) }, Forest));
        Hash(smoke, bp4, Forest).Should().NotBe(Hash(smoke, bp4 with { TestAnomalies = new Strokes(4) }, Forest));

        // What a single run does not depend on: how many seeds and which classes the table runs (the run's own are in its key).
        Hash(smoke with { Seeds = 5 }, OneVsAll, Noise).Should().Be(baseline);
        Hash(smoke with { OneVsAllClasses = [0, 1, 2] }, OneVsAll, Noise).Should().Be(baseline);
        Hash(smoke, OneVsAll with { PaperColumns = ["VOC2012 Strokes 5"] }, Noise).Should().Be(baseline);
    }

    [Fact]
    public void Every_stored_setting_of_the_profile_column_and_method_is_in_the_canonical_settings_without_listing_them()
    {
        // A setting added later (e.g. an input resolution) is a property with a setter or an auto-property: it must show up here by itself.
        string canonical = RunSettings.Canonical(ReproduceProfile.Cpu, OneVsAll, Noise);
        foreach (var type in new[] { typeof(ReproduceProfile), typeof(ColumnSpec), typeof(DeepSvddMethod), typeof(ProtocolLimits) })
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                bool stored = property.CanWrite || type.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is not null
                    || type.BaseType?.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is not null;
                bool excluded = RunSettings.Excluded.Concat(RunSettings.OmittedWhenNull).Any(e => e.Type == type && e.Member == property.Name);
                if (stored && !excluded) canonical.Should().Contain($"\"{property.Name}\":", $"{type.Name}.{property.Name} changes a run");
            }
        canonical.Should().NotContain("\"Reductions\"", "computed text is not a setting").And.NotContain("\"Seeds\"");
        RunSettings.Canonical(ReproduceProfile.Cpu, OneVsAll, Noise).Should().Be(canonical, "the canonical form is stable");
    }

    [Fact]
    public void The_patch_representation_is_part_of_the_key_and_the_paper_rows_keep_the_keys_they_had_before_it()
    {
        var strokes = new ColumnSpec("Strokes 1", ColumnKind.Alteration, TestAnomalies: new Strokes(1));
        // The paper's rows leave Representation null: their canonical settings (and so their hashes) are those of the runs stored before it existed.
        foreach (string id in PaperTables.Ids)
        {
            var table = PaperTables.Get(id);
            foreach (var method in table.Methods.OfType<DeepSvddMethod>().Where(m => m.Representation is null))
                RunSettings.Canonical(ReproduceProfile.Cpu, table.Columns[0], method).Should().NotContain("Representation", $"{id}: {method.Name}");
        }
        var patches = PaperTables.Get("III").Methods.OfType<DeepSvddMethod>().Single(m => m.Representation == DeepSvddRepresentation.Patches);
        var both = PaperTables.Get("III").Methods.OfType<DeepSvddMethod>().Single(m => m.Representation == DeepSvddRepresentation.PooledAndPatches);
        patches.Id.Should().Be("patch-level-d-svdd-w-noise-reg");
        both.Id.Should().Be("pooled-patch-d-svdd-w-noise-reg");
        foreach (string documented in new[] { "d-svdd-w-bias-noise-reg", "d-svdd-w-bias", "d-svdd" + "-w-bias-noise-reg-proposed" })
            Reproduction.SelectMethods(PaperTables.Get("III"), documented)
                .Should().NotContain(patches, $"docs/reproducing-the-paper.md's --methods {documented} selects the paper's rows only")
                .And.NotContain(both);
        Reproduction.SelectMethods(PaperTables.Get("III"), "patch-level").Should().Equal([patches], "the documented --methods patch-level selects that row alone");
        RunSettings.Canonical(ReproduceProfile.Smoke, strokes, both).Should().Contain("\"Representation\":\"PooledAndPatches\"");
        RunSettings.Canonical(ReproduceProfile.Smoke, strokes, patches).Should().Contain("\"Representation\":\"Patches\"");
        var noise = PaperTables.Get("III").Methods.OfType<DeepSvddMethod>().Single(m => m.Name == "D. SVDD w/ bias & noise reg. (proposed)");
        Hash(ReproduceProfile.Smoke, strokes, patches).Should().NotBe(Hash(ReproduceProfile.Smoke, strokes, noise with { Name = patches.Name }),
            "the representation alone changes the key");
        Hash(ReproduceProfile.Smoke, strokes, noise with { Representation = DeepSvddRepresentation.Pooled })
            .Should().NotBe(Hash(ReproduceProfile.Smoke, strokes, noise), "once set, even to the default's value, it is a setting like any other");
    }

    [Fact]
    public void Table_V_runs_each_variant_with_the_library_s_defaults_and_with_the_paper_s_recipe_and_the_default_rows_keep_their_keys()
    {
        var table = PaperTables.Get("V");
        var methods = table.Methods.OfType<DeepSvddMethod>().ToList();
        methods.Should().HaveCount(8);
        var defaults = methods.Where(m => m.TrainEveryLayer is null).ToList();
        var recipe = methods.Where(m => m.TrainEveryLayer == true).ToList();
        defaults.Select(m => m.Name).Should().Equal(recipe.Select(m => m.Name), "the same four variants, twice");
        defaults.Should().OnlyContain(m => m.Group == null, "ungrouped: their run keys are those of the runs stored before the recipe rows");
        recipe.Should().OnlyContain(m => m.Group == "Paper recipe");
        var column = table.Columns[0];
        foreach (var m in defaults) RunSettings.Canonical(ReproduceProfile.Cpu, column, m).Should().NotContain("TrainEveryLayer");
        RunSettings.Canonical(ReproduceProfile.Cpu, column, recipe[0]).Should().Contain("\"TrainEveryLayer\":true");
        ExperimentRunner.KeyOf(column, 0, 1, recipe[0]).Method.Should().StartWith("paper-recipe-");

        var validation = new MLContext().Data.LoadFromEnumerable(new[] { new { Label = 0f } });
        var scaled = MethodRunner.DeepOptions(defaults[2], column, ReproduceProfile.Cpu, 1, validation);
        var faithful = MethodRunner.DeepOptions(recipe[2], column, ReproduceProfile.Cpu, 1, validation);
        (scaled.FreezeThrough, scaled.FreezeBatchNorm).Should().Be(((BackboneStage?)null, (bool?)null), "the library's defaults resolve them");
        (faithful.FreezeThrough, faithful.FreezeBatchNorm).Should().Be(((BackboneStage?)BackboneStage.None, (bool?)false));
        foreach (var options in new[] { scaled, faithful })
        {
            options.HeadLearningRate.Should().BeApproximately(1e-3, 1e-9, "column 1's rate for g");
            options.LearningRate!.Value.Should().BeApproximately(1e-4, 1e-10, "a tenth for the other layers (the paper's ratio)");
            options.ThrowOnDivergence.Should().BeFalse("a diverged run keeps its best epoch before the divergence, as the paper reports");
        }
    }

    [Fact]
    public void Columns_are_selected_by_their_ids_or_parts_of_them_and_an_unknown_name_lists_the_table_s_columns()
    {
        var table = PaperTables.Get("II");
        table.Columns.Select(c => c.Id).Should().Equal("block-permutation-2x2", "block-permutation-8x8");
        Reproduction.SelectColumns(table, "block-permutation-8x8").Select(c => c.Id).Should().Equal("block-permutation-8x8");
        Reproduction.SelectColumns(table, "8x8, 2x2").Select(c => c.Id).Should().Equal(["block-permutation-2x2", "block-permutation-8x8"], "the table's order, not the list's");
        Reproduction.SelectColumns(PaperTables.Get("III"), "strokes").Select(c => c.Id).Should().Equal("strokes-1");
        var unknown = () => Reproduction.SelectColumns(table, "strokes-1");
        unknown.Should().Throw<ArgumentException>().WithMessage("--columns 'strokes-1' matches no column of table II. Its columns: block-permutation-2x2, block-permutation-8x8.");
    }

    [Fact]
    public void A_run_made_with_another_profile_or_other_settings_is_never_reused_and_the_counts_say_so()
    {
        // The case: a folder holding smoke runs, then --profile cpu into it reused them as cpu runs.
        string folder = Path.Combine(Path.GetTempPath(), "deepsvdd-runkeys-" + Guid.NewGuid().ToString("N"));
        var table = new TableSpec("T", "one cell", [OneVsAll], [Forest], new PaperResults([], []), null);
        var cifar = Cifar10Data.Dataset;
        try
        {
            RunCounts Run(ReproduceProfile profile, bool reportOnly = false)
            {
                var runner = new ExperimentRunner(cifar, profile, folder, _ => { });
                var results = runner.Run(table, CancellationToken.None, reportOnly);
                results.Values.Should().OnlyContain(r => r.SettingsHash.Length == 12);
                return runner.Counts!;
            }
            var smoke = ReproduceProfile.Smoke;
            Run(smoke).Should().Be(new RunCounts(Planned: 1, Reused: 0, Executed: 1, OtherSettings: 0));
            string first = Directory.GetFiles(Path.Combine(folder, "runs")).Single();
            var written = File.GetLastWriteTimeUtc(first);

            Run(smoke).Should().Be(new RunCounts(1, 1, 0, 0));
            File.GetLastWriteTimeUtc(first).Should().Be(written, "a run with the same settings is reused, not repeated");

            var cpuNamed = smoke with { Name = "cpu" };
            Run(cpuNamed).Should().Be(new RunCounts(1, 0, 1, 1), "the smoke run is not a cpu run");
            Run(smoke with { OneVsAll = smoke.OneVsAll with { Train = 80 } }).Should().Be(new RunCounts(1, 0, 1, 2), "other limits give other results");
            Directory.GetFiles(Path.Combine(folder, "runs")).Should().HaveCount(3, "runs of other settings are kept, not overwritten");
            File.GetLastWriteTimeUtc(first).Should().Be(written);

            // More seeds: seed 1's run is reused (same settings), seed 2's is missing.
            Run(smoke with { Seeds = 2 }, reportOnly: true).Should().Be(new RunCounts(2, 1, 0, 2));
            Run(cpuNamed).Should().Be(new RunCounts(1, 1, 0, 2));

            // A stored run whose recorded settings differ from its file name's (edited or copied by hand) is not trusted.
            string text = File.ReadAllText(first);
            File.WriteAllText(first, text.Replace("\"Epochs\":1", "\"Epochs\":7"));
            Run(smoke).Should().Be(new RunCounts(1, 0, 1, 2));
            File.ReadAllText(first).Should().Contain("\"Epochs\":1");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
