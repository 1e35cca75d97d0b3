using System.Security.Cryptography;

namespace MLNet.DeepSvdd.Datasets;

/// <summary>
/// Downloads the official cifar-10-binary.tar.gz and verifies its MD5. The file is written as <c>….part</c> and renamed only once its
/// checksum matches, so a target directory never holds a partial or corrupt tarball under the final name.
/// </summary>
internal static class Cifar10Download
{
    public const string Url = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    public const string FileName = "cifar-10-binary.tar.gz";
    public const string Md5 = "c32a1d4ab5d03f1284b67883e8d87530";

    private const int BufferSize = 1 << 20;

    public static string Run(string targetDirectory, IProgress<(long done, long total)>? progress, HttpMessageHandler handler, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetDirectory);
        Directory.CreateDirectory(targetDirectory);
        string target = Path.Combine(targetDirectory, FileName);
        if (File.Exists(target) && Md5Of(target) == Md5) return target;

        string partial = target + ".part";
        try
        {
            using var client = new HttpClient(handler, disposeHandler: false);
            using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, Url), HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            long total = response.Content.Headers.ContentLength ?? -1;
            using (var body = response.Content.ReadAsStream(ct))
            using (var file = File.Create(partial))
            using (var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5))
            {
                var buffer = new byte[BufferSize];
                long done = 0;
                int read;
                while ((read = body.Read(buffer)) > 0)
                {
                    ct.ThrowIfCancellationRequested();
                    file.Write(buffer, 0, read);
                    md5.AppendData(buffer, 0, read);
                    done += read;
                    progress?.Report((done, total));
                }
                string actual = Convert.ToHexStringLower(md5.GetHashAndReset());
                if (actual != Md5)
                {
                    throw new InvalidDataException(
                        $"The download from {Url} has MD5 {actual} ({done} bytes); the official {FileName} has MD5 {Md5}. {WhatToProvide}");
                }
            }
            File.Move(partial, target, overwrite: true);
            return target;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new IOException($"Could not download CIFAR-10 from {Url}: {e.Message} {WhatToProvide}", e);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>What to do instead, for every error message.</summary>
    public static string WhatToProvide =>
        "Without network access, provide CIFAR-10 yourself: the directory of the binary batches (" +
        $"{string.Join(", ", Cifar10Format.AllFiles)}) or the official {FileName} (MD5 {Md5}, from {Url}), and pass its path to " +
        $"Cifar10Dataset.Load or set the environment variable {Cifar10Dataset.EnvironmentVariable} to it.";

    private static string Md5Of(string path)
    {
        using var file = File.OpenRead(path);
#pragma warning disable CA5351 // Not security: the CIFAR-10 site publishes the tarball's MD5, which this compares to catch a truncated download.
        return Convert.ToHexStringLower(MD5.HashData(file));
#pragma warning restore CA5351
    }
}
