using System.Formats.Tar;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>
/// A file named twice on GNU tar's command line (<c>tar -czf u.tgz guest-agent-1.5 guest-agent-1.5/guest-agent</c>,
/// or <c>guest-agent .</c>) is archived once and then again as a hard link to itself (<c>h … link to
/// guest-agent-1.5/guest-agent</c>). GNU tar and the original agent's <c>tarfile</c> extract such an archive to the
/// one file; the agent must take one to the very file it follows as that file, not as a second name given twice.
/// </summary>
public sealed class GnuTarFileNamedTwiceTests : IDisposable
{
    private const long MaxBytes = 16 * 1024 * 1024;
    private readonly TarWorkbench _bench = new();
    private readonly byte[] _contents = MakeContents();

    public GnuTarFileNamedTwiceTests()
    {
        Directory.CreateDirectory(_bench.Source.Combine("guest-agent-1.5"));
        File.WriteAllBytes(_bench.Source.Combine("guest-agent-1.5/guest-agent"), _contents);
    }

    [Theory]
    [InlineData("guest-agent-1.5/guest-agent", new[] { "guest-agent-1.5", "guest-agent-1.5/guest-agent" })]
    [InlineData("guest-agent", new[] { "-C", "guest-agent-1.5", "guest-agent", "." })]
    // Its link then names "./guest-agent" as the entry does: the same file.
    [InlineData("guest-agent", new[] { "-C", "guest-agent-1.5", "./guest-agent", "." })]
    public async Task A_file_named_twice_is_extracted_once(string extracted, string[] names)
    {
        var archive = await _bench.Tar(["--gzip", .. names]);
        // The real tools agree that this is an archive to extract.
        Assert.True(await _bench.GnuTarExtracts(archive, "-xzf", "gzip", "gzip"));
        Assert.True(await _bench.PythonTarfileExtracts(archive));

        var files = _bench.Extract(archive, MaxBytes);

        Assert.Equal([extracted], files);
        Assert.Equal(_contents, File.ReadAllBytes(_bench.Destination.Combine(extracted)));
    }

    [Theory]
    [InlineData("a link to itself alone")]
    [InlineData("a link to itself after a directory")]
    [InlineData("a link to itself after a symbolic link")]
    [InlineData("a link over the file to another file")]
    [InlineData("a link over the file to a later file")]
    public void A_hard_link_that_does_not_follow_its_own_file_is_still_refused(string kind)
    {
        // The control: only a link to the regular file just written under the same name names nothing new.
        var archive = kind switch
        {
            "a link to itself alone" => new UpdateArchive().Link("guest-agent", "guest-agent", TarEntryType.HardLink),
            "a link to itself after a directory" => new UpdateArchive().Directory("guest-agent").Link("guest-agent", "guest-agent", TarEntryType.HardLink),
            "a link to itself after a symbolic link" =>
                new UpdateArchive().File("real", _contents).Link("guest-agent", "real").Link("guest-agent", "guest-agent", TarEntryType.HardLink),
            // GNU tar would leave guest-agent holding other's bytes: not the file just before it.
            "a link over the file to another file" =>
                new UpdateArchive().File("other", "#!/bin/sh\n"u8.ToArray()).File("guest-agent", _contents).Link("guest-agent", "other", TarEntryType.HardLink),
            _ => new UpdateArchive().File("guest-agent", "#!/bin/sh\n"u8.ToArray()).File("other", _contents).Link("guest-agent", "other", TarEntryType.HardLink),
        };

        var error = Assert.Throws<CommandException>(() => _bench.Extract(archive.ToBytes(), MaxBytes));

        Assert.StartsWith("Invalid update archive: ", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _bench.Dispose();

    private static byte[] MakeContents()
    {
        var contents = new byte[50_000];
        new Random(5).NextBytes(contents);
        "\u007fELF"u8.CopyTo(contents);
        return contents;
    }
}
