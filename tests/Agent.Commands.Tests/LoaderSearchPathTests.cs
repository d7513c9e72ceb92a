using System.Runtime.InteropServices;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests;

/// <summary>
/// The start-up look for libssl searches where glibc's loader does, on a system laid out under a
/// temporary root: the directories of <c>/etc/ld.so.conf</c> and its includes, and the multiarch
/// directories, also without an <c>ld.so.cache</c> (images built without <c>ldconfig</c>).
/// </summary>
public sealed class LoaderSearchPathTests : IDisposable
{
    private const string Name = "libssl.so.3";
    private readonly TemporaryDirectory _root = new("guest-agent-ldconf-");

    [Fact]
    public void A_library_in_the_multiarch_directory_is_found_without_a_cache()
    {
        Install("/usr/lib/x86_64-linux-gnu");

        Assert.True(OpenSslLibrary.IsInstalledUnder(_root.Path, null, "x86_64-linux-gnu", Name));
        // Another architecture's directory is not where this process's loader looks.
        Assert.False(OpenSslLibrary.IsInstalledUnder(_root.Path, null, "aarch64-linux-gnu", Name));
    }

    [Fact]
    public void A_directory_named_in_an_included_configuration_file_is_searched()
    {
        Install("/opt/ssl/lib");
        Assert.False(OpenSslLibrary.IsInstalledUnder(_root.Path, null, null, Name));

        Write("/etc/ld.so.conf", "# comment\ninclude /etc/ld.so.conf.d/*.conf\nhwcap 1 nosegneg\n");
        Write("/etc/ld.so.conf.d/other.txt", "/opt/ssl/lib\n");
        Assert.False(OpenSslLibrary.IsInstalledUnder(_root.Path, null, null, Name));

        Write("/etc/ld.so.conf.d/ssl.conf", "/usr/local/lib:/opt/ssl/lib # two on a line\n");
        Assert.True(OpenSslLibrary.IsInstalledUnder(_root.Path, null, null, Name));
    }

    [Fact]
    public void Relative_includes_are_read_from_the_including_files_directory_and_a_cycle_ends()
    {
        Install("/opt/ssl/lib");
        Write("/etc/ld.so.conf", "include ld.so.conf.d/*.conf\n");
        Write("/etc/ld.so.conf.d/loop.conf", "include /etc/ld.so.conf\n/opt/ssl/lib\n");

        Assert.True(OpenSslLibrary.IsInstalledUnder(_root.Path, null, null, Name));
    }

    [Fact]
    public void A_file_that_is_not_elf_is_not_taken_for_the_library()
    {
        Write("/usr/lib/" + Name, "not a library");

        Assert.False(OpenSslLibrary.IsInstalledUnder(_root.Path, null, "x86_64-linux-gnu", Name));
    }

    [Fact]
    public void Ld_library_path_and_the_trusted_directories_are_searched_and_relative_entries_are_not()
    {
        // LD_LIBRARY_PATH's directories are the loader's own, not paths under the system's root.
        var custom = _root.Combine("opt/custom");
        FixtureDirectories.Create(custom);
        File.WriteAllText(Path.Combine(custom, Name), ElfHeaderOfThisProcess(), System.Text.Encoding.Latin1);
        Assert.False(OpenSslLibrary.IsInstalledUnder(_root.Path, null, null, Name));
        Assert.True(OpenSslLibrary.IsInstalledUnder(_root.Path, "relative/lib::" + custom, null, Name));

        Install("/usr/lib64");
        Assert.True(OpenSslLibrary.IsInstalledUnder(_root.Path, null, null, Name));
    }

    [Fact]
    public void Comments_and_the_old_type_suffix_are_read_as_ldconfig_reads_them()
    {
        Install("/opt/commented/lib");
        Install("/opt/typed/lib");
        Write("/etc/ld.so.conf", "/opt/other/lib # /opt/commented/lib\n#/opt/commented/lib\n");
        Assert.False(OpenSslLibrary.IsInstalledUnder(_root.Path, null, null, Name));

        // "DIRECTORY=TYPE" names DIRECTORY (libc5 days; ldconfig still accepts it).
        Write("/etc/ld.so.conf", "/opt/typed/lib=libc6\n");
        Assert.True(OpenSslLibrary.IsInstalledUnder(_root.Path, null, null, Name));
    }

    [Fact]
    public void An_include_pattern_with_a_question_mark_matches_as_a_wildcard()
    {
        Install("/opt/ssl/lib");
        Write("/etc/ld.so.conf", "include /etc/ld.so.conf.d/ss?.conf\n");
        Write("/etc/ld.so.conf.d/ssl.conf", "/opt/ssl/lib\n");

        Assert.True(OpenSslLibrary.IsInstalledUnder(_root.Path, null, null, Name));
    }

