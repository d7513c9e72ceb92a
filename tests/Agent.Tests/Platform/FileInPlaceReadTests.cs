using System.Text;
using GuestAgent.Platform;
using GuestAgent.Platform.Native;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// What <see cref="RootedFileSystem.ReadRegularFile"/> reads through (<see cref="FileInPlace"/>), with
/// the file changed right after its one look, as a race would: replaced, it is still the file looked at
/// that is read; written to, it is read to its end, longer or shorter than its status said.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FileInPlaceReadTests
{
    [Fact]
    public async Task A_file_replaced_after_the_look_is_still_the_one_read()
    {
        using var root = new TemporaryDirectory();
        var host = root.Combine("config");
        File.WriteAllText(host, "old contents");
        await Xattrs.SetAsync(host, "user.origin", "image");
        var other = root.Combine("other");
        File.WriteAllText(other, "replaced");

        using var found = FileInPlace.Open(host);
        File.Move(other, host, overwrite: true);

        Assert.Equal("old contents", Encoding.UTF8.GetString(found.ReadToEnd(host)));
        Assert.Equal("image", Encoding.UTF8.GetString(ExtendedAttributes.ByName(ExtendedAttributes.Read(found.Handle, host, out _), host)["user.origin"].Span));
    }

    [Fact]
    public void A_file_that_grew_after_the_look_is_read_to_its_end()
    {
        using var root = new TemporaryDirectory();
        var host = root.Combine("config");
        File.WriteAllText(host, "0123456789");
        var more = new string('x', 10_000) + "end";

        using var found = FileInPlace.Open(host);
        File.AppendAllText(host, more);

        Assert.Equal(10L, found.Status!.Value.Size);
        Assert.Equal("0123456789" + more, Encoding.UTF8.GetString(found.ReadToEnd(host)));
    }

    [Fact]
    public void A_file_that_shrank_after_the_look_is_read_to_its_end()
    {
        using var root = new TemporaryDirectory();
        var host = root.Combine("config");
        File.WriteAllText(host, new string('x', 100));

        using var found = FileInPlace.Open(host);
        File.WriteAllText(host, "short");

        Assert.Equal("short", Encoding.UTF8.GetString(found.ReadToEnd(host)));
    }

    [Fact]
    public void A_file_longer_than_an_array_holds_is_refused_before_anything_is_read()
    {
        using var root = new TemporaryDirectory();
        var host = root.Combine("config");
        using (var sparse = File.Create(host))
        {
            sparse.SetLength(3L << 30);
        }

        using var found = FileInPlace.Open(host);

        Assert.Equal($"'{host}' is too long to read into memory", Assert.Throws<IOException>(() => found.ReadToEnd(host)).Message);
    }
}
