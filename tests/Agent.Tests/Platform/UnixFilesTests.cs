using GuestAgent.Platform.Native;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="UnixFiles"/>: a stream it opens creates its file with the mode asked for (less the
/// umask) and holds it alone (.NET's advisory lock for <see cref="FileShare.None"/>), and a mode set
/// through a handle is the file's.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class UnixFilesTests
{
    [Fact]
    public void A_created_file_has_the_mode_asked_for_and_the_stream_holds_it_alone()
    {
        using var root = new TemporaryDirectory();
        var path = root.Combine("journal");

        using var stream = new FileStream(path, UnixFiles.Options(FileMode.CreateNew, FileAccess.Write, UnixFileMode.UserRead | UnixFileMode.UserWrite));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Throws<IOException>(() => new FileStream(path, UnixFiles.Options(FileMode.Append, FileAccess.Write, UnixFileMode.UserRead)));
    }

    [Fact]
    public void A_mode_set_through_a_handle_or_a_path_is_the_file_s()
    {
        using var root = new TemporaryDirectory();
        var path = root.Combine("file");
        File.WriteAllText(path, "x");
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);

        UnixFiles.SetMode(handle, UnixFileMode.UserRead);
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(path));
        UnixFiles.SetMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
    }
}