    [Fact]
    public void A_library_only_ld_so_cache_records_is_found()
    {
        Install("/opt/cached/lib");
        Install("/opt/decoy/lib");
        var other = "/opt/decoy/lib/lib" + Name;
        Write("/etc/ld.so.cache", "ld.so-1.7.0\0glibc-ld.so.cache1.1\0\u0001\u0003" + other + "\0/opt/cached/lib/" + Name + "\0/usr/lib/libz.so.1\0");

        Assert.True(OpenSslLibrary.IsInstalledUnder(_root.Path, null, null, Name));
        File.Delete(_root.Combine("opt/cached/lib/" + Name));
        // "liblibssl.so.3" in the cache does not end with "/libssl.so.3".
        Assert.False(OpenSslLibrary.IsInstalledUnder(_root.Path, null, null, Name));
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Another_architectures_libssl_that_a_multiarch_system_lists_is_not_taken_for_this_processs()
    {
        // Debian's arm64 libssl3 beside an amd64 system (dpkg --add-architecture arm64): its directory is in
        // ld.so.conf.d, but the loader skips a library of another machine, so .NET's shim would find none.
        var foreign = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "x86_64-linux-gnu" : "aarch64-linux-gnu";
        var native = LoaderSearchPath.MultiarchOfThisProcess()!;
        var foreignLibrary = $"/usr/lib/{foreign}/{Name}";
        if (!File.Exists(foreignLibrary))
        {
            Requirement.Unmet($"{foreignLibrary} is not installed: dpkg --add-architecture {(foreign.StartsWith("aarch64", StringComparison.Ordinal) ? "arm64" : "amd64")} && apt-get update && apt-get install libssl3:{(foreign.StartsWith("aarch64", StringComparison.Ordinal) ? "arm64" : "amd64")}");
        }

        Write($"/etc/ld.so.conf", "include /etc/ld.so.conf.d/*.conf\n");
        Write($"/etc/ld.so.conf.d/{foreign}.conf", $"/usr/lib/{foreign}\n");
        Copy(foreignLibrary, $"/usr/lib/{foreign}/{Name}");
        Assert.False(OpenSslLibrary.IsInstalledUnder(_root.Path, null, native, Name));

        Copy($"/usr/lib/{native}/{Name}", $"/usr/lib/{native}/{Name}");
        Assert.True(OpenSslLibrary.IsInstalledUnder(_root.Path, null, native, Name));
    }

    [Fact]
    public void A_32_bit_library_of_the_same_machine_is_not_taken()
    {
        // What the loader refuses as "wrong ELF class: ELFCLASS32" and searches on.
        var header = ElfHeaderOfThisProcess().ToCharArray();
        header[4] = '\u0001';
        Write($"/usr/lib/{LoaderSearchPath.MultiarchOfThisProcess()}/{Name}", new string(header));

        Assert.False(OpenSslLibrary.IsInstalledUnder(_root.Path, null, LoaderSearchPath.MultiarchOfThisProcess(), Name));
    }

    [Fact]
    public void A_file_whose_header_is_right_but_for_the_elf_magic_is_not_taken()
    {
        // What the loader refuses as "invalid ELF header".
        var header = ElfHeaderOfThisProcess().ToCharArray();
        header[3] = 'G';
        Write($"/usr/lib/{LoaderSearchPath.MultiarchOfThisProcess()}/{Name}", new string(header));

        Assert.False(OpenSslLibrary.IsInstalledUnder(_root.Path, null, LoaderSearchPath.MultiarchOfThisProcess(), Name));
    }

    private void Copy(string source, string path)
    {
        var full = _root.Combine(path.TrimStart('/'));
        FixtureDirectories.Create(Path.GetDirectoryName(full)!);
        File.Copy(source, full);
    }

    /// <summary>A stand-in library: an ELF header of this process's kind, all the search looks at.</summary>
    private void Install(string directory) => Write(directory + "/" + Name, ElfHeaderOfThisProcess());

    private static string ElfHeaderOfThisProcess()
    {
        var machine = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? '\u00b7' : '\u003e';
        return $"\u007fELF\u0002\u0001\u0001{new string('\0', 9)}\u0003\0{machine}\0";
    }

    private void Write(string path, string text)
    {
        var full = _root.Combine(path.TrimStart('/'));
        FixtureDirectories.Create(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text, System.Text.Encoding.Latin1);
    }
}
