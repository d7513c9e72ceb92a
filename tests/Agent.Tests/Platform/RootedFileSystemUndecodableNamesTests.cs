using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// <see cref="RootedFileSystem.ListUndecodableNames"/>: the names of a directory that are not valid UTF-8, as stored,
/// read with <c>readdir</c> (.NET's enumeration gives each with <c>U+FFFD</c>, a path that names no file).
/// </summary>
public sealed class RootedFileSystemUndecodableNamesTests
{
    [Fact]
    public void Names_that_are_not_utf8_are_given_as_their_bytes_sorted_and_no_other()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        var directory = Directory.CreateDirectory(root.Combine("d")).FullName;
        byte[][] raw = [RawFileNames.Latin1("z\xE9"), RawFileNames.Latin1("caf\xE9.network"), [0x61, 0xC3], RawFileNames.Latin1("\xFF")];
        foreach (var name in raw)
        {
            RawFileNames.Create(directory, name, "x", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // Valid UTF-8, U+FFFD itself included: each a path that names its file.
        File.WriteAllText(Path.Combine(directory, "caf\u00E9.network"), "x");
        File.WriteAllText(Path.Combine(directory, "\uFFFD"), "x");
        Directory.CreateDirectory(Path.Combine(directory, "sub"));
        try
        {
            var names = fs.ListUndecodableNames("/d");

            Assert.Equal(["61 C3", "63 61 66 E9 2E 6E 65 74 77 6F 72 6B", "7A E9", "FF"], names.Select(name => Convert.ToHexString(name).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => $"{a} {b}")));
            Assert.Equal(7, fs.ListDirectory("/d").Count);
            Assert.Empty(fs.ListUndecodableNames("/missing"));
            Assert.Empty(fs.ListUndecodableNames("/d/sub"));
            Assert.Empty(fs.ListUndecodableNames("/d/caf\u00E9.network"));
        }
        finally
        {
            foreach (var name in raw)
            {
                RawFileNames.Remove(directory, name);
            }
        }
    }

    [Fact]
    public void A_directory_that_cannot_be_opened_or_read_is_an_error_naming_it()
    {
        using var root = new TemporaryDirectory();
        var fs = new RootedFileSystem(root.Path);
        Directory.CreateDirectory(root.Combine("d"));
        IOException? error = null;

        SyscallTrace.Failing(() => error = Assert.Throws<IOException>(() => fs.ListUndecodableNames("/d")), "openat", "EACCES", root.Combine("d"));

        Assert.StartsWith("opendir failed for '" + root.Combine("d") + "': ", error!.Message, StringComparison.Ordinal);

        // A read that fails part way (an I/O error on the directory's blocks) is an error too, never a short list.
        SyscallTrace.Failing(() => error = Assert.Throws<IOException>(() => fs.ListUndecodableNames("/d")), "getdents64", "EIO", root.Combine("d"));

        Assert.StartsWith("readdir failed for '" + root.Combine("d") + "': ", error!.Message, StringComparison.Ordinal);
    }
}
