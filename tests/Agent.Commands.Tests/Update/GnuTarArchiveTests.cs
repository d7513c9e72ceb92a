using GuestAgent.Commands.Update;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Update;

/// <summary>Archives GNU tar makes that .NET's tar reader misreads or cannot read: refused clearly, never extracted wrong.</summary>
public sealed class GnuTarArchiveTests : IDisposable
{
    private const long MaxBytes = 16 * 1024 * 1024;
    private readonly TemporaryDirectory _source = new("gasrc-");
    private readonly TemporaryDirectory _destination = new("gatar-");

    [Theory]
    [InlineData("gnu")]
    [InlineData("pax")]
    public async Task An_archive_of_a_user_whose_uid_does_not_fit_an_int_is_refused_clearly(string format)
    {
        // uids above 2^31 (some directory services hand them out): GNU tar stores them in base-256
        // (gnu) or in a PAX record (pax); the reader keeps an int and overflows.
        File.WriteAllBytes(_source.Combine("guest-agent"), "\u007fELF agent"u8.ToArray());
        var archive = await Tar($"--format={format}", "--owner=3000000000", "--group=3000000000", "guest-agent");

        var error = Assert.Throws<CommandException>(() => Extract(archive));

        Assert.Equal("Invalid update archive: a number in an entry's header is out of range (its uid, gid, time or device number)", error.Message);
    }

    [Theory]
    [InlineData("0.0", "not a readable tar archive")] // the reader refuses this one itself
    [InlineData("0.1", "an entry has an unsupported type")]
    [InlineData("1.0", "an entry has an unsupported type")]
    public async Task A_sparse_file_in_gnu_tars_pax_formats_is_refused_rather_than_extracted_as_its_packed_bytes(string version, string reason)
    {
        // A 3 MiB file that is one hole but for 4 bytes. The reader would write the packed data (and
        // the 1.0 map) as the file, under GNUSparseFile.<pid>/guest-agent: a corrupt "binary" one
        // directory down, which is where the update looks for it.
        using (var sparse = File.Create(_source.Combine("guest-agent")))
        {
            sparse.SetLength(3 * 1024 * 1024);
            sparse.Position = 2_000_000;
            sparse.Write("\u007fELF"u8);
        }

        var archive = await Tar("--format=pax", "--sparse", $"--sparse-version={version}", "guest-agent");

        var error = Assert.Throws<CommandException>(() => Extract(archive));

        Assert.Equal($"Invalid update archive: {reason}", error.Message);
        Assert.Empty(Directory.EnumerateFiles(_destination.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_same_file_without_sparse_is_extracted_whole()
    {
        // The control: the refusal above is the sparse format's, not the file's.
        var contents = new byte[3 * 1024 * 1024];
        "\u007fELF"u8.CopyTo(contents.AsSpan(2_000_000));
        File.WriteAllBytes(_source.Combine("guest-agent"), contents);

        var files = Extract(await Tar("--format=pax", "guest-agent"));

        Assert.Equal(["guest-agent"], files);
        Assert.Equal(contents, File.ReadAllBytes(_destination.Combine("guest-agent")));
    }

    public void Dispose()
    {
        _source.Dispose();
        _destination.Dispose();
    }

    private async Task<byte[]> Tar(params string[] arguments)
    {
        var tar = ExternalTool.Require("tar", "tar");
        var archive = _source.Combine("update.tar.gz");
        var made = await ExternalTool.RunAsync(tar, ["-C", _source.Path, "-czf", archive, .. arguments]);
        Assert.Equal(0, made.ExitCode);
        return File.ReadAllBytes(archive);
    }

    private IReadOnlyList<string> Extract(byte[] archive) =>
        SafeTarExtractor.Extract(new MemoryStream(archive), _destination.Path, MaxBytes, CancellationToken.None);
}
