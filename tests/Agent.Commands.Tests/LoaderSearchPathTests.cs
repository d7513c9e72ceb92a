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

    public void Dispose() => _root.Dispose();

    private void Install(string directory) => Write(directory + "/" + Name, "\u007fELF\u0002\u0001\u0001");

    private void Write(string path, string text)
    {
        var full = _root.Combine(path.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
