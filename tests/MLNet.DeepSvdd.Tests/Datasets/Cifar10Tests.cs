using System.Net;

namespace MLNet.DeepSvdd.Tests.Datasets;

public class Cifar10Tests(Cifar10Fixture real) : IClassFixture<Cifar10Fixture>, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("deepsvdd-cifar-").FullName;
    private readonly MLContext ml = new(seed: 1);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    // ---- the real data ----

    [Fact]
    public void Real_data_has_50000_train_and_10000_test_images_balanced_over_the_ten_named_classes()
    {
        var data = real.Data;
        data.ClassNames.Should().Equal(Cifar10Files.ClassNames);
        data.Train.Count.Should().Be(50_000);
        data.Test.Count.Should().Be(10_000);
        CountPerClass(data.Train).Should().OnlyContain(n => n == 5_000);
        CountPerClass(data.Test).Should().OnlyContain(n => n == 1_000);
    }

    [Fact]
    public void Real_images_are_the_raw_bytes_in_planar_RGB_order_unscaled()
    {
        var data = real.Data;
        var raw = real.RawRecord("test_batch.bin", 0);
        var first = data.Test[0];
        raw[0].Should().Be(3, "the first test image of the official CIFAR-10 is a cat");
        first.Class.Should().Be(raw[0]);
        first.ClassName.Should().Be("cat");
        first.Image.Should().HaveCount(3 * 32 * 32);
        // (channel, y, x) = (c, 0, 0), (1, 5, 7) and (2, 31, 31): R plane at byte 1, G at 1 + 1024, B at 1 + 2048, each row-major 32x32.
        first.Image[0].Should().Be(raw[1]);
        first.Image[1024].Should().Be(raw[1 + 1024]);
        first.Image[2048].Should().Be(raw[1 + 2048]);
        first.Image[1024 + 5 * 32 + 7].Should().Be(raw[1 + 1024 + 5 * 32 + 7]);
        first.Image[2048 + 31 * 32 + 31].Should().Be(raw[1 + 2048 + 31 * 32 + 31]);
        first.Image.Should().Equal(raw.Skip(1).Select(b => (float)b));
        first.Image.Max().Should().BeGreaterThan(1, "values are 0-255, not scaled to 0-1");

        // The training split is data_batch_1 … data_batch_5 in order.
        data.Train[0].Class.Should().Be(6, "the first training image of the official CIFAR-10 is a frog");
        AssertIsRecord(data.Train[0], real.RawRecord("data_batch_1.bin", 0));
        AssertIsRecord(data.Train[10_000], real.RawRecord("data_batch_2.bin", 0));
        AssertIsRecord(data.Train[49_999], real.RawRecord("data_batch_5.bin", 9_999));
        AssertIsRecord(data.Test[9_999], real.RawRecord("test_batch.bin", 9_999));
    }

    [Fact]
    public void Data_view_has_an_image_vector_of_dimensions_3_32_32_an_int_class_and_a_text_class_name()
    {
        var view = real.Data.ToDataView(Cifar10Split.Test);
        var image = view.Schema["Image"].Type.Should().BeOfType<VectorDataViewType>().Subject;
        image.ItemType.Should().Be(NumberDataViewType.Single);
        image.Dimensions.Should().Equal(3, 32, 32);
        image.Size.Should().Be(3072);
        view.Schema["Class"].Type.Should().Be(NumberDataViewType.Int32);
        view.Schema["ClassName"].Type.Should().Be(TextDataViewType.Instance);
        view.Schema.Should().HaveCount(3);
        view.GetRowCount().Should().Be(10_000);
        real.Data.ToDataView(Cifar10Split.Train).GetRowCount().Should().Be(50_000);
    }

    [Fact]
    public void Data_view_rows_are_the_selected_images_in_the_given_order()
    {
        var test = real.Data.Test;
        int[] selected = [9_999, 0, 17, 0];
        var rows = ml.Data.CreateEnumerable<Cifar10Image>(real.Data.ToDataView(Cifar10Split.Test, selected), reuseRowObject: false).ToList();
        rows.Should().HaveCount(selected.Length);
        for (int i = 0; i < selected.Length; i++) AssertSame(rows[i], test[selected[i]]);
    }

    [Fact]
    public void Data_view_of_one_class_reads_only_that_class()
    {
        var train = real.Data.Train;
        var cats = Enumerable.Range(0, train.Count).Where(i => train.ClassOf(i) == 3);
        var view = real.Data.ToDataView(Cifar10Split.Train, cats);
        view.GetRowCount().Should().Be(5_000);
        view.GetColumn<int>("Class").Should().HaveCount(5_000).And.OnlyContain(c => c == 3);
        view.GetColumn<ReadOnlyMemory<char>>("ClassName").Select(n => n.ToString()).Should().OnlyContain(n => n == "cat");
    }

    [Fact]
    public void Shuffled_data_view_holds_the_same_rows_in_another_order()
    {
        var view = real.Data.ToDataView(Cifar10Split.Test, Enumerable.Range(0, 200));
        var inOrder = view.GetColumn<int>("Class").ToArray();
        using (var cursor = view.GetRowCursor(view.Schema, new Random(5)))
        {
            var getId = cursor.GetIdGetter();
            var getClass = cursor.GetGetter<int>(view.Schema["Class"]);
            var ids = new List<ulong>();
            DataViewRowId id = default;
            int label = 0;
            while (cursor.MoveNext())
            {
                getId(ref id);
                getClass(ref label);
                label.Should().Be(inOrder[(int)id.Low], "a row's id is its number in the view, whatever the order");
                ids.Add(id.Low);
            }
            ids.Should().BeEquivalentTo(Enumerable.Range(0, 200).Select(i => (ulong)i)).And.NotBeInAscendingOrder();
        }
        var shuffled = ml.Data.ShuffleRows(view, seed: 3).GetColumn<int>("Class").ToArray();
        shuffled.Should().BeEquivalentTo(inOrder).And.NotEqual(inOrder);
    }

    [Fact]
    public void Tar_gz_is_read_directly_and_equals_the_directory()
    {
        var files = Cifar10Files.Truncated(real.Directory, records: 20);
        var fromTar = Cifar10Dataset.Load(Cifar10Files.WriteTarGz(Path.Combine(directory, "cifar-10-binary.tar.gz"), files));
        var fromDirectory = Cifar10Dataset.Load(Cifar10Files.WriteDirectory(Path.Combine(directory, "cifar-10-batches-bin"), files));

        fromTar.ClassNames.Should().Equal(real.Data.ClassNames);
        fromTar.Train.Count.Should().Be(100);
        fromTar.Test.Count.Should().Be(20);
        AssertSame(fromTar.Train, fromDirectory.Train);
        AssertSame(fromTar.Test, fromDirectory.Test);
        for (int i = 0; i < 100; i++) AssertSame(fromTar.Train[i], real.Data.Train[i / 20 * 10_000 + i % 20]);
        for (int i = 0; i < 20; i++) AssertSame(fromTar.Test[i], real.Data.Test[i]);
    }

    // ---- synthetic files: layout and validation ----

    [Fact]
    public void Synthetic_batches_load_in_file_order_with_every_pixel_in_place()
    {
        var data = Cifar10Dataset.Load(WriteSynthetic());
        data.Train.Count.Should().Be(25);
        data.Test.Count.Should().Be(5);
        for (int b = 0; b < 5; b++)
            for (int r = 0; r < 5; r++)
                AssertIsRecord(data.Train[b * 5 + r], Cifar10Files.SyntheticBatch(b, 5).AsSpan(r * 3073, 3073).ToArray());
        AssertIsRecord(data.Test[4], Cifar10Files.SyntheticBatch(5, 5).AsSpan(4 * 3073, 3073).ToArray());
        data.Test[4].ClassName.Should().Be(Cifar10Files.ClassNames[(5 + 4) % 10]);
    }

    [Fact]
    public void A_truncated_batch_is_rejected_with_its_name_and_size()
    {
        string dir = WriteSynthetic(files => files["data_batch_3.bin"] = files["data_batch_3.bin"][..(5 * 3073 - 100)]);
        var act = () => Cifar10Dataset.Load(dir);
        act.Should().Throw<InvalidDataException>()
            .WithMessage($"*{Path.Combine(dir, "data_batch_3.bin")}*15265 bytes*not a multiple*3073*truncated*");
    }

    [Fact]
    public void An_empty_batch_is_rejected()
    {
        string dir = WriteSynthetic(files => files["data_batch_5.bin"] = []);
        var act = () => Cifar10Dataset.Load(dir);
        act.Should().Throw<InvalidDataException>().WithMessage("*data_batch_5.bin*empty*");
    }

    [Fact]
    public void A_label_byte_outside_0_to_9_is_rejected_with_file_record_and_value()
    {
        string dir = WriteSynthetic(files => files["test_batch.bin"][2 * 3073] = 11);
        var act = () => Cifar10Dataset.Load(dir);
        act.Should().Throw<InvalidDataException>()
            .WithMessage($"*{Path.Combine(dir, "test_batch.bin")}*record 2*label byte 11*0-9*");
    }

    [Fact]
    public void Missing_files_are_all_listed()
    {
        string dir = WriteSynthetic(files => { files.Remove("test_batch.bin"); files.Remove("data_batch_2.bin"); });
        var act = () => Cifar10Dataset.Load(dir);
        var error = act.Should().Throw<FileNotFoundException>()
            .WithMessage($"*{dir}*lacks data_batch_2.bin, test_batch.bin*Expected*data_batch_1.bin*batches.meta.txt*").Which;
        error.FileName.Should().Be(Path.Combine(dir, "data_batch_2.bin"));
    }

    [Theory]
    [InlineData("airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\n", "9 line(s)")]
    [InlineData("airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\nzebra\n", "11 line(s)")]
    [InlineData("airplane\nautomobile\nbird\ncat\n\ndog\nfrog\nhorse\nship\ntruck\n", "10 line(s)*\"\"")]
    [InlineData("airplane\nairplane\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n", "10 line(s)*\"airplane\", \"airplane\"")]
    public void A_meta_file_without_ten_distinct_class_names_is_rejected(string meta, string found)
    {
        string dir = WriteSynthetic(files => files["batches.meta.txt"] = System.Text.Encoding.ASCII.GetBytes(meta));
        var act = () => Cifar10Dataset.Load(dir);
        act.Should().Throw<InvalidDataException>()
            .WithMessage($"*{Path.Combine(dir, "batches.meta.txt")}*10 distinct class names, one per line*{found}*");
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_in_the_meta_file_are_accepted()
    {
        byte[] meta = [.. System.Text.Encoding.UTF8.Preamble, .. System.Text.Encoding.ASCII.GetBytes(string.Join("\r\n", Cifar10Files.ClassNames))];
        string dir = WriteSynthetic(files => files["batches.meta.txt"] = meta);
        Cifar10Dataset.Load(dir).ClassNames.Should().Equal(Cifar10Files.ClassNames);
    }

    [Fact]
    public void A_tar_gz_without_test_batch_names_the_missing_member()
    {
        var files = Cifar10Files.Synthetic();
        files.Remove("test_batch.bin");
        string tar = Cifar10Files.WriteTarGz(Path.Combine(directory, "cifar-10-binary.tar.gz"), files);
        var act = () => Cifar10Dataset.Load(tar);
        act.Should().Throw<FileNotFoundException>().WithMessage($"*archive '{tar}' lacks test_batch.bin*")
            .Which.FileName.Should().Be($"{tar}/cifar-10-batches-bin/test_batch.bin");
    }

    [Fact]
    public void A_file_that_is_not_a_tar_gz_is_rejected_with_what_was_expected()
    {
        string path = Path.Combine(directory, "cifar.tar.gz");
        File.WriteAllText(path, "not a tarball");
        var act = () => Cifar10Dataset.Load(path);
        act.Should().Throw<InvalidDataException>().WithMessage($"*'{path}' is not a readable gzip-compressed tar*cifar-10-binary.tar.gz*");
    }

    [Fact]
    public void A_path_that_does_not_exist_says_what_to_provide()
    {
        string path = Path.Combine(directory, "nowhere");
        var act = () => Cifar10Dataset.Load(path);
        act.Should().Throw<DirectoryNotFoundException>().WithMessage($"*'{path}'*data_batch_1.bin*cifar-10-binary.tar.gz*");
    }

    [Fact]
    public void Row_indices_outside_the_split_are_rejected()
    {
        var data = Cifar10Dataset.Load(WriteSynthetic());
        var act = () => data.ToDataView(Cifar10Split.Test, [0, 5]);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*rowIndices[1] is 5*Test split has images 0 to 4*");
    }

    // ---- locating and downloading ----

    [Fact]
    public void The_library_takes_the_environment_variable_and_searches_no_folders_while_the_test_fixture_finds_shared_data_above_a_checkout()
    {
        Cifar10Location.Find("/data/cifar").Should().Be("/data/cifar");
        Cifar10Location.Find(" /data/cifar ").Should().Be("/data/cifar");
        Cifar10Location.Find(null).Should().BeNull();
        Cifar10Location.Find(" ").Should().BeNull();

        string shared = Directory.CreateDirectory(Path.Combine(directory, "shared", "data", "cifar-10-batches-bin")).FullName;
        string deep = Directory.CreateDirectory(Path.Combine(directory, "repo", "tests", "bin")).FullName;
        Support.Cifar10Data.FindShared(deep).Should().Be(shared);
        Support.Cifar10Data.FindShared(Path.Combine(Path.GetTempPath(), "not-a-cifar-place")).Should().BeNull();
    }

    [Fact]
    public void Download_without_network_says_what_to_provide_and_leaves_nothing_behind()
    {
        using var handler = new FakeHandler(_ => throw new HttpRequestException("Name or service not known (www.cs.toronto.edu:443)"));
        var act = () => Cifar10Download.Run(directory, null, handler, CancellationToken.None);
        act.Should().Throw<IOException>().WithMessage(
            "Could not download CIFAR-10 from https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz: Name or service not known*" +
            "directory of the binary batches*data_batch_1.bin*test_batch.bin*batches.meta.txt*cifar-10-binary.tar.gz*" +
            "c32a1d4ab5d03f1284b67883e8d87530*Cifar10Dataset.Load*DEEPSVDD_CIFAR10_DIR*");
        Directory.EnumerateFileSystemEntries(directory).Should().BeEmpty();
    }

    [Fact]
    public void Download_with_an_http_error_says_what_to_provide()
    {
        using var handler = new FakeHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        var act = () => Cifar10Download.Run(directory, null, handler, CancellationToken.None);
        act.Should().Throw<IOException>().WithMessage("*404*DEEPSVDD_CIFAR10_DIR*");
    }

    [Fact]
    public void A_download_with_the_wrong_checksum_is_reported_and_deleted()
    {
        byte[] body = new byte[3 << 20];
        using var handler = new FakeHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
        var progress = new RecordingProgress();
        var act = () => Cifar10Download.Run(directory, progress, handler, CancellationToken.None);
        act.Should().Throw<InvalidDataException>().WithMessage($"*MD5 *{body.Length} bytes*official*c32a1d4ab5d03f1284b67883e8d87530*");
        progress.Reports.Should().NotBeEmpty().And.EndWith((body.Length, body.Length));
        Directory.EnumerateFileSystemEntries(directory).Should().BeEmpty();
    }

    // ---- helpers ----

    private string WriteSynthetic(Action<Dictionary<string, byte[]>>? change = null)
    {
        var files = Cifar10Files.Synthetic();
        change?.Invoke(files);
        return Cifar10Files.WriteDirectory(Path.Combine(directory, "cifar-10-batches-bin"), files);
    }

    private static int[] CountPerClass(Cifar10Images images)
    {
        var counts = new int[10];
        for (int i = 0; i < images.Count; i++) counts[images.ClassOf(i)]++;
        return counts;
    }

    private static void AssertIsRecord(Cifar10Image image, byte[] record)
    {
        image.Class.Should().Be(record[0]);
        image.Image.Should().Equal(record.Skip(1).Select(b => (float)b));
    }

    private static void AssertSame(Cifar10Image actual, Cifar10Image expected)
    {
        actual.Class.Should().Be(expected.Class);
        actual.ClassName.Should().Be(expected.ClassName);
        actual.Image.Should().Equal(expected.Image);
    }

    private static void AssertSame(Cifar10Images actual, Cifar10Images expected)
    {
        actual.Count.Should().Be(expected.Count);
        for (int i = 0; i < actual.Count; i++) AssertSame(actual[i], expected[i]);
    }

    private sealed class FakeHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => respond(request);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(respond(request));
    }

    private sealed class RecordingProgress : IProgress<(long done, long total)>
    {
        public List<(long, long)> Reports { get; } = [];

        public void Report((long done, long total) value) => Reports.Add(value);
    }
}
