namespace MLNet.DeepSvdd.Tests.Runtime;

/// <summary>
/// <c>eng/install-native-prereqs.sh</c> must never upgrade the C library silently. These run the script with a fake libstdc++ (without
/// the symbol) and a fake <c>/etc/os-release</c>, on paths that stop before anything is changed, and check its exit codes and messages.
/// </summary>
public class NativePrereqsScriptTests
{
    [Fact]
    public void Without_a_terminal_or_the_flag_it_refuses_on_Debian_12_names_the_flag_and_says_the_C_library_would_change()
    {
        var (code, output) = Run("ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");

        code.Should().Be(3, output);
        output.Should().Contain("--allow-libc-upgrade").And.Contain("C library").And.Contain("libc6").And.Contain("Nothing was changed");
        output.Should().Contain("Ubuntu 24.04").And.Contain("container", "the clean routes come with every refusal");
    }

    [Theory]
    [InlineData("ID=arch\nPRETTY_NAME=\"Arch Linux\"\n", "Arch Linux")]
    [InlineData("ID=opensuse-leap\nVERSION_ID=\"15.5\"\n", "opensuse-leap")]
    [InlineData("", "unknown distribution")]
    public void On_a_distribution_it_does_not_know_it_refuses_and_changes_nothing(string osRelease, string named)
    {
        var (code, output) = Run(osRelease, "--allow-libc-upgrade");

        code.Should().Be(1, output);
        output.Should().Contain("refusing").And.Contain(named).And.Contain("changed nothing");
    }

    [Fact]
    public void On_an_older_release_of_a_known_distribution_it_points_to_the_package_manager_or_the_container()
    {
        var (code, output) = Run("ID=ubuntu\nVERSION_ID=\"22.04\"\nPRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\n", "--yes");

        code.Should().Be(1, output);
        output.Should().Contain("Ubuntu 22.04").And.Contain("container").And.Contain("changed nothing");
    }

    [Fact]
    public void Where_libstdcxx_has_the_symbol_it_does_nothing_whatever_the_distribution()
    {
        string library = Path.Combine(Path.GetTempPath(), $"libstdcxx-with-symbol-{Guid.NewGuid():N}.so");
        File.WriteAllText(library, "\0GLIBCXX_3.4.31\0GLIBCXX_3.4.32\0");
        try
        {
            var (code, output) = Run("ID=arch\n", library: library);

            code.Should().Be(0, output);
            output.Should().Contain("nothing to do");
        }
        finally
        {
            File.Delete(library);
        }
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error()
    {
        var (code, output) = Run("ID=debian\nVERSION_ID=\"12\"\n", "--upgrade-everything");

        code.Should().Be(2, output);
        output.Should().Contain("--allow-libc-upgrade");
    }

    [Fact]
    public void CI_passes_the_flag()
    {
        File.ReadAllText(Path.Combine(RepositoryRoot(), ".ci", "run")).Should().Contain("install-native-prereqs.sh --allow-libc-upgrade");
    }

    private static (int Code, string Output) Run(string osRelease, string? argument = null, string? library = null)
    {
        string osFile = Path.Combine(Path.GetTempPath(), $"os-release-{Guid.NewGuid():N}");
        string fakeLibrary = Path.Combine(Path.GetTempPath(), $"libstdcxx-without-symbol-{Guid.NewGuid():N}.so");
        File.WriteAllText(osFile, osRelease);
        File.WriteAllText(fakeLibrary, "\0GLIBCXX_3.4.30\0");
        try
        {
            var start = new ProcessStartInfo("bash")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "eng", "install-native-prereqs.sh"));
            if (argument is not null) start.ArgumentList.Add(argument);
            start.Environment["DEEPSVDD_PREREQS_OS_RELEASE"] = osFile;
            start.Environment["DEEPSVDD_PREREQS_LIBSTDCXX"] = library ?? fakeLibrary;
            using var process = Process.Start(start)!;
            process.StandardInput.Close(); // no terminal
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + error.Result);
        }
        finally
        {
            File.Delete(osFile);
            File.Delete(fakeLibrary);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MLNet.DeepSvdd.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("MLNet.DeepSvdd.sln not found above " + AppContext.BaseDirectory);
    }
}
